"""Ways on from a page: breadcrumbs, the posts just before and after a post, related posts.

A post page reads its neighbours in one query and its related posts in one more, whatever the
number of posts. Both start from published() and show what the lists show in the reader's
language (PostQuerySet.in_language), never the post itself or one of its translations.
"""

from typing import NamedTuple

from django.db.models import Q, Subquery

from posts.models import Page, Post, TaggedPost

RELATED_COUNT = 3

# What a link to another post needs.
LINK_FIELDS = ("slug", "title", "language", "published_at")


class Crumb(NamedTuple):
    """One step of a breadcrumb trail; the last one, the current page, has no url."""

    name: str
    url: str | None = None
    lang: str | None = None


def for_page(page):
    """The breadcrumb trail of a page: the public pages it sits under, then itself.

    One query, and only for a page that has a parent. The trail stops at the first parent
    the public may not see, so a draft's title is never shown.
    """
    trail = [Crumb(page.title, lang=page.language)]
    if page.parent_id is None:
        return trail
    public = Page.objects.published().only("title", "slug", "language", "parent")
    by_pk = {other.pk: other for other in public}
    parent = by_pk.get(page.parent_id)
    while parent is not None and parent.pk != page.pk and len(trail) <= len(by_pk):
        trail.insert(0, Crumb(parent.title, parent.get_absolute_url(), parent.language))
        parent = by_pk.get(parent.parent_id)
    return trail


def for_post(post, language):
    """Context for a post page: `older_post`, `newer_post` (or None) and `related_posts`."""
    older, newer = neighbours(post, language)
    shown = [other.pk for other in (older, newer) if other is not None]
    return {
        "older_post": older,
        "newer_post": newer,
        "related_posts": related(post, language, exclude=shown),
    }


def others(post, language):
    """Published posts as the lists show them in `language`, without `post`'s translation
    group (the original and every translation of it)."""
    root = post.translation_of_id or post.pk
    return (
        Post.objects.published()
        .in_language(language)
        .exclude(Q(pk__in={post.pk, root}) | Q(translation_of=root))
    )


def neighbours(post, language):
    """(older, newer): the posts published just before and just after `post`, or None.

    One query: both are picked by a subquery each. The date bounds (the <= and >=) let the
    database walk the (status, -published_at) index from the post's date instead of from
    the newest post; the pk settles posts published at the same moment.
    """
    if post.published_at is None:
        return None, None
    when, pk = post.published_at, post.pk
    candidates = others(post, language)
    older = candidates.filter(
        Q(published_at__lte=when), Q(published_at__lt=when) | Q(pk__lt=pk)
    ).order_by("-published_at", "-pk")
    newer = candidates.filter(
        Q(published_at__gte=when), Q(published_at__gt=when) | Q(pk__gt=pk)
    ).order_by("published_at", "pk")
    found = (
        Post.objects.filter(
            Q(pk=Subquery(older.values("pk")[:1])) | Q(pk=Subquery(newer.values("pk")[:1]))
        )
        .order_by()
        .only(*LINK_FIELDS)
    )
    before = after = None
    for other in found:
        if (other.published_at, other.pk) < (when, pk):
            before = other
        else:
            after = other
    return before, after


def related(post, language, *, exclude=(), limit=RELATED_COUNT):
    """Up to `limit` posts sharing a tag or a category with `post`, newest first.

    Reads the post's tags and categories from the lists PostDetailView attached to it
    (PostQuerySet.with_terms), so this is one query, or none for a post without either.
    """
    tag_ids = [tag.pk for tag in post.tag_list]
    category_ids = [category.pk for category in post.category_list]
    shared = Q()
    if tag_ids:
        tagged = TaggedPost.objects.filter(tag_id__in=tag_ids)
        shared |= Q(pk__in=tagged.values("content_object_id"))
    if category_ids:
        filed = Post.categories.through.objects.filter(category_id__in=category_ids)
        shared |= Q(pk__in=filed.values("post_id"))
    if not shared:
        return []
    return list(
        others(post, language)
        .filter(shared)
        .exclude(pk__in=exclude)
        .order_by("-published_at", "-pk")
        .only(*LINK_FIELDS)[:limit]
    )
