"""The GET filters of the outreach pages: the never-engaged list and equity. A value that
does not fit is shown as an error beside its field and left out; the other filters still
apply."""

from typing import Any

from django import forms

from hubwork.core.academic_years import AcademicYear
from hubwork.reports.selectors.fsm import QUINTILE_CHOICES
from hubwork.reports.selectors.never_engaged import (
    DEFAULT_SORT,
    SORT_CHOICES,
    NeverEngagedFilters,
)
from hubwork.reports.selectors.scope import NEVER_ENGAGED_YEARS, PHASE_GROUP_CHOICES

MAX_YEARS = 10


class AcademicYearField(forms.CharField):
    """An academic year written like 2025/26."""

    def clean(self, value: Any) -> AcademicYear | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            return AcademicYear.from_label(text)
        except ValueError:
            raise forms.ValidationError(
                "Enter an academic year like 2025/26", code="invalid"
            ) from None


class YearForm(forms.Form):
    year = AcademicYearField(
        label="Academic year", required=False, max_length=7, help_text="For example, 2025/26"
    )

    def chosen_year(self) -> AcademicYear:
        """The year asked for, or the current one when none (or a wrong one) was given."""
        if self.is_valid() and self.cleaned_data.get("year"):
            year: AcademicYear = self.cleaned_data["year"]
            return year
        return AcademicYear.current()


class NeverEngagedFilterForm(YearForm):
    years = forms.IntegerField(
        label="Years without a completion",
        required=False,
        min_value=1,
        max_value=MAX_YEARS,
        help_text=f"From 1 to {MAX_YEARS}, counting back from the academic year",
    )
    phase = forms.ChoiceField(
        label="Phase", choices=[("", "All phases"), *PHASE_GROUP_CHOICES], required=False
    )
    local_authority = forms.ChoiceField(label="Local authority", required=False)
    school_type = forms.ChoiceField(label="School type", required=False)
    fsm_quintile = forms.ChoiceField(
        label="FSM quintile", choices=[("", "All quintiles"), *QUINTILE_CHOICES], required=False
    )
    sort = forms.ChoiceField(label="Sort by", choices=SORT_CHOICES, required=False)

    def __init__(
        self,
        *args: Any,
        local_authorities: list[tuple[str, str]],
        school_types: list[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["local_authority"].choices = [  # type: ignore[attr-defined]
            ("", "All local authorities"),
            *local_authorities,
        ]
        self.fields["school_type"].choices = [  # type: ignore[attr-defined]
            ("", "All school types"),
            *((each, each) for each in school_types),
        ]

    def filters(self) -> NeverEngagedFilters:
        """The filters that fit; a field whose value does not is left out."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        quintile = data.get("fsm_quintile")
        return NeverEngagedFilters(
            year=data.get("year") or AcademicYear.current(),
            years=data.get("years") or NEVER_ENGAGED_YEARS,
            phase_group=data.get("phase") or "",
            local_authority=data.get("local_authority") or "",
            school_type=data.get("school_type") or "",
            quintile=int(quintile) if quintile else None,
            sort=data.get("sort") or DEFAULT_SORT,
        )
