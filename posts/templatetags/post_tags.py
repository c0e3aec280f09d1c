from django import template

from posts.search import highlight as highlight_snippet

register = template.Library()


@register.inclusion_tag("posts/includes/image.html")
def responsive_image(image, sizes="(min-width: 48rem) 44rem, 100vw", eager=False):
    """An <img> with every stored size in `srcset`, its alt text and its dimensions."""
    return {"image": image, "sizes": sizes, "eager": eager}


@register.filter
def highlight(snippet):
    return highlight_snippet(snippet)
