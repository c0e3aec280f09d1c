from django.contrib import messages
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django.views.generic import DetailView, ListView

from campaigns.calendar import build_calendar
from campaigns.forms import PledgeForm, TimeZoneForm
from campaigns.maps import world_map
from campaigns.models import Action, Campaign, Pledge, Relationship, Update
from campaigns.timezones import COMMON_ZONES, reader_zone
from comments.views import CommentsMixin
from inpud_site.abuse import check_rate, received_before, release_rate
from posts.models import Document, Post
from posts.navigation import Crumb
from posts.views import PreviewMixin

PREVIEW_PERMISSION = "campaigns.change_campaign"


def with_page_data(queryset):
    """A campaign with everything its page shows, in a fixed number of queries."""
    pledges = (
        Pledge.objects.filter(campaign=OuterRef("pk"))
        .order_by()
        .values("campaign")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return (
        queryset.select_related("hero_image")
        .annotate(pledge_count=Coalesce(Subquery(pledges, output_field=IntegerField()), Value(0)))
        .prefetch_related(
            "demands",
            Prefetch("actions", queryset=Action.objects.prefetch_related("organisations")),
            Prefetch("updates", queryset=Update.objects.posted().select_related("action")),
            Prefetch("documents", queryset=Document.objects.published()),
            Prefetch("related_posts", queryset=Post.objects.published()),
        )
    )


def organisations_of(actions):
    """The organisations leading the actions, once each: (members, partners)."""
    found = {}
    for action in actions:
        for organisation in action.organisations.all():
            found[organisation.pk] = organisation
    ordered = sorted(found.values(), key=lambda organisation: organisation.name.casefold())
    members = [o for o in ordered if o.relationship == Relationship.MEMBER]
    return members, [o for o in ordered if o.relationship != Relationship.MEMBER]


def page_context(request, campaign):
    """What campaigns/campaign_detail.html needs."""
    actions = list(campaign.actions.all())
    wanted = request.GET.get("tz", "")
    zones = {*COMMON_ZONES, *(action.time_zone for action in actions)}
    if reader_zone(wanted):
        zones.add(wanted)
    zone_form = TimeZoneForm(
        request.GET if "tz" in request.GET else None,
        zones=zones,
        at=campaign.starts_at or timezone.now(),
    )
    members, partners = organisations_of(actions)
    root = campaign.translation_of_id or campaign.pk
    translations = (
        Campaign.objects.published()
        .filter(Q(pk=root) | Q(translation_of=root))
        .exclude(pk=campaign.pk)
        .only("slug", "title", "language")
    )
    return {
        "campaign": campaign,
        "object": campaign,
        "actions": actions,
        "map": world_map(actions),
        "members": members,
        "partners": partners,
        "zone_form": zone_form,
        "reader_zone": zone_form.zone(),
        "translations": list(translations),
    }


class CampaignListView(PreviewMixin, ListView):
    model = Campaign
    preview_permission = PREVIEW_PERMISSION
    paginate_by = 20
    template_name = "campaigns/campaign_list.html"

    def get_queryset(self):
        return super().get_queryset().for_listing().in_list_order()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaigns = list(context["page_obj"])
        context["current"] = [campaign for campaign in campaigns if not campaign.is_past]
        context["past"] = [campaign for campaign in campaigns if campaign.is_past]
        context["breadcrumbs"] = [Crumb(_("Campaigns"))]
        return context

    def render_to_response(self, context, **kwargs):
        # PreviewMixin checks one object; a list is a preview whenever drafts may be in it.
        response = super(PreviewMixin, self).render_to_response(context, **kwargs)
        if self.request.user.has_perm(self.preview_permission):
            add_never_cache_headers(response)
        return response


class CampaignDetailView(CommentsMixin, PreviewMixin, DetailView):
    model = Campaign
    preview_permission = PREVIEW_PERMISSION

    def get_queryset(self):
        return with_page_data(super().get_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(page_context(self.request, self.object))
        context["just_pledged"] = just_pledged(self.request)
        campaign = self.object
        context["breadcrumbs"] = [
            Crumb(_("Campaigns"), reverse("campaigns:list")),
            Crumb(campaign.title, lang=campaign.language),
        ]
        return context


PLEDGE_RATE = {"limit": 5, "window": 3600, "flood_seconds": 30}
PLEDGED = "pledged"  # the tag of the thanks a reader sees after pledging


def just_pledged(request):
    """Whether the reader comes back from pledging: the thanks is among their messages.

    Nothing else says who pledged, so on a later visit the pledge button shows again. An
    empty message store is not read, which would send a cookie and keep the page out of the
    cache."""
    waiting = messages.get_messages(request)
    return bool(waiting) and any(PLEDGED in message.extra_tags.split() for message in waiting)


def save_pledge(request, form, campaign):
    try:
        with transaction.atomic():
            form.save_for(campaign, language=get_language())
    except IntegrityError:
        if received_before(Pledge, form) is None:  # else: the same form, sent twice at once
            raise
    except DatabaseError:
        release_rate(request, "pledge")
        raise  # answered with 503 and the text kept (DatabaseOutageMiddleware)


@require_http_methods(["GET", "POST"])
def pledge(request, slug):
    """The pledge form on a page of its own (so the campaign page holds no CSRF token and can
    be served from the cache); a pledge that is stored goes back to the campaign."""
    campaign = get_object_or_404(Campaign.objects.published(), slug=slug)
    back = campaign.get_absolute_url() + "#pledge"
    if not campaign.accepts_pledges:
        messages.error(
            request, _("This campaign is no longer taking pledges. Thank you all the same.")
        )
        return redirect(back)
    form = PledgeForm(request.POST if request.method == "POST" else None)
    status = 200 if request.method == "GET" else 400
    if form.is_valid():
        earlier = received_before(Pledge, form)
        refusal = None if earlier else check_rate(request, "pledge", **PLEDGE_RATE)
        if refusal is None:
            if earlier is None:
                save_pledge(request, form, campaign)
            messages.success(
                request,
                _("Thank you: your pledge is counted. Nothing you wrote is shown on the site."),
                extra_tags=PLEDGED,
            )
            return redirect(back)
        form.add_error(None, refusal)
        status = 429
    context = {"campaign": campaign, "pledge_form": form}
    response = render(request, "campaigns/pledge.html", context, status=status)
    add_never_cache_headers(response)
    return response


def calendar_response(content, name):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.ics")
    return response


@require_GET
def campaign_calendar(request, slug):
    campaign = get_object_or_404(Campaign.objects.published(), slug=slug)
    actions = list(campaign.actions.prefetch_related("organisations"))
    return calendar_response(build_calendar(campaign, actions, request=request), campaign.slug)


@require_GET
def action_calendar(request, slug, pk):
    action = get_object_or_404(
        Action.objects.filter(campaign__in=Campaign.objects.published())
        .select_related("campaign")
        .prefetch_related("organisations"),
        campaign__slug=slug,
        pk=pk,
    )
    content = build_calendar(action.campaign, [action], request=request)
    return calendar_response(content, f"{action.campaign.slug}-{action.pk}")
