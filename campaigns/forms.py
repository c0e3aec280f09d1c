from django import forms
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext_lazy as _

from campaigns.models import Demand, Pledge
from campaigns.timezones import zone_choices
from inpud_site.abuse import ProtectedFormMixin
from inpud_site.html import is_blank

CONSENT_TEXT = _(
    "I agree that the campaign team keeps what I wrote here to count my support and, if I "
    "gave an e-mail address, to write to me about this campaign. It is never published, "
    "and I can ask for it to be deleted at any time."
)


class PledgeForm(ProtectedFormMixin, forms.ModelForm):
    """A supporter's sign-up: a name (a pseudonym will do), the rest optional, and consent."""

    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={
            "required": _("Please tick this box: without your consent we cannot keep your pledge.")
        },
    )

    class Meta:
        model = Pledge
        fields = ["name", "email", "city", "organisation", "message", "wants_to_organise"]
        labels = {
            "name": _("Name or pseudonym"),
            "email": _("E-mail (optional)"),
            "city": _("City (optional)"),
            "organisation": _("Organisation (optional)"),
            "message": _("Message (optional)"),
            "wants_to_organise": _("I want to organise an action in my city"),
        }
        help_texts = {
            "name": _("A pseudonym is fine. It is never shown on the site."),
            "email": _("Only the campaign team sees it, to reply to you."),
            "message": _("At most 1,000 characters. Seen only by the campaign team."),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "nickname"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "message": forms.Textarea(attrs={"rows": 4}),
        }

    field_order = [
        "name", "email", "city", "organisation", "message", "wants_to_organise", "consent",
        "homepage_url", "started", "submission",
    ]  # fmt: skip

    def clean_name(self):
        name = self.cleaned_data["name"]
        if is_blank(name):
            raise forms.ValidationError(
                self.fields["name"].error_messages["required"], code="required"
            )
        return name

    def save_for(self, campaign, *, language):
        """Store the pledge with the consent wording exactly as the person saw it."""
        pledge = self.save(commit=False)
        pledge.campaign = campaign
        pledge.consent_text = str(self.fields["consent"].label)
        pledge.language = language
        pledge.submission_key = self.cleaned_data.get("submission")
        pledge.save()
        return pledge


class TimeZoneForm(forms.Form):
    """The reader's own time zone, chosen in a plain <select> and sent as ?tz=."""

    tz = forms.ChoiceField(label=_("Show times in"), required=False)

    def __init__(self, *args, zones, at, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tz"].choices = zone_choices(zones, at)
        self.fields["tz"].error_messages["invalid_choice"] = _(
            "“%(value)s” is not a time zone we know; times are shown in UTC."
        )

    def zone(self):
        """The chosen zone name, UTC when none or an unknown one was sent."""
        if self.is_valid():
            return self.cleaned_data["tz"] or "UTC"
        return "UTC"


class DemandForm(forms.ModelForm):
    """A demand in the admin; its place is a number that the formset turns into 1…n."""

    position = forms.IntegerField(
        label=_("place"),
        required=False,
        min_value=1,
        max_value=999,
        widget=forms.NumberInput(attrs={"class": "vIntegerField"}),  # the admin's narrow input
        help_text=_("Demands are numbered 1, 2, 3… in this order when you save."),
    )

    class Meta:
        model = Demand
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2, "cols": 80})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["position"].initial = self.instance.order


class DemandFormSet(forms.BaseInlineFormSet):
    """Saves the demands numbered 1…n without gaps, in the order of their places."""

    def kept_forms(self):
        forms_ = [
            form
            for form in self.forms
            if form not in self.deleted_forms
            and (form.instance.pk or form.has_changed())
            and form.cleaned_data.get("text")
        ]
        # Unnumbered ones go last, in the order they appear on the page.
        return sorted(
            forms_,
            key=lambda form: (
                form.cleaned_data.get("position") is None,
                form.cleaned_data.get("position") or 0,
                self.forms.index(form),
            ),
        )

    def save(self, commit=True):
        if not commit:
            return super().save(commit=False)
        self.deleted_objects = [form.instance for form in self.deleted_forms if form.instance.pk]
        with transaction.atomic():
            for demand in self.deleted_objects:
                demand.delete()
            kept = self.kept_forms()
            # Move the stored demands out of the way first, so that renumbering never
            # collides with the unique (campaign, order) constraint on the way.
            demands = Demand.objects.filter(campaign=self.instance)
            top = demands.aggregate(top=Max("order"))["top"] or 0
            demands.update(order=F("order") + top)
            saved = []
            for order, form in enumerate(kept, start=1):
                demand = form.save(commit=False)
                demand.campaign = self.instance
                demand.order = order
                demand.save()
                saved.append(demand)
        self.new_objects = [form.instance for form in kept if form in self.extra_forms]
        self.changed_objects = [
            (form.instance, form.changed_data) for form in kept if form in self.initial_forms
        ]
        return saved
