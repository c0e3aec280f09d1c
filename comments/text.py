"""A reader's comment as HTML: escaped, bare URLs linked, line breaks kept.

It is worked out once, when the comment is saved (Comment.text_html), not on every page
that shows it: linking URLs was the largest single cost of a post page with 50 comments.
"""

from django.template.defaultfilters import linebreaksbr
from django.utils.html import Urlizer
from django.utils.safestring import mark_safe


class UgcUrlizer(Urlizer):
    """Django's own URL finder, with the rel a reader's link must carry."""

    url_template = '<a href="{href}" rel="ugc nofollow noopener">{url}</a>'


urlize_ugc = UgcUrlizer()


def to_html(text):
    linked = urlize_ugc(text, trim_url_limit=60, autoescape=True)
    return str(linebreaksbr(mark_safe(linked)))  # noqa: S308 (urlize escaped every word)
