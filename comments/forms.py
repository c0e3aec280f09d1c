import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from comments.models import Comment, CommentStatus, target_field
from inpud_site.abuse import ProtectedFormMixin
from inpud_site.html import is_blank

# Control characters and non-characters nobody types (pasted text brings them) and XML 1.0
# cannot carry: one in an approved comment would break the comments feed for every reader.
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class CommentForm(ProtectedFormMixin, forms.ModelForm):
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)
    remember = forms.BooleanField(
        label=_("Remember me on this device"),
        required=False,
        help_text=_("Keeps your name and details in a cookie on this device only."),
    )

    class Meta:
        model = Comment
        fields = ["name", "email", "url", "text", "is_urgent", "is_private", "notify_replies"]
        labels = {
            "name": _("Name"),
            "email": _("E-mail (optional)"),
            "url": _("Website (optional)"),
            "text": _("Comment"),
            "is_urgent": _("Urgent — I need a fast reply"),
            "is_private": _("Private — for staff only, do not publish"),
            "notify_replies": _("E-mail me when someone replies"),
        }
        help_texts = {
            "text": _("Plain text, up to 5,000 characters. Links are allowed."),
            "is_urgent": _("Moderators see urgent comments first."),
            "is_private": _("Only the network's staff will read it."),
            "notify_replies": _("Needs your e-mail address."),
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "name": {"required": _("Give a name; a pseudonym is fine.")},
            "text": {"required": _("Write your comment.")},
        }

    def __init__(self, *args, target, rules, **kwargs):
        super().__init__(*args, **kwargs)
        self.target, self.rules = target, rules
        # The instance knows its item before validation, so its constraints can be checked.
        setattr(self.instance, target_field(target), target)
        self.fields["name"].widget.attrs["autocomplete"] = "nickname"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["url"].widget.attrs["autocomplete"] = "url"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template writes the form tag and its token
        self.helper.layout = Layout(
            "name", "email", "url", "text", "is_urgent", "is_private", "notify_replies",
            "remember", "parent", "started", "submission",
            Field("homepage_url", wrapper_class="hp-field"),
        )  # fmt: skip

    def clean_text(self):
        text = NOT_IN_XML.sub("", self.cleaned_data["text"]).strip()
        if is_blank(text):
            raise forms.ValidationError(_("Write your comment."), code="required")
        return text

    def clean_name(self):
        name = NOT_IN_XML.sub("", self.cleaned_data["name"])
        name = " ".join(name.split())  # no line breaks or tab runs
        if is_blank(name):
            raise forms.ValidationError(_("Give a name; a pseudonym is fine."), code="required")
        return name

    def clean_parent(self):
        """The comment replied to; its problems are shown above the form (the field is
        hidden)."""
        pk = self.cleaned_data.get("parent")
        if not pk:
            return None
        parent = (
            Comment.objects.for_target(self.target)
            .filter(pk=pk, status=CommentStatus.APPROVED, is_private=False)
            .first()
        )
        if parent is None:
            self.add_error(None, _("The comment you are replying to is not available."))
        elif parent.depth + 1 >= self.rules.thread_depth:
            self.add_error(
                None,
                _("Replies cannot nest deeper here. Reply to an earlier comment in the thread."),
            )
        return parent

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("notify_replies") and not cleaned.get("email"):
            self.add_error("email", _("Give an e-mail address if you want to hear about replies."))
        return cleaned
