from django.urls import path

from comments import feeds, views

app_name = "comments"
urlpatterns = [
    path("comments/feed/", feeds.LatestCommentsFeed(), name="feed"),
    path("comments/delete/<str:token>/", views.delete, name="delete"),
    path("comments/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
