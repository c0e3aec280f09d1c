"""Keyset pagination for lists of posts.

"Older" and "Newer" continue from the last or first post on the page, named in the link
(`?before=…` or `?after=…`), instead of skipping a number of rows. A list is never counted
and page 500 of the archive costs what page 1 costs: the database starts reading the
ordering's index at the post named, whatever the archive's size.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Position:
    """Where a post stands in a list: sticky first (on the home page), then newest first."""

    sticky: bool
    published_at: datetime.datetime
    pk: int

    @classmethod
    def of(cls, post):
        return cls(post.is_sticky, post.published_at, post.pk)

    def token(self):
        microseconds = round(self.published_at.timestamp() * 1_000_000)
        return f"{int(self.sticky)}.{microseconds}.{self.pk}"

    @classmethod
    def parse(cls, token):
        """The position a link names; a 404 for anything that is not one."""
        try:
            sticky, microseconds, pk = (int(part) for part in token.split("."))
            published_at = datetime.datetime.fromtimestamp(microseconds / 1_000_000, datetime.UTC)
        except (ValueError, OverflowError, OSError):
            raise Http404(_("No such page.")) from None
        if sticky not in (0, 1) or not 0 < pk < 2**63:
            raise Http404(_("No such page."))
        return cls(bool(sticky), published_at, pk)


def _beyond(position, sticky_first, *, older):
    """The posts after `position` in the list's order (newest first), or before it."""
    lt = "lt" if older else "gt"
    at = position.published_at
    # The range on published_at lets the index start at the position; the OR only sorts
    # out posts published in the same microsecond.
    same_pin = Q(**{f"published_at__{lt}e": at}) & (
        Q(**{f"published_at__{lt}": at}) | Q(**{f"pk__{lt}": position.pk})
    )
    if not sticky_first:
        return same_pin
    same_group = Q(is_sticky=position.sticky) & same_pin
    # Sticky posts come first: all the others are older than a sticky one, and all the
    # sticky ones newer than any other.
    if position.sticky == older:
        return same_group | Q(is_sticky=not position.sticky)
    return same_group


class KeysetPage:
    """One page of a list; iterates like Django's Page."""

    def __init__(self, posts, *, has_previous, has_next):
        self.object_list = posts
        self.has_previous = has_previous
        self.has_next = has_next
        self.is_first = not has_previous

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_other_pages(self):
        return self.has_previous or self.has_next

    @property
    def newer_token(self):
        return Position.of(self.object_list[0]).token() if self.has_previous else ""

    @property
    def older_token(self):
        return Position.of(self.object_list[-1]).token() if self.has_next else ""


def keyset_page(queryset, query, size, *, sticky_first=False):
    """The page of `queryset` that the request's query string asks for."""
    order = ("-is_sticky",) if sticky_first else ()
    newest_first = queryset.order_by(*order, "-published_at", "-pk")
    if "after" in query:
        position = Position.parse(query["after"])
        oldest_first = queryset.filter(_beyond(position, sticky_first, older=False)).order_by(
            *(field.lstrip("-") for field in order), "published_at", "pk"
        )
        posts = list(oldest_first[: size + 1])
        if len(posts) > size:
            return KeysetPage(posts[:size][::-1], has_previous=True, has_next=True)
        # Back at the top of the list: show the first page as it is now.
        posts = list(newest_first[: size + 1])
        return KeysetPage(posts[:size], has_previous=False, has_next=len(posts) > size)
    if "before" in query:
        position = Position.parse(query["before"])
        posts = list(newest_first.filter(_beyond(position, sticky_first, older=True))[: size + 1])
        return KeysetPage(posts[:size], has_previous=True, has_next=len(posts) > size)
    posts = list(newest_first[: size + 1])
    return KeysetPage(posts[:size], has_previous=False, has_next=len(posts) > size)
