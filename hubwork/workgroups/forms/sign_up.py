"""The form a person fills in to express interest in a Work Group, and the withdraw form."""

from typing import Any

from django import forms
from django.http import QueryDict
from django.urls import reverse

from hubwork.accounts.models import User
from hubwork.core.forms import SingleLineCharField
from hubwork.core.numbers import positive_int
from hubwork.schools.forms import SchoolNotFoundError, school_for_answer
from hubwork.schools.models import School
from hubwork.schools.selectors import (
    LARGEST_URN,
    MAX_QUERY_LENGTH,
    school_label,
    school_with_urn,
)
from hubwork.workgroups.models import Enrolment, WorkGroup
from hubwork.workgroups.selectors.places import school_eligibility_problems
from hubwork.workgroups.services.places import (
    LEADER_SUPPORT_REQUIRED,
    SCHOOL_LEADER_EMAIL_MISSING,
    SCHOOL_LEADER_NAME_MISSING,
    Applicant,
    trn_normalise,
)

SCHOOL_LABEL = "Your school"
# When what someone typed matches several schools, this many are offered to choose from.
# The radios the page adds when several schools match, beside the form's own fields: a URN.
SCHOOL_CHOICE_FIELD = "school_choice"
# The longest value kept for a field that sets no length of its own (the hidden URNs).
STASHED_VALUE_MAX_LENGTH = 20


def _trn_field(label: str) -> forms.CharField:
    return SingleLineCharField(
        label=label,
        help_text="7 digits, for example 1234567. It is on your payslip or pension records.",
        # Room for spaces people type between the digits; they are taken out.
        max_length=12,
        required=False,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "class": "govuk-input--width-10"}
        ),
    )


class SignUpForm(forms.Form):
    """Who is signing up, from which school, and which colleagues to ask to come with them.

    The school box is a plain text box (a URN or the school's name); school-search.mjs turns
    it into suggestions that fill the hidden `school_urn`, and school-check.mjs then asks
    whether the school may take part. When what was typed matches several schools the page
    lists them as radios named `school_choice` for the person to choose.

    Colleagues are email addresses only: each is asked to confirm, and nothing here looks up
    whether an address has an account.
    """

    school = SingleLineCharField(
        label=SCHOOL_LABEL,
        help_text="Start typing its name, or give its URN or postcode.",
        max_length=MAX_QUERY_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    school_urn = forms.CharField(required=False, widget=forms.HiddenInput)
    role = forms.ChoiceField(
        label="Your role in school",
        choices=Enrolment.Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose your role in school."},
    )
    # Whom evaluation asks, at the end of the year, how the school supported what the
    # participant learnt. Optional; both or neither. The reason is the fieldset's hint.
    school_leader_name = SingleLineCharField(
        label="School leader's name",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    school_leader_email = forms.EmailField(
        label="School leader's email address",
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"invalid": "Enter an email address, like name@example.org."},
    )
    leader_supports = forms.BooleanField(
        label="My headteacher or another school leader supports me taking part",
        error_messages={"required": LEADER_SUPPORT_REQUIRED},
    )

    def __init__(self, *args: Any, work_group: WorkGroup, user: User | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.work_group = work_group
        self.user = user
        self.trn_required = work_group.programme.trn_required
        self.school_matches: list[School] = []
        self.school_obj: School | None = None
        self.colleague_emails: list[str] = []
        self.fields["school"].widget.attrs.update(
            {
                "data-module": "hubwork-school-search",
                "data-search-url": reverse("hubs:school_search"),
                "data-on-confirm": "fill",
                "data-target-input": "id_school_urn",
            }
        )
        if self.trn_required:
            self.fields["trn"] = _trn_field("Your teacher reference number (TRN)")
        for number in self.colleague_numbers:
            self.fields[f"colleague_{number}_email"] = forms.EmailField(
                label=f"Colleague {number}: email address",
                required=False,
                help_text="Their work email address. We email them to confirm.",
                widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
                error_messages={"invalid": "Enter an email address, like name@example.org."},
            )
        # Leader support comes last, after everyone who needs it.
        self.fields["leader_supports"] = self.fields.pop("leader_supports")

    @property
    def colleague_numbers(self) -> range:
        return range(1, self.work_group.per_school_limit)

    def colleague_rows(self) -> list[dict[str, forms.BoundField]]:
        """The colleague fields grouped by colleague, for the template."""
        return [{"email": self[f"colleague_{number}_email"]} for number in self.colleague_numbers]

    def clean_school(self) -> str:
        text: str = self.cleaned_data["school"]
        urn = (self.data.get(self.add_prefix(SCHOOL_CHOICE_FIELD)) or "").strip() or (
            self.data.get(self.add_prefix("school_urn")) or ""
        ).strip()
        if number := positive_int(urn, maximum=LARGEST_URN):
            self.school_obj = school_with_urn(urn=number)
            if self.school_obj:
                self._check_school_may_take_part()
                return text
        try:
            self.school_obj = school_for_answer(text)
        except SchoolNotFoundError as error:
            self.school_matches = error.matches
            raise
        self._check_school_may_take_part()
        return text

    def _check_school_may_take_part(self) -> None:
        """The programme's rules about the school, by the school box (the service checks
        them again when it signs up)."""
        if self.school_obj is None:
            return
        problems = school_eligibility_problems(work_group=self.work_group, school=self.school_obj)
        if problems:
            raise forms.ValidationError(problems)

    def clean_trn(self) -> str:
        return trn_normalise(self.cleaned_data.get("trn", ""))

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        seen: set[str] = set()
        for number in self.colleague_numbers:
            email_field = f"colleague_{number}_email"
            email = User.objects.normalize_email(cleaned.get(email_field))
            if not email:
                continue
            if email in seen or (self.user and email == self.user.email.lower()):
                self.add_error(email_field, "You have already included this person.")
                continue
            seen.add(email)
            self.colleague_emails.append(email)
        leader_name = cleaned.get("school_leader_name")
        leader_email = cleaned.get("school_leader_email")
        if leader_name and not leader_email and "school_leader_email" not in self.errors:
            self.add_error("school_leader_email", SCHOOL_LEADER_EMAIL_MISSING)
        if leader_email and not leader_name:
            self.add_error("school_leader_name", SCHOOL_LEADER_NAME_MISSING)
        return cleaned

    def applicant(self, user: User) -> Applicant:
        """The person signing up; colleagues choose their own role when they confirm."""
        return Applicant(
            user=user,
            role=self.cleaned_data["role"],
            trn=self.cleaned_data.get("trn", ""),
            school_leader_name=self.cleaned_data.get("school_leader_name") or "",
            school_leader_email=self.cleaned_data.get("school_leader_email") or "",
        )

    @property
    def school_label(self) -> str:
        return school_label(self.school_obj) if self.school_obj else ""


def sign_up_stash(data: QueryDict, *, work_group: WorkGroup) -> dict[str, str]:
    """What a signed-out person sent, to keep in their session while they sign in or create an
    account: only the form's own fields, each cut to the field's length, and a choice only if
    it is one of the choices. Anything else a visitor sends is dropped, so the session stays
    small whatever they send."""
    form = SignUpForm(work_group=work_group, user=None)
    fields: dict[str, forms.Field] = {
        **form.fields,
        SCHOOL_CHOICE_FIELD: forms.CharField(max_length=STASHED_VALUE_MAX_LENGTH),
    }
    stash: dict[str, str] = {}
    for name, field in fields.items():
        value = data.get(name)
        if not isinstance(value, str):
            continue
        if isinstance(field, forms.BooleanField):
            if field.to_python(value):
                stash[name] = "on"
        elif isinstance(field, forms.ChoiceField):
            if field.valid_value(value):
                stash[name] = value
        else:
            max_length = getattr(field, "max_length", None) or STASHED_VALUE_MAX_LENGTH
            stash[name] = value[:max_length]
    return stash


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why are you leaving? (optional)",
        help_text="It helps the hub plan. The leads of the Work Group see it.",
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InvitationConfirmForm(forms.Form):
    """A colleague named on someone's sign-up confirms, telling us about themselves."""

    role = forms.ChoiceField(
        label="Your role in school",
        choices=Enrolment.Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose your role in school."},
    )
    leader_supports = forms.BooleanField(
        label="My headteacher or another school leader supports me taking part",
        error_messages={"required": LEADER_SUPPORT_REQUIRED},
    )

    def __init__(self, *args: Any, work_group: WorkGroup, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if work_group.programme.trn_required:
            self.fields["trn"] = _trn_field("Your teacher reference number (TRN)")
            self.fields["leader_supports"] = self.fields.pop("leader_supports")

    def clean_trn(self) -> str:
        return trn_normalise(self.cleaned_data.get("trn", ""))
