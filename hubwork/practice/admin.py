"""The national team edits programmes' template plans here, saved and deleted through
`services.template_plans`. Work Groups' own plans, and anything participants write, are edited
in Hubwork itself and are not shown in the admin."""

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.forms import BaseFormSet
from django.http import HttpRequest

from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.admin import ServiceAdmin, inline_rows
from hubwork.practice.models import Activity, SessionPlan
from hubwork.practice.services.plans import ActivityData
from hubwork.practice.services.template_plans import template_plan_delete, template_plan_save
from hubwork.programmes.mechanisms import Mechanism


class ActivityAdminForm(forms.ModelForm[Activity]):
    mechanisms = forms.MultipleChoiceField(
        label="EEF mechanisms",
        choices=Mechanism.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Activity
        fields = ["position", "title", "kind", "minutes", "notes", "materials", "mechanisms"]

    def clean_mechanisms(self) -> list[str]:
        chosen = set(self.cleaned_data["mechanisms"])
        return [code for code in Mechanism.values if code in chosen]


class ActivityInline(admin.StackedInline[Activity, SessionPlan]):
    model = Activity
    form = ActivityAdminForm
    extra = 1
    ordering = ["position", "pk"]


class TemplatePlanForm(forms.ModelForm[SessionPlan]):
    class Meta:
        model = SessionPlan
        fields = ["programme", "template_number", "template_minutes"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A template belongs to a programme and a session number (the model allows either a
        # session's plan or a template; this admin edits only templates).
        self.fields["programme"].required = True
        self.fields["template_number"].required = True


@admin.register(SessionPlan)
class TemplatePlanAdmin(ServiceAdmin[SessionPlan]):
    form = TemplatePlanForm
    list_display = ["programme", "template_number", "template_minutes", "version", "updated_at"]
    list_filter = ["programme"]
    ordering = ["programme__name", "template_number"]
    inlines = [ActivityInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[SessionPlan]:
        return super().get_queryset(request).filter(programme__isnull=False)

    def service_save(
        self,
        request: AuthenticatedRequest,
        obj: SessionPlan,
        form: forms.ModelForm[SessionPlan],
        formsets: list[BaseFormSet[Any]],
        change: bool,
    ) -> None:
        rows = inline_rows(formsets, Activity)
        # The admin's position field orders the activities; the service numbers them 1..n.
        ordered = sorted(rows or [], key=lambda row: row["position"])
        activities = [
            ActivityData(
                title=row["title"],
                kind=row["kind"],
                minutes=row["minutes"],
                notes=row["notes"],
                materials=row["materials"],
                mechanisms=row["mechanisms"],
            )
            for row in ordered
        ]
        template_plan_save(
            plan=obj, activities=None if rows is None else activities, by=request.user
        )

    def service_delete(self, request: AuthenticatedRequest, obj: SessionPlan) -> None:
        template_plan_delete(plan=obj, by=request.user)
