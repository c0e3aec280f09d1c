from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, F, Func, OuterRef, Q, Value, When
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager

from comments.models import CommentTarget
from inpud_site.html import html_to_text, sanitize_html, split_more, summarize, xml_safe
from inpud_site.links import slug_url
from posts.models.base import Publishable, PublishableQuerySet
from posts.models.languages import CONTENT_LANGUAGES, SEARCH_CONFIGS, validate_translation
from posts.models.media import Document, Image
from posts.models.taxonomy import WithTermsIterable

EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False},
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "ListItem": True,
    "OrderedList": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Figure": True,
    "Caption": True,
    "Image": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
    "HTML": True,
}


# Pages live at /<slug>/, so they must not take the site's own first path segments.
RESERVED_PAGE_SLUGS = {
    "admin", "posts", "category", "tag", "by", "archive", "search", "documents",
    "feed", "media", "static", "i18n", "sitemap.xml", "robots.txt", "campaigns", "comments",
    *(code for code, _name in settings.LANGUAGES),
}  # fmt: skip


class PostgresOnly(Func):
    """Compile the wrapped expression on PostgreSQL and NULL elsewhere (SQLite)."""

    template = "%(expressions)s"

    def as_sql(self, compiler, connection, **extra_context):
        if connection.vendor != "postgresql":
            return "NULL", []
        return super().as_sql(compiler, connection, **extra_context)


def search_document():
    """Title, summary and text, stemmed in the post's own language."""

    def vector(config):
        return (
            SearchVector("title", config=Value(config), weight="A")
            + SearchVector("summary", config=Value(config), weight="B")
            + SearchVector("body_text", config=Value(config), weight="C")
        )

    return PostgresOnly(
        Case(
            *[When(language=code, then=vector(config)) for code, config in SEARCH_CONFIGS.items()],
            default=vector("simple"),
            output_field=SearchVectorField(),
        ),
        output_field=SearchVectorField(),
    )


class Rendered(models.Model):
    """Rich text sanitised on every save, with its plain text stored beside it."""

    body = ProseEditorField(
        _("body"),
        extensions=EDITOR_EXTENSIONS,
        sanitize=sanitize_html,
        blank=True,
        help_text=_("To end the excerpt shown in lists, type [more] alone in a paragraph."),
    )
    body_text = models.TextField(editable=False, blank=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.render()
        super().save(*args, **kwargs)

    def render(self):
        """Sanitise the body and derive the stored text from it."""
        self.title = xml_safe(self.title)
        self.body = sanitize_html(self.body)
        self.body_text = html_to_text(self.body)


class PostQuerySet(PublishableQuerySet):
    def in_language(self, language):
        """One post per translation group: the version in `language` if it is public, else
        the original."""
        translated = Post.objects.published().filter(
            translation_of=OuterRef("pk"), language=language
        )
        # One filter() call: each call clones the query built so far, subqueries and all.
        return self.filter(
            Q(language=language) | Q(translation_of__isnull=True) & ~Exists(translated)
        )

    def for_listing(self):
        """Everything a post summary shows, in a fixed number of queries."""
        return (
            self.select_related("byline", "featured_image")
            .defer("search_vector", "body_text", "body")
            .with_terms()
        )

    def with_terms(self):
        """Each post comes with `category_list` and `tag_list` (see attach_terms)."""
        clone = self._chain()
        clone._iterable_class = WithTermsIterable
        return clone


class Post(Rendered, Publishable, CommentTarget):
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_(
            "Short and clear: it is also the link text in lists, feeds and search results."
        ),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        allow_unicode=True,
        help_text=_(
            "The last part of the post's address, filled in from the title. Changing it "
            "after publishing breaks links that people have already shared."
        ),
    )
    byline = models.ForeignKey(
        "posts.Byline",
        verbose_name=_("byline"),
        on_delete=models.PROTECT,
        related_name="posts",
        help_text=_("The name the post is signed with in public."),
    )
    excerpt = models.TextField(
        _("excerpt"),
        blank=True,
        help_text=_(
            "Optional short summary for lists and feeds. If empty, the text before the "
            "“more” break is used, or else the first words."
        ),
    )
    summary = models.TextField(editable=False, blank=True)
    categories = models.ManyToManyField(
        "posts.Category",
        verbose_name=_("categories"),
        blank=True,
        related_name="posts",
        help_text=_(
            "The post appears in the archive of each category chosen, and in the archives "
            "of the categories above it."
        ),
    )
    tags = TaggableManager(
        _("tags"),
        through="posts.TaggedPost",
        blank=True,
        help_text=_(
            "Separate tags with commas, e.g. “naloxone, overdose”. Each tag has its own "
            "page and feed, and posts sharing a tag are offered as related reading."
        ),
    )
    featured_image = models.ForeignKey(
        Image,
        verbose_name=_("featured image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Optional. Shown at the top of the post and beside it in lists. Choose an "
            "image from the image library (upload it there first)."
        ),
    )
    documents = models.ManyToManyField(
        Document,
        verbose_name=_("documents"),
        blank=True,
        related_name="posts",
        help_text=_("Files offered for download at the end of the post."),
    )
    is_sticky = models.BooleanField(
        _("sticky"), default=False, help_text=_("Keep at the top of the home page.")
    )
    content_warning = models.CharField(
        _("content warning"),
        max_length=200,
        blank=True,
        help_text=_(
            "Optional, e.g. “overdose, death”. The text and image are then hidden until "
            "the reader chooses to show them."
        ),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=CONTENT_LANGUAGES,
        default="en",
        help_text=_(
            "The language the post is written in. Lists show each reader the version in "
            "their language when there is one."
        ),
    )
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        help_text=_("If this post translates another, choose the original here."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    search_vector = models.GeneratedField(
        expression=search_document(), output_field=SearchVectorField(), db_persist=True
    )

    objects = PostQuerySet.as_manager()

    class Meta(Publishable.Meta):
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        indexes = [
            models.Index(fields=["status", "-published_at"], name="posts_post_listing"),
            # The home page's order: sticky first, then newest. Walking this index, page 500
            # costs about what page 1 does.
            models.Index(
                F("is_sticky").desc(),
                F("published_at").desc(),
                F("id").desc(),
                condition=Q(status="published"),
                name="posts_post_home",
            ),
        ]
        permissions = [("publish_post", _("Can publish posts"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_url("posts:detail", self.slug)

    def clean(self):
        super().clean()
        validate_translation(self)

    def render(self):
        super().render()
        self.excerpt = xml_safe(self.excerpt)
        self.summary = self.excerpt.strip() or summarize(split_more(self.body) or self.body)

    @property
    def shows_updated(self):
        """Whether the post was changed noticeably after publication."""
        if not self.published_at:
            return False
        return (self.updated_at - self.published_at).days >= 1


class PageRole(models.TextChoices):
    """Standing pages every page links to in its footer."""

    PRIVACY = "privacy", _("Privacy page")
    CONTACT = "contact", _("Contact page")


class Page(Rendered, Publishable, CommentTarget):
    """A standing page such as About, Privacy or Contact. Comments are closed unless an
    editor opens them."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        allow_unicode=True,
        help_text=_(
            "The page's address on the site: /slug/. Filled in from the title; changing it "
            "breaks existing links."
        ),
    )
    menu_order = models.PositiveSmallIntegerField(
        _("menu order"), default=0, help_text=_("Lower numbers come first in the menu.")
    )
    show_in_menu = models.BooleanField(
        _("show in the header menu"),
        default=True,
        help_text=_("A link to the page in the menu at the top of every page, and at the bottom."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text=_("Optional. The page this one belongs under, shown as a link above its title."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=CONTENT_LANGUAGES,
        default="en",
        help_text=_("The language the page is written in."),
    )
    role = models.CharField(
        _("linked in the footer as"),
        max_length=20,
        choices=PageRole,
        blank=True,
        help_text=_(
            "Optional. Makes this the site's privacy or contact page: every page links to it "
            "at the bottom, whether or not it is in the header menu. One of each per "
            "language; readers get the one in their language, or else the English one."
        ),
    )
    allow_comments = models.BooleanField(_("comments open"), default=False)

    class Meta(Publishable.Meta):
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["menu_order", "title"]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(role="") | Q(role__in=PageRole.values), name="posts_page_role_valid"
            ),
            models.UniqueConstraint(
                fields=["role", "language"],
                condition=~Q(role=""),
                name="posts_page_one_per_role",
                violation_error_message=_(
                    "Another page in this language already has this role in the footer."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_url("posts:page", self.slug)

    def clean(self):
        super().clean()
        if self.slug in RESERVED_PAGE_SLUGS:
            raise ValidationError(
                {"slug": _("This address is used by the site itself; choose another.")}
            )
