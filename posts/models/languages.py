from django.utils.translation import gettext_lazy as _

# Languages content can be written in (wider than the four interface languages).
CONTENT_LANGUAGES = [
    ("en", _("English")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("pt", _("Portuguese")),
    ("uk", _("Ukrainian")),
    ("ka", _("Georgian")),
    ("ro", _("Romanian")),
    ("de", _("German")),
    ("ar", _("Arabic")),
]

# PostgreSQL text-search configurations; other languages use "simple".
SEARCH_CONFIGS = {
    "en": "english",
    "ru": "russian",
    "es": "spanish",
    "fr": "french",
    "pt": "portuguese",
    "de": "german",
    "ro": "romanian",
}
