"""Forms of LLME applications: applying, withdrawing, and a hub's steps and notes."""

from datetime import datetime
from typing import Any, cast

from django import forms
from django.urls import reverse
from django.utils import timezone

from hubwork.core.choices import Phase
from hubwork.core.forms import ModelMultipleChoiceField, SingleLineCharField
from hubwork.core.numbers import positive_int
from hubwork.hubs.models import Accreditation, Hub
from hubwork.leaders.models import HubApplication
from hubwork.leaders.selectors.applications import (
    hubs_to_apply_to,
    local_hub_of,
    programmes_to_lead,
)
from hubwork.leaders.services.applications import (
    INTERVIEW_MINUTES_RANGE,
    NOTE_MAX_LENGTH,
    REASON_MAX_LENGTH,
    ApplicationData,
    allowed_next,
)
from hubwork.programmes.models import Programme
from hubwork.schools.forms import SchoolNotFoundError, school_for_answer
from hubwork.schools.models import School
from hubwork.schools.selectors import (
    LARGEST_URN,
    MAX_QUERY_LENGTH,
    school_label,
    school_with_urn,
)
from hubwork.workgroups.forms.sessions import DATE, TIME

Status = HubApplication.Status

# When what someone typed matches several schools, this many are offered to choose from.
# The radios the page adds when several schools match: a URN.
SCHOOL_CHOICE_FIELD = "school_choice"


class HubChoiceField(ModelMultipleChoiceField[Hub]):
    """Hubs as checkboxes, the school's local hub marked as such."""

    local_hub: Hub | None = None

    def label_from_instance(self, obj: Hub) -> str:
        if self.local_hub is not None and obj.pk == self.local_hub.pk:
            return f"{obj.name} (your school's local hub)"
        return obj.name


class ApplicationForm(forms.Form):
    """A teacher's application to become an LLME with one or more hubs.

    The school box works as on Work Group sign-up: a plain text box (a URN or the school's
    name) that school-search.mjs turns into suggestions filling the hidden `school_urn`;
    when what was typed matches several schools the page lists them as radios named
    `school_choice`.
    """

    school = SingleLineCharField(
        label="Your school",
        help_text="Start typing its name, or give its URN or postcode.",
        max_length=MAX_QUERY_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    school_urn = forms.CharField(required=False, widget=forms.HiddenInput)
    role_in_school = SingleLineCharField(
        label="Your role in school",
        help_text="For example, Year 4 teacher and maths lead.",
        max_length=200,
        error_messages={"required": "Enter your role in school."},
    )
    phases = forms.MultipleChoiceField(
        label="Which phases do you teach?",
        help_text="Select all that apply.",
        choices=Phase.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the phases you teach."},
    )
    experience = forms.CharField(
        label="Your teaching and leadership experience",
        help_text="How long you have taught, what you teach now, and anything you have led "
        "or supported other teachers with.",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Tell us about your teaching and leadership experience."},
    )
    accreditations_held = forms.MultipleChoiceField(
        label="Accreditations you already hold (optional)",
        help_text="Select all that apply.",
        choices=Accreditation.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    programmes = ModelMultipleChoiceField(
        label="Programmes you would like to lead",
        help_text="Select all that apply. You can change your mind later.",
        queryset=Programme.objects.none(),  # every programme to lead: set in __init__
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one programme you would like to lead."},
    )
    why = forms.CharField(
        label="Why do you want to become an LLME?",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Tell us why you want to become an LLME."},
    )
    school_leader_name = SingleLineCharField(
        label="Your school leader's name",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": "Enter your school leader's name."},
    )
    school_leader_email = forms.EmailField(
        label="Your school leader's email address",
        help_text="We email them a link to confirm they support your application.",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your school leader's email address.",
            "invalid": "Enter an email address, like name@example.org.",
        },
    )
    hubs = HubChoiceField(
        label="Which Maths Hubs do you want to apply to?",
        help_text="Select all that apply. Each hub decides on its own, and sees only its own "
        "part of your application.",
        queryset=Hub.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one Maths Hub to apply to."},
    )

    def __init__(self, *args: Any, school: School | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.school_matches: list[School] = []
        self.school_obj: School | None = None
        self.fields["school"].widget.attrs.update(
            {
                "data-module": "hubwork-school-search",
                "data-search-url": reverse("hubs:school_search"),
                "data-on-confirm": "fill",
                "data-target-input": "id_school_urn",
            }
        )
        cast(
            ModelMultipleChoiceField[Programme], self.fields["programmes"]
        ).queryset = programmes_to_lead()
        # The school sent (or the one the person last took part with) puts its hub first.
        if self.is_bound:
            school = self._school_sent() or school
        elif school is not None:
            self.initial.setdefault("school", school_label(school))
            self.initial.setdefault("school_urn", str(school.urn))
        self.set_local_hub(local_hub_of(school))

    def set_local_hub(self, local_hub: Hub | None) -> None:
        hubs = cast(HubChoiceField, self.fields["hubs"])
        hubs.local_hub = local_hub
        hubs.queryset = hubs_to_apply_to(local_hub=local_hub)
        self.local_hub = local_hub

    def _urn_sent(self) -> int | None:
        urn = (self.data.get(self.add_prefix(SCHOOL_CHOICE_FIELD)) or "").strip() or (
            self.data.get(self.add_prefix("school_urn")) or ""
        ).strip()
        return positive_int(urn, maximum=LARGEST_URN)

    def _school_sent(self) -> School | None:
        urn = self._urn_sent()
        return school_with_urn(urn=urn) if urn else None

    def clean_school(self) -> str:
        text: str = self.cleaned_data["school"]
        urn = self._urn_sent()
        if urn and (school := school_with_urn(urn=urn)):
            self.school_obj = school
            return text
        try:
            self.school_obj = school_for_answer(text)
        except SchoolNotFoundError as error:
            self.school_matches = error.matches
            raise
        return text

    def application_data(self) -> ApplicationData:
        """What the form holds, for the service; only once it is valid (the school is known)."""
        cleaned = self.cleaned_data
        return ApplicationData(
            school=cast(School, self.school_obj),
            role_in_school=cleaned["role_in_school"],
            phases=cleaned["phases"],
            experience=cleaned["experience"],
            accreditations_held=cleaned["accreditations_held"],
            programmes=list(cleaned["programmes"]),
            why=cleaned["why"],
            school_leader_name=cleaned["school_leader_name"],
            school_leader_email=cleaned["school_leader_email"],
        )

    @property
    def school_label(self) -> str:
        return school_label(self.school_obj) if self.school_obj else ""


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why are you withdrawing? (optional)",
        help_text="Only this hub sees it.",
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# What hub staff may choose on the step form: every step but arranging an interview, which
# has its own page with the date, time and place.
STEP_LABELS = {
    Status.SHORTLISTED: "Shortlist",
    Status.OFFERED: "Offer a place",
    Status.ACCEPTED: "Record that they accepted the offer",
    Status.NOT_PROGRESSED: "Do not progress",
    Status.WITHDRAWN: "Record that they withdrew",
}


class StepForm(forms.Form):
    """The next step for one hub's part of an application, from those the pipeline allows
    now."""

    to_status = forms.ChoiceField(
        label="What happens next?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what happens next."},
    )
    reason = forms.CharField(
        label="Reason",
        help_text="Needed to not progress an application or record a withdrawal. If you do not "
        "progress it, the applicant is sent this reason.",
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, hub_application: HubApplication, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        steps = allowed_next(hub_application.status)
        field = cast(forms.ChoiceField, self.fields["to_status"])
        field.choices = [
            (status, label) for status, label in STEP_LABELS.items() if status in steps
        ]

    def has_steps(self) -> bool:
        return bool(cast(forms.ChoiceField, self.fields["to_status"]).choices)


class InterviewForm(forms.Form):
    interview_date = forms.DateField(
        label="Date", widget=DATE, error_messages={"required": "Enter the interview's date."}
    )
    interview_time = forms.TimeField(
        label="Start time",
        widget=TIME,
        error_messages={"required": "Enter the time the interview starts."},
    )
    interview_minutes = forms.IntegerField(
        label="Length in minutes",
        min_value=INTERVIEW_MINUTES_RANGE[0],
        max_value=INTERVIEW_MINUTES_RANGE[1],
        initial=45,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
        error_messages={"required": "Enter how long the interview lasts, in minutes."},
    )
    interview_place = SingleLineCharField(
        label="Place or joining link",
        help_text="Where to go, or the link to join an online interview.",
        max_length=300,
        error_messages={"required": "Say where the interview is, or give its joining link."},
    )

    @classmethod
    def initial_for(cls, hub_application: HubApplication) -> dict[str, Any]:
        if hub_application.interview_at is None:
            return {}
        local = timezone.localtime(hub_application.interview_at)
        return {
            "interview_date": local.date(),
            "interview_time": local.time(),
            "interview_minutes": hub_application.interview_minutes,
            "interview_place": hub_application.interview_place,
        }

    def interview_at(self) -> datetime:
        return timezone.make_aware(
            datetime.combine(
                self.cleaned_data["interview_date"], self.cleaned_data["interview_time"]
            )
        )


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Add a note",
        help_text="Only this hub's staff see notes.",
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write the note."},
    )
