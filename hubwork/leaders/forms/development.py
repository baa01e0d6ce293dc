"""Forms for an LLME's development: a log entry, a co-leads' note, a pairing and its end, a
quality-assurance visit and the LLME's reply."""

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from hubwork.accounts.models import User
from hubwork.core.forms import ModelChoiceField, SingleLineCharField
from hubwork.leaders.models import DevelopmentEntry
from hubwork.workgroups.models import Session

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonField(ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name or obj.email


class DevelopmentEntryForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind of development",
        choices=DevelopmentEntry.Kind.choices,
        widget=forms.RadioSelect,
    )
    on = forms.DateField(
        label="Date",
        help_text="For example, 27 March 2026.",
        initial=timezone.localdate,
        widget=DATE,
    )
    title = SingleLineCharField(
        label="Title",
        max_length=200,
        help_text="For example, “NCETM national PD Lead conference” or the book you read.",
    )
    notes = forms.CharField(
        label="Notes (optional)",
        required=False,
        max_length=10_000,
        help_text="What you learned, and what you will do differently.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    hours = forms.DecimalField(
        label="Hours (optional)",
        required=False,
        min_value=Decimal("0.5"),
        max_value=Decimal("999.5"),
        max_digits=5,
        decimal_places=1,
        help_text="To the nearest half hour, such as 1.5.",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-4"}),
    )

    @staticmethod
    def initial_for(entry: DevelopmentEntry) -> dict[str, Any]:
        return {
            "kind": entry.kind,
            "on": entry.on,
            "title": entry.title,
            "notes": entry.notes,
            "hours": entry.hours,
        }


class LeadNoteForm(forms.Form):
    text = forms.CharField(
        label="Add a note",
        max_length=10_000,
        help_text="Only the Work Group's leads and the hub's staff read these notes.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class PairingForm(forms.Form):
    llme = PersonField(
        label="New LLME",
        queryset=User.objects.none(),
        empty_label="Choose an LLME",
        error_messages={"required": "Choose the new LLME."},
    )
    experienced = PersonField(
        label="Experienced co-lead",
        queryset=User.objects.none(),
        empty_label="Choose an LLME",
        help_text="Another LLME of the hub, who will support them.",
        error_messages={"required": "Choose the experienced co-lead."},
    )
    starts_on = forms.DateField(label="Starts on", initial=timezone.localdate, widget=DATE)
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=2_000,
        help_text="What the pairing is for. Both people will read it.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, llmes: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("llme", "experienced"):
            field = cast(PersonField, self.fields[name])
            field.queryset = llmes

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        llme, experienced = cleaned.get("llme"), cleaned.get("experienced")
        if llme is not None and experienced is not None and llme == experienced:
            self.add_error("experienced", "Choose someone other than the new LLME.")
        return cleaned


class PairingEndForm(forms.Form):
    ends_on = forms.DateField(
        label="Last day of the pairing", initial=timezone.localdate, widget=DATE
    )


class SessionField(ModelChoiceField[Session]):
    def label_from_instance(self, obj: Session) -> str:
        return f"{obj.work_group.title}: session {obj.number}, {obj.date:%-d %B %Y}"


class VisitSessionForm(forms.Form):
    """Step one: which session was visited (sent with GET)."""

    session = SessionField(
        label="Which session did you visit?",
        queryset=Session.objects.none(),
        empty_label="Choose a session",
        error_messages={"required": "Choose the session you visited."},
    )

    def __init__(self, *args: Any, sessions: QuerySet[Session], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(SessionField, self.fields["session"])
        field.queryset = sessions


class QualityVisitForm(forms.Form):
    """Step two: whose leading of the session, and the feedback."""

    session = forms.IntegerField(widget=forms.HiddenInput)
    llme = PersonField(
        label="Which lead is the feedback for?",
        queryset=User.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Choose the lead the feedback is for."},
    )
    feedback = forms.CharField(
        label="Your feedback",
        max_length=10_000,
        help_text="What went well and what to work on. The LLME reads this and can reply.",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Write your feedback."},
    )

    def __init__(self, *args: Any, leads: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(PersonField, self.fields["llme"])
        field.queryset = User.objects.filter(pk__in=[lead.pk for lead in leads]).order_by(
            "display_name", "email"
        )
        if len(leads) == 1:
            self.initial.setdefault("llme", leads[0].pk)


class VisitReplyForm(forms.Form):
    reply = forms.CharField(
        label="Your reply",
        max_length=10_000,
        help_text="The hub's staff will read it. You can change it later.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Write your reply."},
    )
