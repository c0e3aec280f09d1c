from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from inpud_site.abuse import client_address
from inpud_site.accounts import throttle


class StaffLoginForm(AdminAuthenticationForm):
    """The admin's login form, saying so when the throttle has paused sign-in.

    Attempts for accounts that do not exist are counted and paused the same way, so
    neither message tells whether an account exists.
    """

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "paused_here": _(
            "Too many failed attempts to sign in to this account from here. "
            "Please wait 15 minutes and try again."
        ),
        "paused_everywhere": _(
            "Too many failed attempts to sign in to this account. "
            "Please wait an hour and try again."
        ),
    }

    def clean(self):
        try:
            return super().clean()
        except ValidationError as error:
            username = self.cleaned_data.get("username")
            reason = username and throttle.paused(username, client_address(self.request))
            if reason == "pair":
                raise ValidationError(
                    self.error_messages["paused_here"], code="throttled"
                ) from error
            if reason == "account":
                raise ValidationError(
                    self.error_messages["paused_everywhere"], code="throttled"
                ) from error
            raise


class CodeForm(forms.Form):
    """One code: six digits from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()

    @property
    def is_totp(self):
        code = self.cleaned_data["code"]
        return code.isdigit() and len(code) == 6
