from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in each interface language: plain links, no cookie, no form."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = get_language()
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]


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
