"""
A campaign page in a real browser: axe-core finds no serious or critical WCAG
problem, the pledge form works without help from any other site, and the page
reads at a phone's width.

axe-core comes from the npm registry into a cache directory on first use. If it
cannot be had, or does not run, the test fails: an accessibility check that
quietly skips proves nothing.
"""

import datetime
import os
import shutil
import subprocess
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from campaigns.forms import PledgeForm
from campaigns.models import ActionStatus, LocationVisibility, Organisation, Relationship, Update
from tests.browser.helpers import VIEWPORTS
from tests.factories import make_action, make_campaign, make_document, make_image, make_post

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE_DIR = Path(os.environ.get("INPUD_AXE_DIR", Path.home() / ".cache" / "inpud-axe"))
AXE_JS = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}


def axe_script():
    """The path of axe.min.js, installed from npm into AXE_DIR if it is not there yet."""
    if AXE_JS.exists():
        return AXE_JS
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("npm is missing, so axe-core cannot be installed (apt-get install npm).")
    result = subprocess.run(  # noqa: S603 (fixed arguments)
        [npm, "install", "--prefix", str(AXE_DIR), "--no-audit", "--no-fund", "axe-core@4"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0 or not AXE_JS.exists():
        pytest.fail(f"could not install axe-core into {AXE_DIR}:\n{result.stderr[-2000:]}")
    return AXE_JS


def axe_violations(page):
    """Run axe-core on the page; return its serious and critical violations."""
    # Evaluated, not added as a <script>: the site's Content Security Policy (rightly)
    # refuses inline scripts, and evaluate() runs beside it like a browser extension.
    page.evaluate(axe_script().read_text())
    results = page.evaluate(
        "async (tags) => {"
        "  const results = await axe.run(document, {runOnly: tags});"
        "  return {passes: results.passes.length, violations: results.violations.map("
        "    v => ({id: v.id, impact: v.impact, help: v.help,"
        "           nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))};"
        "}",
        AXE_TAGS,
    )
    assert results["passes"] > 0, "axe-core ran no check at all"
    return [violation for violation in results["violations"] if violation["impact"] in BLOCKING]


@pytest.fixture
def campaign():
    campaign = make_campaign(
        title="Overdose Awareness Day: naloxone in every pocket",
        slug="naloxone-day",
        summary="Peer groups hand out naloxone in public squares on four continents.",
        body="<p>Naloxone reverses an opioid overdose in minutes.</p>",
        hero_image=make_image(alt_text="Volunteers at a naloxone stall"),
        demands_intro="We call upon every health minister to:",
        hashtag="NaloxoneInEveryPocket",
        contact_role="Campaign team",
        contact_email="campaigns@example.org",
        pledge_call="Tell us if you want to hold a stall in your city.",
    )
    for order, text in enumerate(["sell naloxone without prescription;", "pay peers."], 1):
        campaign.demands.create(order=order, text=text)
    member = Organisation.objects.create(
        name="Lisbon Peers", relationship=Relationship.MEMBER, website="https://example.org/"
    )
    partner = Organisation.objects.create(name="Kathmandu Youth", country="Nepal")
    day = timezone.now().date() + timedelta(days=30)
    places = [
        ("Melbourne", "Australia", "Australia/Melbourne", "-37.818", "144.969", "exact"),
        ("Kathmandu", "Nepal", "Asia/Kathmandu", "27.704", "85.307", "on_request"),
        ("Nairobi", "Kenya", "Africa/Nairobi", "-1.289", "36.817", "city"),
        ("Lisbon", "Portugal", "Europe/Lisbon", "38.7075", "-9.1365", "exact"),
        ("Vancouver", "Canada", "America/Vancouver", "49.2825", "-123.095", "exact"),
    ]
    for city, country, zone, latitude, longitude, visibility in places:
        make_action(
            campaign,
            city=city,
            country=country,
            time_zone=zone,
            start_date=day,
            venue="Naloxone stall",
            address=f"Main square, {city}",
            location_visibility=LocationVisibility(visibility),
            latitude=Decimal(latitude),
            longitude=Decimal(longitude),
            status=ActionStatus.CANCELLED if city == "Nairobi" else ActionStatus.CONFIRMED,
            organisations=[member if city == "Lisbon" else partner],
            start_time=datetime.time(16),
        )
    Update.objects.create(
        campaign=campaign,
        title="Four cities confirmed",
        text="Training slides are on their way.",
        posted_at=timezone.now() - timedelta(days=1),
    )
    campaign.documents.add(make_document(title="Naloxone: a peer guide"))
    campaign.related_posts.add(make_post(title="Naloxone belongs in every pocket"))
    return campaign


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_campaign_page_passes_axe(visit, campaign, size):
    reader = visit(viewport=VIEWPORTS[size])
    page = reader.page
    reader.open(campaign.get_absolute_url() + "?tz=Europe/Moscow")
    assert page.get_by_role("heading", level=1).inner_text() == campaign.title
    assert page.get_by_role("table").is_visible()
    assert page.locator("figure.campaign-map svg").is_visible()
    assert page.locator("h2#pledge-heading").is_visible()
    violations = axe_violations(page)
    assert not violations, violations
    reader.screenshot(f"campaign-{size}")

    reader.open("/campaigns/")
    violations = axe_violations(page)
    assert not violations, violations
    reader.screenshot(f"campaign-list-{size}")
    reader.assert_same_origin()


def test_pledge_form_refuses_then_thanks(visit, campaign, monkeypatch):
    # A person needs at least three seconds to write; the browser does not.
    monkeypatch.setattr(PledgeForm, "min_seconds", 0)
    reader = visit(viewport=VIEWPORTS["phone"])
    page = reader.page
    reader.open(campaign.get_absolute_url())
    page.get_by_role("link", name="Pledge your support").click()
    page.wait_for_load_state()
    page.get_by_label("Name or pseudonym").fill("River")
    page.get_by_label("Message (optional)").fill("We can hold a stall in Bristol.")
    page.get_by_role("button", name="Send my pledge").click()
    page.wait_for_load_state()
    # No consent: the form comes back with the error and what was typed.
    assert "without your consent" in page.locator("#id_consent_error").inner_text()
    assert page.get_by_label("Name or pseudonym").input_value() == "River"
    violations = axe_violations(page)
    assert not violations, violations
    reader.screenshot("campaign-pledge-error")

    page.locator("#id_consent").check()
    page.get_by_role("button", name="Send my pledge").click()
    page.wait_for_url(f"**{campaign.get_absolute_url()}#pledge")
    assert "your pledge is counted" in page.locator(".messages").inner_text()
    assert "1 person has pledged support." in page.locator("#pledge").inner_text()
    assert page.get_by_text("River").count() == 0
    reader.assert_same_origin()
