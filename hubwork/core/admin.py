"""What Hubwork's admins share. An admin never writes a row itself: either it is read-only
(the rows are written by a page, or by an import), or every save and delete goes through a
service that validates and audits, as `ServiceAdmin` arranges."""

from collections.abc import Iterable
from typing import Any, TypeVar

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.forms import BaseFormSet, ModelForm
from django.http import HttpRequest, HttpResponse

from hubwork.core.forms import ModelChoiceField, ModelMultipleChoiceField, add_service_errors
from hubwork.core.models import OutboxMessage

M = TypeVar("M", bound=Model)

# Where a service's refusal waits, on the request, for the form that shows it.
SERVICE_ERROR = "_hubwork_service_error"


class ReadOnlyAdmin(admin.ModelAdmin[M]):
    """Rows to look at in the admin, never to add, change or delete there."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return False


class ServiceAdmin(admin.ModelAdmin[M]):
    """An admin whose every save and delete is a call to a service.

    Subclasses write only in `service_save` (the object with its inline rows and
    many-to-many fields, all at once) and `service_delete`. Django's own saving is switched
    off, so nothing skips the service's validation or its audit event. When the service
    refuses what the admin form allowed (a rule of its own, or a change made meanwhile),
    everything rolls back and the form is shown again with the service's message.
    """

    def service_save(
        self,
        request: Any,
        obj: M,
        form: ModelForm[M],
        formsets: list[BaseFormSet[Any]],
        change: bool,
    ) -> None:
        """Save `obj`, as the form set it, with its inline rows by calling the service.

        `request` is a signed-in admin's: subclasses type it as accounts' AuthenticatedRequest.
        """
        raise NotImplementedError

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        # Ids too large for the database are the field's own error, not a failure in it.
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        kwargs.setdefault("form_class", ModelChoiceField)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def service_delete(self, request: Any, obj: M) -> None:
        """Delete `obj` by calling the service (also once per row for "Delete selected")."""
        raise NotImplementedError

    def save_model(self, request: HttpRequest, obj: M, form: Any, change: Any) -> None:
        """Nothing yet: `save_related` saves the object and its rows through the service."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: Any) -> None:
        self.service_save(request, form.instance, form, list(formsets), bool(change))

    def delete_model(self, request: HttpRequest, obj: M) -> None:
        self.service_delete(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[M]) -> None:
        for obj in queryset:
            self.service_delete(request, obj)

    def construct_change_message(
        self,
        request: HttpRequest,
        form: Any,
        formsets: Iterable[BaseFormSet[Any]],
        add: bool = False,
    ) -> list[dict[str, dict[str, list[str]]]]:
        # Inline rows were written by the service, not by their formsets, so the admin's
        # history describes the main form only; the audit log has the whole change.
        return super().construct_change_message(request, form, [], add)

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            if request.method != "POST" or hasattr(request, SERVICE_ERROR):
                raise
            # The transaction has rolled back; go through the form again, now invalid.
            setattr(request, SERVICE_ERROR, error)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(
        self, request: HttpRequest, obj: M | None = None, change: bool = False, **kwargs: Any
    ) -> type[ModelForm[M]]:
        form_class = super().get_form(request, obj, change=change, **kwargs)
        if not hasattr(request, SERVICE_ERROR):
            return form_class
        error: ValidationError = getattr(request, SERVICE_ERROR)

        class RefusedByService(form_class):  # type: ignore[valid-type,misc]
            def clean(self) -> dict[str, Any]:
                cleaned_data: dict[str, Any] = super().clean()
                add_service_errors(self, error)
                return cleaned_data

        return RefusedByService


def inline_rows(
    formsets: list[BaseFormSet[Any]], model: type[Model]
) -> list[dict[str, Any]] | None:
    """The rows an inline's formset keeps, in the order shown (each its `cleaned_data`),
    leaving out blank extra forms and rows ticked for deletion; None with no such inline."""
    for formset in formsets:
        if getattr(formset, "model", None) is model:
            return [
                form.cleaned_data
                for form in formset.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
    return None


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin[OutboxMessage]):
    """Tasks waiting for the broker (and those sent lately): `outbox_flush` sends them."""

    list_display = ["task", "created_at", "sent_at", "attempts", "last_error"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["task"]
