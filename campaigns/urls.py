from django.urls import path

import posts.urls  # noqa: F401 (registers the "uslug" converter used below)
from campaigns import feeds, views
from campaigns.models import Campaign
from comments import views as comment_views

app_name = "campaigns"
urlpatterns = [
    path("campaigns/", views.CampaignListView.as_view(), name="list"),
    path("campaigns/<uslug:slug>/", views.CampaignDetailView.as_view(), name="detail"),
    path("campaigns/<uslug:slug>/pledge/", views.pledge, name="pledge"),
    path(
        "campaigns/<uslug:slug>/comment/",
        comment_views.write,
        {"model": Campaign},
        name="comment",
    ),
    path("campaigns/<uslug:slug>/calendar.ics", views.campaign_calendar, name="calendar"),
    path(
        "campaigns/<uslug:slug>/actions/<int:pk>/calendar.ics",
        views.action_calendar,
        name="action-calendar",
    ),
    path(
        "campaigns/<uslug:slug>/updates/atom/",
        feeds.CampaignUpdatesFeed(),
        name="updates-feed",
    ),
]
