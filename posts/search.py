"""
Full-text search over published posts.

PostgreSQL: a stored tsvector per post, stemmed in the post's language, matched
against the query parsed in every configured language, ranked, with a
highlighted snippet. SQLite: every word must appear somewhere in the post, newest
first, and the snippet is cut in Python.
"""

import re
from functools import reduce
from operator import and_

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, Q, Value, When
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe

from posts.models import Post
from posts.models.languages import SEARCH_CONFIGS

# Private-use characters mark the matches, so the snippet can be escaped first
# and only then given its <mark> tags.
START, STOP = "\ue000", "\ue001"
MAX_QUERY_LENGTH = 200
MAX_WORDS = 8


RANKED_MATCHES = 500


def clean_query(raw):
    return " ".join((raw or "").replace("\x00", "").split())[:MAX_QUERY_LENGTH]


def search_posts(raw_query):
    """Published posts matching the query, best first, each with a `snippet`."""
    query = clean_query(raw_query)
    posts = Post.objects.published().for_listing()
    if not query:
        return posts.none()
    if connection.vendor == "postgresql":
        return _postgres_search(posts, query)
    return _simple_search(posts, query)


def _postgres_search(posts, query):
    tsquery = EveryLanguageQuery(query)
    # A common word matches much of the archive; ranking every match would make search slower
    # as the archive grows. Only the newest matches are ranked, so its cost stays bounded.
    newest = posts.filter(search_vector=tsquery).order_by("-published_at", "-pk")
    ranked = (
        posts.filter(pk__in=newest.values("pk")[:RANKED_MATCHES])
        .annotate(rank=SearchRank(F("search_vector"), tsquery))
        .order_by("-rank", "-published_at")
        .values_list("pk", flat=True)
    )
    post_config = Case(
        *[When(language=code, then=Value(config)) for code, config in SEARCH_CONFIGS.items()],
        default=Value("simple"),
    )
    snippet = SearchHeadline(
        "body_text",
        tsquery,
        config=post_config,
        start_sel=START,
        stop_sel=STOP,
        max_words=35,
        min_words=15,
        max_fragments=2,
        fragment_delimiter=" … ",
    )
    return RankedResults(ranked, posts.annotate(snippet=snippet))


class EveryLanguageQuery(SearchQuery):
    """The query parsed with every language's configuration, ORed: one tsquery.

    One expression instead of a SearchQuery per configuration ORed together: Django copies
    and resolves that tree again at each use (match, rank, snippet), which cost a search
    2 ms of CPU. The query text and the configurations are parameters, as in SearchQuery.
    """

    CONFIGS = sorted({*SEARCH_CONFIGS.values(), "simple"})

    def __init__(self, text):
        super().__init__(text, search_type="websearch")
        self.text = text

    def as_sql(self, compiler, connection, **extra_context):
        sql = " || ".join(["websearch_to_tsquery(%s::regconfig, %s)"] * len(self.CONFIGS))
        return f"({sql})", [value for config in self.CONFIGS for value in (config, self.text)]


class RankedResults:
    """The matches' ids in rank order, read in one query; the posts of a page, with their
    snippets, in one more. Counting and paging need no second search of the archive."""

    def __init__(self, ranked_ids, posts):
        self.ranked_ids, self.posts = ranked_ids, posts

    @cached_property
    def ids(self):
        return list(self.ranked_ids)

    def count(self):
        return len(self.ids)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        wanted = self.ids[index]
        by_pk = {post.pk: post for post in self.posts.filter(pk__in=wanted)} if wanted else {}
        return [by_pk[pk] for pk in wanted if pk in by_pk]


class SimpleResults:
    """A lazily sliced result list that adds snippets only to the rows shown."""

    def __init__(self, queryset, words):
        self.queryset, self.words = queryset, words

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        rows = self.queryset[index]
        if isinstance(index, slice):
            rows = list(rows)
            for post in rows:
                post.snippet = python_snippet(post.body_text, self.words)
        return rows


def _simple_search(posts, query):
    words = re.findall(r"\w+", query)[:MAX_WORDS]
    if not words:
        return posts.none()
    condition = reduce(
        and_,
        (
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(body_text__icontains=word)
            for word in words
        ),
    )
    # The snippet is cut from body_text in Python here, so load it with the rows.
    newest = posts.filter(condition).order_by("-published_at", "-pk").values("pk")
    matching = posts.filter(pk__in=newest[:RANKED_MATCHES]).defer(None).defer("search_vector")
    return SimpleResults(matching.order_by("-published_at", "-pk"), words)


def python_snippet(text, words, radius=120):
    """A window of `text` around the first match, with every match marked."""
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    found = pattern.search(text)
    start = max(0, found.start() - radius) if found else 0
    window = text[start : start + radius * 2 + 40]
    window = ("…" if start else "") + window + ("…" if start + len(window) < len(text) else "")
    return pattern.sub(lambda match: f"{START}{match.group(0)}{STOP}", window)


def highlight(snippet):
    """Escape a snippet, then turn the match markers into <mark> elements."""
    escaped = escape(snippet or "")
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308
