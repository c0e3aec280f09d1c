import calendar
import datetime
from pathlib import PurePath

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.csp import CSP
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from comments.views import CommentsMixin
from posts import navigation, search
from posts.models import Byline, Category, Document, Page, Post
from posts.navigation import Crumb
from posts.paging import keyset_page
from posts.search import clean_query, search_posts
from posts.storage import FOLDER


class PostListMixin:
    """Every public list of posts starts from published() and pages by ten, newest first,
    with "Older" and "Newer" links that continue from a post (posts.paging)."""

    paginate_by = 10
    sticky_first = False
    template_name = "posts/post_list.html"

    def get_queryset(self):
        return Post.objects.published().in_language(get_language()).for_listing()

    def paginate_queryset(self, queryset, page_size):
        page = keyset_page(queryset, self.request.GET, page_size, sticky_first=self.sticky_first)
        return None, page, page.object_list, page.has_other_pages()


class HomeView(PostListMixin, ListView):
    # WordPress's own short links, "/?p=123" and "/?page_id=45", kept alive by the import.
    OLD_LINK_PARAMETERS = ("p", "page_id")

    def get(self, request, *args, **kwargs):
        for name in self.OLD_LINK_PARAMETERS:
            if name in request.GET:
                return self.old_link(name, request.GET[name])
        return super().get(request, *args, **kwargs)

    def old_link(self, name, value):
        if value.isascii() and value.isdigit():
            found = Redirect.objects.filter(
                site_id=settings.SITE_ID, old_path=f"/?{name}={int(value)}"
            ).first()
            if found and found.new_path:
                return HttpResponsePermanentRedirect(found.new_path)
        raise Http404(_("No such post."))

    sticky_first = True


class CategoryView(PostListMixin, ListView):
    def get_queryset(self):
        categories = list(Category.objects.all())
        self.category = next((c for c in categories if c.slug == self.kwargs["slug"]), None)
        if self.category is None:
            raise Http404(_("No such category."))
        by_id = {c.pk: c for c in categories}
        self.ancestors = []
        parent = by_id.get(self.category.parent_id)
        while parent is not None and parent not in self.ancestors:
            self.ancestors.insert(0, parent)
            parent = by_id.get(parent.parent_id)
        ids = Category.descendant_ids(self.category, categories)
        # Posts are picked by id first, so a post in two sub-categories counts once.
        matching = Post.objects.filter(categories__in=ids).values("pk")
        return super().get_queryset().filter(pk__in=matching)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            archive_title=self.category.name,
            archive_kind=_("Category"),
            archive_description=self.category.description,
            breadcrumbs=[
                *(Crumb(parent.name, parent.get_absolute_url()) for parent in self.ancestors),
                Crumb(self.category.name),
            ],
            feed_url_name="posts:category-feed",
            feed_object=self.category,
            **kwargs,
        )


class TagView(PostListMixin, ListView):
    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            archive_title=self.tag.name,
            archive_kind=_("Tag"),
            breadcrumbs=[Crumb(f"#{self.tag.name}")],
            feed_url_name="posts:tag-feed",
            feed_object=self.tag,
            **kwargs,
        )


class BylineView(PostListMixin, ListView):
    def get_queryset(self):
        self.byline = get_object_or_404(Byline, slug=self.kwargs["slug"])
        return super().get_queryset().filter(byline=self.byline)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            archive_title=self.byline.name,
            archive_kind=_("Byline"),
            archive_description=self.byline.bio,
            breadcrumbs=[Crumb(self.byline.name)],
            **kwargs,
        )


class DateArchiveView(PostListMixin, ListView):
    def get_queryset(self):
        year, month = self.kwargs["year"], self.kwargs.get("month")
        if not 1900 <= year <= 2999 or (month is not None and not 1 <= month <= 12):
            raise Http404(_("No such date."))
        tz = timezone.get_current_timezone()
        if month:
            start = datetime.datetime(year, month, 1, tzinfo=tz)
            end = start + datetime.timedelta(days=calendar.monthrange(year, month)[1])
        else:
            start = datetime.datetime(year, 1, 1, tzinfo=tz)
            end = start.replace(year=year + 1)
        self.start = start
        return super().get_queryset().filter(published_at__gte=start, published_at__lt=end)

    def get_context_data(self, **kwargs):
        month = self.kwargs.get("month")
        year = Crumb(date_format(self.start, "Y"))
        if month:
            url = reverse("posts:archive-year", kwargs={"year": self.start.year})
            trail = [year._replace(url=url), Crumb(date_format(self.start, "YEAR_MONTH_FORMAT"))]
        else:
            trail = [year]
        return super().get_context_data(
            archive_kind=_("Archive"),
            archive_date=self.start,
            archive_month=month,
            breadcrumbs=trail,
            **kwargs,
        )


class SearchView(PostListMixin, ListView):
    """Ranked, so paged by number: search_posts() ranks a bounded number of matches."""

    template_name = "posts/search.html"
    paginate_queryset = ListView.paginate_queryset

    def get_queryset(self):
        self.query = clean_query(self.request.GET.get("q"))
        return search_posts(self.query)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            query=self.query,
            ranked_matches=search.RANKED_MATCHES,
            breadcrumbs=[Crumb(_("Search"))],
            **kwargs,
        )


class PreviewMixin:
    """Staff who may edit an item can preview it unpublished; nobody else sees it."""

    preview_permission = None

    def get_queryset(self):
        if self.request.user.has_perm(self.preview_permission):
            return self.model.objects.all()
        return self.model.objects.published()

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if not self.object.is_published:
            add_never_cache_headers(response)
        return response


class PostDetailView(CommentsMixin, PreviewMixin, DetailView):
    model = Post
    preview_permission = "posts.change_post"

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if user.has_perm("posts.add_post") and not user.has_perm("posts.publish_post"):
            # Authors preview their own posts only, as PostAdmin shows them only their own.
            queryset = queryset.filter(
                Q(created_by=user) | Q(pk__in=Post.objects.published().values("pk"))
            )
        return (
            queryset.select_related("byline", "featured_image")
            .defer("search_vector")
            .prefetch_related(Prefetch("documents", queryset=Document.objects.published()))
            .with_terms()
        )

    def get_context_data(self, **kwargs):
        post = self.object
        root = post.translation_of_id or post.pk
        translations = (
            Post.objects.published()
            .filter(Q(pk=root) | Q(translation_of=root))
            .exclude(pk=post.pk)
            .only("slug", "title", "language")
        )
        return super().get_context_data(
            translations=list(translations),
            **navigation.for_post(post, get_language()),
            **kwargs,
        )


class PageDetailView(CommentsMixin, PreviewMixin, DetailView):
    model = Page
    preview_permission = "posts.change_page"

    def get_context_data(self, **kwargs):
        page = self.object
        kwargs["breadcrumbs"] = navigation.for_page(page)
        if page.allow_comments or page.comment_count:
            return super().get_context_data(**kwargs)
        # Most pages (About, Privacy) never had comments: skip the thread and its queries.
        return super(CommentsMixin, self).get_context_data(**kwargs)


class DocumentListView(ListView):
    paginate_by = 20
    template_name = "posts/document_list.html"

    def get_queryset(self):
        return Document.objects.published()

    def get_context_data(self, **kwargs):
        return super().get_context_data(breadcrumbs=[Crumb(_("Documents"))], **kwargs)


# A downloaded file may load, run and frame nothing, even if a browser opens it in place.
DOCUMENT_CSP = {
    "default-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "sandbox": True,
}


@require_safe
@csp_override(DOCUMENT_CSP)
def document_file(request, name):
    """A document's file, always as a download: published ones for everyone, the others
    only for staff who can see them in the admin. Even opened in place, it can run nothing."""
    user = request.user
    staff_view = user.has_perm("posts.view_document") or user.has_perm("posts.change_document")
    documents = Document.objects.all() if staff_view else Document.objects.published()
    document = get_object_or_404(documents, file=FOLDER + name)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("This document’s file is missing.")) from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=PurePath(document.file.name).name,
        content_type=document.content_type or "application/octet-stream",
    )
    if not document.is_published:
        add_never_cache_headers(response)
    return response
