"""The national team edits programmes' template plans here. Work Groups' own plans, and
anything participants write, are edited in Hubwork itself and are not shown in the admin."""

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from hubwork.core.audit import audit
from hubwork.practice.models import Activity, SessionPlan
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
class TemplatePlanAdmin(admin.ModelAdmin[SessionPlan]):
    form = TemplatePlanForm
    list_display = ["programme", "template_number", "template_minutes", "version", "updated_at"]
    list_filter = ["programme"]
    ordering = ["programme__name", "template_number"]
    inlines = [ActivityInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[SessionPlan]:
        return super().get_queryset(request).filter(programme__isnull=False)

    def save_model(
        self,
        request: HttpRequest,
        obj: SessionPlan,
        form: forms.ModelForm[SessionPlan],
        change: bool,
    ) -> None:
        obj.version += 1
        if request.user.is_authenticated:
            obj.updated_by_id = request.user.pk
        super().save_model(request, obj, form, change)

    def save_related(
        self,
        request: HttpRequest,
        form: forms.ModelForm[SessionPlan],
        formsets: Any,
        change: bool,
    ) -> None:
        super().save_related(request, form, formsets, change)
        plan = form.instance
        audit(
            request.user,
            "session_plan.template_saved",
            plan,
            programme=plan.programme_id,
            template_number=plan.template_number,
            version=plan.version,
            activities=plan.activities.count(),
        )
