"""
The Content Security Policy in a real browser: public pages and the admin's post editor
work under it, and the browser reports no violation and no console error.
"""

import pytest

from posts.models import Post
from tests.factories import (
    make_byline,
    make_campaign,
    make_document,
    make_image,
    make_post,
    make_user,
)
from tests.two_factor import authenticator, current_code

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REPORT_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}`);
});
"""


def watch(opened):
    """Record the page's console errors; the page itself records policy violations."""
    errors = []
    opened.page.add_init_script(REPORT_VIOLATIONS)
    opened.page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    opened.page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def assert_clean(opened, errors, where):
    assert opened.page.evaluate("window.cspViolations") == [], where
    assert errors == [], where


def test_public_pages_break_no_rule(visit):
    post = make_post(title="Naloxone saves lives", featured_image=make_image())
    post.documents.add(make_document(title="Naloxone guide"))
    campaign = make_campaign()
    reader = visit()
    errors = watch(reader)
    for path in ("/", post.get_absolute_url(), campaign.get_absolute_url(), "/documents/"):
        reader.open(path)
        assert_clean(reader, errors, path)
    # The stylesheet applied: the header is laid out, not a bare list.
    assert reader.page.evaluate("getComputedStyle(document.body).margin") == "0px"


def test_the_post_editor_works_under_the_policy(visit):
    editor_user = make_user("editor", groups=["Editors"])
    make_byline(name="INPUD Secretariat")
    device = authenticator(editor_user)
    editor = visit()
    errors = watch(editor)
    page = editor.page
    editor.open("/admin/login/?next=/admin/posts/post/add/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Code").fill(current_code(device))
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url("**/admin/posts/post/add/")

    page.locator("#id_title").press_sequentially("Peer naloxone training")
    assert page.locator("#id_slug").input_value() == "peer-naloxone-training"  # admin JS ran
    body = page.locator(".prose-editor .ProseMirror[contenteditable=true]")
    body.click()
    page.keyboard.type("Trainers from five cities met in Porto.")
    page.get_by_title("Insert table").click()
    page.get_by_role("button", name="Insert Table", exact=True).click()
    assert body.locator("table").count() == 1
    for shortcut in ("Today", "Now"):  # the admin's date and time shortcuts
        page.locator(".datetimeshortcuts a", has_text=shortcut).click()
    page.locator(".field-byline .select2-selection").click()  # its autocomplete widget
    page.locator(".select2-dropdown .select2-search__field").fill("INPUD")
    page.locator(".select2-results__option", has_text="INPUD Secretariat").click()
    editor.screenshot("admin-post-editor-under-csp")
    assert_clean(editor, errors, "post editor")

    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    post = Post.objects.get()
    assert "Trainers from five cities met in Porto." in post.body
    assert "<table>" in post.body
    assert_clean(editor, errors, "after saving")
