from django.urls import path, register_converter

from comments import views as comment_views
from posts import feeds, views
from posts.models import Page, Post


class UnicodeSlugConverter:
    """Slugs may hold letters of any script (Cyrillic, Greek …), as WordPress allows."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(UnicodeSlugConverter, "uslug")

app_name = "posts"
urlpatterns = [
    path("", views.HomeView.as_view(), name="list"),
    path("feed/", feeds.LatestPostsFeed(), name="feed"),
    path("feed/atom/", feeds.atom(feeds.LatestPostsFeed)(), name="feed-atom"),
    path("posts/<uslug:slug>/", views.PostDetailView.as_view(), name="detail"),
    path("posts/<uslug:slug>/comment/", comment_views.write, {"model": Post}, name="comment"),
    path("category/<uslug:slug>/", views.CategoryView.as_view(), name="category"),
    path("category/<uslug:slug>/feed/", feeds.CategoryFeed(), name="category-feed"),
    path(
        "category/<uslug:slug>/feed/atom/",
        feeds.atom(feeds.CategoryFeed)(),
        name="category-feed-atom",
    ),
    path("tag/<uslug:slug>/", views.TagView.as_view(), name="tag"),
    path("tag/<uslug:slug>/feed/", feeds.TagFeed(), name="tag-feed"),
    path("tag/<uslug:slug>/feed/atom/", feeds.atom(feeds.TagFeed)(), name="tag-feed-atom"),
    path("by/<uslug:slug>/", views.BylineView.as_view(), name="byline"),
    path("archive/<int:year>/", views.DateArchiveView.as_view(), name="archive-year"),
    path("archive/<int:year>/<int:month>/", views.DateArchiveView.as_view(), name="archive-month"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("documents/", views.DocumentListView.as_view(), name="documents"),
    # Pages last: they live at the top level (/about/, /privacy/).
    path("<uslug:slug>/", views.PageDetailView.as_view(), name="page"),
    path("<uslug:slug>/comment/", comment_views.write, {"model": Page}, name="page-comment"),
]
