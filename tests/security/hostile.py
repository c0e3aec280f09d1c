"""
Shared pieces of the hostile-input tests (issue 6, figure 3): test_hostile_forms.py and
test_hostile_content.py.

Each string must end as a form error or as stored text, never as an HTTP 500, and
every page that shows it must be DOM-safe (tests/security/dom.py): parsed as a browser
parses it, it holds no element, attribute, event handler or script URL that the same
page built from harmless data does not hold, and as many <script> elements.
"""

import re

from django.core.cache import cache
from django.test import TestCase
from django.utils import timezone

from comments import moderation
from comments.models import Comment, CommentStatus, ModerationSettings
from inpud_site.html import ALLOWED_ATTRIBUTES, ALLOWED_TAGS
from tests.comments.helpers import started
from tests.security.helpers import Findings, baseline_of, fresh_send, make_superuser
from tests.security.payloads import CONTEXT_PAYLOADS

ATOM = "{http://www.w3.org/2005/Atom}"
HARMLESS_COMMENTS = [
    {"name": "Ana", "text": "Thank you.\nSee https://example.org/guide for more."},
    {"name": "Bo", "text": "Plain words.", "url": "https://example.org/", "email": "b@example.org"},
]
# A comment's text may carry urlize's links and linebreaksbr's breaks, nothing else.
COMMENT_MARKUP = {"allowed_tags": {"a", "br"}, "allowed_attributes": {("a", "href"), ("a", "rel")}}
# What the staff-HTML sanitiser keeps from a post body (inpud_site/html.py).
BODY_MARKUP = {
    "allowed_tags": ALLOWED_TAGS,
    "allowed_attributes": {
        (tag, name) for tag, names in ALLOWED_ATTRIBUTES.items() for name in names
    }
    | {("a", "rel")},
}

# The team's strings that try to break out of markup (tags, quotes, script URLs, template
# syntax), for the checks made one page per string: each reply page, admin change form and
# pledge view. NUL is left out: the forms refuse it, and PostgreSQL refuses it even in a
# query.
BREAKOUTS = [
    payload
    for payload in CONTEXT_PAYLOADS
    if re.search(r"<|[\"'`]|script:|\{[{%]", payload, re.IGNORECASE) and "\x00" not in payload
]


def as_parsed(text):
    """A string as an HTML parser gives it back from text or an attribute value."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")


def fitting(payload, limit, default):
    return payload if len(payload) <= limit else default


class HostileInputCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.root = make_superuser()
        rules = ModerationSettings.current()
        rules.per_page = 5000  # every thread on one page: one page shows every comment
        rules.save()

    def setUp(self):
        self.findings = Findings()
        self.started = started()
        self.staff = self.client_class()
        self.staff.force_login(self.root)

    def assertNoFindings(self):
        self.assertEqual(self.findings.items, [], self.findings.report())

    def send(self, url, data):
        return fresh_send(self.client, "post", url, data)

    def sent(self, label, payload, response, reshown, **allowed):
        """A form submission ends as a redirect (stored) or a 400 showing the form again."""
        shown = self.findings.status(label, payload, response, {302, 400})
        if shown and response.status_code == 400:
            self.findings.page(label, payload, response.content, reshown, **allowed)

    def approve_all(self, target):
        """Approve every comment on `target`, as a moderator's bulk approval would."""
        Comment.objects.filter(**{target._meta.model_name: target}).update(
            status=CommentStatus.APPROVED, moderated_by=self.root, moderated_at=timezone.now()
        )
        moderation.recount(target)
        cache.clear()

    def check_changelist(self, label, listing, quiet_listing, count, per_page):
        """Every page of an admin changelist against the same page of harmless rows."""
        rows = 0
        for number in range(1, -(-count // per_page) + 1):
            response = self.staff.get(f"{listing}&p={number}")
            if self.findings.status(label, f"page {number}", response, {200}):
                quiet = self.staff.get(f"{quiet_listing}&p={number}")
                self.findings.page(
                    label, f"page {number}", response.content, baseline_of(quiet.content)
                )
                rows += response.content.count(b'name="_selected_action"')
        self.assertEqual(rows, count, f"{label}: not every row was shown")
