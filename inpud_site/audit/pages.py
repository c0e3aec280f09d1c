"""Which addresses the audit checks, taken from the demo content in its throwaway database."""

import random
import re
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

COMMENTS_ON_HEAVY_POST = 50
SEARCH_WORD = "naloxone"

NAMES = ["Ana", "K.", "Tomasz", "Lena (Almaty)", "Jorge", "anonymous", "Mira", "Rustam"]


@dataclass(frozen=True)
class Target:
    name: str
    path: str


def comment_texts(count, seed=50):
    """`count` comments of 30 to 110 words drawn from the demo articles' own words.

    Words sampled at their natural frequency compress about as well as real prose (gzip
    keeps about 40 %), so the weight check is not flattered by repeated sentences.
    """
    from posts.demo.build import ARTICLES

    prose = " ".join(re.sub(r"<[^>]+>", " ", article["body"]) for article in ARTICLES)
    words = re.findall(r"[^\W\d_][\w'-]*", prose)
    rng = random.Random(seed)  # noqa: S311 - sample text, not a secret
    texts = []
    for _ in range(count):
        sentences, left = [], rng.randint(30, 110)
        while left > 0:
            length = min(left, rng.randint(6, 18))
            sentence = " ".join(rng.choice(words).lower() for _ in range(length))
            sentences.append(sentence.capitalize() + rng.choice(".....?!"))
            left -= length
        texts.append(" ".join(sentences))
    return texts


def add_comments(post, total=COMMENTS_ON_HEAVY_POST, now=None):
    """Give `post` `total` approved comments (every fifth a reply), as a busy thread has."""
    from comments import moderation
    from comments.models import Comment, CommentStatus

    now = now or timezone.now()
    missing = total - Comment.objects.filter(post=post).published().count()
    texts = comment_texts(max(missing, 0))
    top = None
    for number in range(max(missing, 0)):
        written = now - timedelta(hours=2 * (missing - number))
        is_reply = number % 5 == 4 and top is not None
        comment = Comment.objects.create(
            post=post,
            parent=top if is_reply else None,
            root=top if is_reply else None,
            depth=1 if is_reply else 0,
            name=NAMES[number % len(NAMES)],
            text=texts[number],
            status=CommentStatus.APPROVED,
            moderated_at=written,
        )
        Comment.objects.filter(pk=comment.pk).update(created_at=written)
        if not is_reply:
            top = comment
    moderation.recount(post)


def heavy_post():
    """The newest published post with a picture and no content warning."""
    from posts.models import Post

    return (
        Post.objects.published()
        .filter(content_warning="", featured_image__isnull=False)
        .order_by("-published_at")
        .first()
    )


def pick(post):
    """(pages, feeds): one Target per public page type, and the feeds to parse."""
    from campaigns.models import Campaign
    from posts.models import Category, Page, Post

    published = Post.objects.published()
    warned = published.exclude(content_warning="").order_by("-published_at").first()
    category = (
        Category.objects.filter(posts__in=published)
        .annotate(total=Count("posts"))
        .order_by("-total", "slug")
        .first()
    )
    tag = post.tags.order_by("slug").first()
    byline = post.byline
    newest = published.order_by("-published_at").first().published_at
    page = Page.objects.published().order_by("menu_order", "title").first()
    campaign = (
        Campaign.objects.published()
        .annotate(total=Count("updates"))
        .order_by("-total", "slug")
        .first()
    )
    pages = [
        Target("home", reverse("posts:list")),
        Target(f"post, {COMMENTS_ON_HEAVY_POST} comments", post.get_absolute_url()),
        Target("post with content warning", warned.get_absolute_url()),
        Target("category", category.get_absolute_url()),
        Target("tag", reverse("posts:tag", kwargs={"slug": tag.slug})),
        Target("byline", byline.get_absolute_url()),
        Target(
            "date archive",
            reverse("posts:archive-month", kwargs={"year": newest.year, "month": newest.month}),
        ),
        Target("search results", f"{reverse('posts:search')}?q={SEARCH_WORD}"),
        Target("page", page.get_absolute_url()),
        Target("documents", reverse("posts:documents")),
        Target("campaigns", reverse("campaigns:list")),
        Target("campaign", campaign.get_absolute_url()),
        Target("404", "/no-such-page-for-the-audit/"),
    ]
    feeds = [
        Target("site RSS", reverse("posts:feed")),
        Target("site Atom", reverse("posts:feed-atom")),
        Target("category RSS", reverse("posts:category-feed", kwargs={"slug": category.slug})),
        Target(
            "category Atom", reverse("posts:category-feed-atom", kwargs={"slug": category.slug})
        ),
        Target("tag RSS", reverse("posts:tag-feed", kwargs={"slug": tag.slug})),
        Target("tag Atom", reverse("posts:tag-feed-atom", kwargs={"slug": tag.slug})),
        Target("comments Atom", reverse("comments:feed")),
        Target(
            "campaign updates Atom",
            reverse("campaigns:updates-feed", kwargs={"slug": campaign.slug}),
        ),
    ]
    return pages, feeds
