from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language, get_language_info, override

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in each interface language: plain links, no cookie, no form.

    The page's own URL match is reversed in each language; translate_url() would resolve
    the path again for every one of them."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    match = getattr(request, "resolver_match", None)
    current = get_language()
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": _in_language(match, path, code) if match else path,
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]


def _in_language(match, path, code):
    """`path` (which `match` resolved) in the language `code`, its query string kept."""
    with override(code):
        try:
            url = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return path
    query = path.partition("?")[2]
    return f"{url}?{query}" if query else url


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current URL with another page number, keeping the other query parameters."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()


@register.simple_tag(takes_context=True)
def query_url(context, **changes):
    """The current URL's query with these parameters set, the list's position ones dropped."""
    query = context["request"].GET.copy()
    for name in ("before", "after", "page"):
        query.pop(name, None)
    query.update(changes)
    return "?" + query.urlencode()


@register.filter
def iso_datetime(value):
    """A datetime for <time datetime>: ISO 8601 without microseconds."""
    return value.replace(microsecond=0).isoformat() if value else ""
