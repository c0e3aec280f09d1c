from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import DatabaseError, IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET, require_http_methods

from comments import moderation, tokens
from comments.forms import CommentForm
from comments.models import Comment, CommentStatus, ModerationSettings
from comments.rules import comments_open, initial_status
from inpud_site.abuse import check_rate, received_before, release_rate

RATE = {"limit": 10, "window": 60 * 60, "flood_seconds": 15}


def build_tree(comments):
    """Nest a flat, ordered list of comments: each gets `.children`."""
    by_parent = {}
    for comment in comments:
        comment.children = []
        by_parent.setdefault(comment.parent_id, []).append(comment)
    for comment in comments:
        comment.children = by_parent.get(comment.pk, [])
    return by_parent


def thread_context(request, target, form=None):
    """Everything the thread template needs for one item, for this reader and device.

    The form itself is shown here only when a POST came back with errors; otherwise the
    thread links to the item's own comment page (`write`), so the item's page renders no
    CSRF token and can be served to every reader from the cache.
    """
    rules = ModerationSettings.current()
    is_open = comments_open(target, rules)
    public = Comment.objects.for_target(target).published().for_thread()
    page = Paginator(public.filter(parent=None), rules.per_page).get_page(
        request.GET.get("comments")
    )
    roots = list(page)
    replies = list(public.filter(root__in=roots)) if roots else []
    shown = roots + replies
    build_tree(shown)
    for comment in shown:
        comment.can_reply = is_open and comment.depth + 1 < rules.thread_depth
    mine = tokens.read_mine(request)
    own = list(Comment.objects.for_target(target).filter(pk__in=mine["ids"])) if mine["ids"] else []
    trust_from = next(
        (c.pk for c in own if c.status == CommentStatus.APPROVED and mine["remember"]), None
    )
    replying_to = None
    if form is not None:
        parent_id = form["parent"].value()
        replying_to = next((c for c in shown if str(c.pk) == str(parent_id)), None)
    return {
        "comments_open": is_open,
        "comment_page": page,
        "comment_threads": roots,
        "comment_form": form,
        "replying_to": replying_to,
        "my_comments": [
            (c, tokens.delete_token(c)) for c in own if c.status != CommentStatus.REMOVED
        ],
        "comment_url": target.get_comment_url(),
        "trust_from": trust_from,
    }


def finish_response(request, response, context):
    """A page showing this device's own comments is never cached; hand out trust if earned."""
    if context.get("my_comments"):
        add_never_cache_headers(response)
    if context.get("trust_from") and not tokens.read_trust(request):
        tokens.write_trust(response, context["trust_from"])
    return response


class CommentsMixin:
    """Adds a moderated comment thread to a detail view and takes its form's POST."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(thread_context(self.request, self.object, kwargs.get("comment_form")))
        return context

    def render_to_response(self, context, **kwargs):
        return finish_response(self.request, super().render_to_response(context, **kwargs), context)

    def post(self, request, *args, **kwargs):
        self.object = target = self.get_object(queryset=self.get_queryset().published())
        rules = ModerationSettings.current()
        if not comments_open(target, rules):
            raise PermissionDenied
        form = CommentForm(request.POST, target=target, rules=rules)
        status = 400
        if form.is_valid():
            if earlier := received_before(Comment, form):
                return self.after_comment(form, earlier)
            refusal = check_rate(request, "comment", **RATE)
            if refusal is None:
                try:
                    comment = self.save_comment(form, target, rules)
                except DatabaseError:
                    release_rate(request, "comment")
                    raise  # answered with 503 and the text kept (DatabaseOutageMiddleware)
                return self.after_comment(form, comment)
            form.add_error(None, refusal)
            status = 429
        context = self.get_context_data(object=target, comment_form=form)
        return self.render_to_response(context, status=status)

    def save_comment(self, form, target, rules):
        request = self.request
        comment = form.save(commit=False)
        comment.parent = form.cleaned_data["parent"]
        if comment.parent:
            comment.root = comment.parent.root or comment.parent
            comment.depth = comment.parent.depth + 1
        if request.user.is_authenticated and request.user.is_staff:
            comment.user, comment.is_staff_reply = request.user, True
        vouching = tokens.read_trust(request)
        trusted = (
            bool(vouching)
            and Comment.objects.filter(pk=vouching, status=CommentStatus.APPROVED).exists()
        )
        comment.status = initial_status(comment, trusted=trusted, rules=rules)
        comment.submission_key = form.cleaned_data.get("submission")
        try:
            with transaction.atomic():
                comment.save()
                moderation.received(comment)
        except IntegrityError:
            # The same form sent twice at the same moment: the other request stored it.
            if earlier := received_before(Comment, form):
                return earlier
            raise
        return comment

    def after_comment(self, form, comment):
        request = self.request
        response = redirect(f"{comment.target.get_absolute_url()}#comment-{comment.pk}")
        mine = tokens.read_mine(request)
        remember = {}
        if form.cleaned_data["remember"]:
            remember = {key: form.cleaned_data[key] for key in ("name", "email", "url")}
        tokens.write_mine(response, {"ids": [*mine["ids"], comment.pk], "remember": remember})
        return response


@require_GET
def write(request, slug, model):
    """The comment form for one post, page or campaign, on a page of its own (never cached).
    It posts to the item's page, which takes the POST (CommentsMixin)."""
    target = get_object_or_404(model.objects.published(), slug=slug)
    rules = ModerationSettings.current()
    if not comments_open(target, rules):
        return redirect(f"{target.get_absolute_url()}#comments")
    mine = tokens.read_mine(request)
    initial = dict(mine["remember"], remember=bool(mine["remember"]))
    reply_to = request.GET.get("replyto", "")
    replying_to = None
    if reply_to.isascii() and reply_to.isdigit():  # "²".isdigit(), but int("²") fails
        replying_to = (
            Comment.objects.for_target(target)
            .published()
            .filter(pk=int(reply_to), depth__lt=rules.thread_depth - 1)
            .first()
        )
        initial["parent"] = replying_to and replying_to.pk
    form = CommentForm(initial=initial, target=target, rules=rules)
    context = {"target": target, "comment_form": form, "replying_to": replying_to}
    response = render(request, "comments/write.html", context)
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET", "POST"])
def delete(request, token):
    """The private link a commenter gets: confirm, then wipe the comment."""
    pk = tokens.read(token, tokens.DELETE_SALT)
    comment = Comment.objects.filter(pk=pk).exclude(status=CommentStatus.REMOVED).first()
    if comment is None:
        return render(request, "comments/deleted.html", {"already": True}, status=404)
    if request.method == "POST":
        moderation.withdraw(comment)
        return render(request, "comments/deleted.html", {"target": comment.target})
    return render(request, "comments/confirm_delete.html", {"comment": comment})


@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """One click from the e-mail: stop reply notifications for this comment."""
    pk = tokens.read(token, tokens.UNSUBSCRIBE_SALT)
    comment = Comment.objects.filter(pk=pk).first()
    if comment is None:
        return render(request, "comments/unsubscribed.html", {"missing": True}, status=404)
    if request.method == "POST":
        Comment.objects.filter(pk=comment.pk).update(notify_replies=False)
        return render(request, "comments/unsubscribed.html", {"target": comment.target})
    return render(request, "comments/confirm_unsubscribe.html", {"comment": comment})
