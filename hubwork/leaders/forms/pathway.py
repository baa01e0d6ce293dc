from typing import Any

from django import forms
from django.db.models import QuerySet

from hubwork.core.forms import ModelChoiceField
from hubwork.leaders.models import HubApplication
from hubwork.workgroups.models import WorkGroup


class ApplicantChoiceField(ModelChoiceField[HubApplication]):
    def label_from_instance(self, obj: HubApplication) -> str:
        application = obj.application
        return f"{application.applicant.display_name}, {application.school.name}"


class CohortChoiceField(ModelChoiceField[WorkGroup]):
    def label_from_instance(self, obj: WorkGroup) -> str:
        return f"{obj.title} ({obj.year.label})"


class CohortPlaceForm(forms.Form):
    hub_application = ApplicantChoiceField(
        label="Applicant",
        queryset=HubApplication.objects.none(),
        empty_label="Choose an applicant",
        error_messages={
            "required": "Choose the applicant to place.",
            "invalid_choice": "Choose one of the applicants waiting for a cohort.",
        },
    )
    work_group = CohortChoiceField(
        label="Cohort",
        queryset=WorkGroup.objects.none(),
        empty_label="Choose a cohort",
        help_text="Cohorts open for interest. They join with the school on their application.",
        error_messages={
            "required": "Choose the cohort to place them in.",
            "invalid_choice": "Choose one of the cohorts open for interest.",
        },
    )

    def __init__(
        self,
        *args: Any,
        applicants: QuerySet[HubApplication],
        cohorts: QuerySet[WorkGroup],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hub_application"].queryset = applicants  # type: ignore[attr-defined]
        self.fields["work_group"].queryset = cohorts  # type: ignore[attr-defined]
