from django.core.exceptions import ValidationError
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


def validate_translation(item):
    """A translation points at an original (not at itself or another translation) in
    another language. For any model with `translation_of` and `language`."""
    original = item.translation_of
    if original is None:
        return
    if original.pk == item.pk:
        raise ValidationError({"translation_of": _("This cannot be a translation of itself.")})
    if original.translation_of_id:
        raise ValidationError(
            {"translation_of": _("Choose the original, not another translation.")}
        )
    if original.language == item.language:
        raise ValidationError(
            {"language": _("A translation must be in another language than its original.")}
        )
