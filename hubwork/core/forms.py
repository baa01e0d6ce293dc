from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.forms import Form
from django.forms.renderers import TemplatesSetting

from hubwork.core.numbers import LARGEST_ID
from hubwork.core.validators import validate_single_line

M = TypeVar("M", bound=models.Model)


class GovukFormRenderer(TemplatesSetting):
    """Renders every form, Hubwork's and allauth's, with GOV.UK Frontend markup.

    Widget templates under core/templates/django/forms/ add the GOV.UK classes; Django
    marks invalid fields with aria-invalid, and the form shows an error summary first.
    """

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


def add_service_errors(
    form: Form, error: ValidationError, *, rename: dict[str, str] | None = None
) -> None:
    """Show a service's errors by the form's fields, or at the top for any other key.

    `rename` maps a service's key to the form field that stands for it (a service's `file`
    shown by the form's `evidence` box). `form.add_error(None, error)` would raise for a key
    the form has no field for, such as a model field the service checks with `full_clean()`.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        name = (rename or {}).get(name, name)
        form.add_error(name if name in form.fields else None, errors)


def _fits_the_key(field: forms.ModelChoiceField[Any], value: object) -> bool:
    """Whether `value` could be a key of the field's model, when those keys are integers
    (ids): a number the database cannot hold fails in the database itself (OverflowError on
    SQLite) rather than as a choice that does not exist."""
    if field.queryset is None:
        return True
    options = field.queryset.model._meta
    key = options.get_field(field.to_field_name) if field.to_field_name else options.pk
    if not isinstance(key, models.IntegerField):
        return True
    try:
        number = int(str(value).strip())
    except ValueError:
        return True  # Django itself refuses what is not a number
    # SQLite gives no range for most integer columns: it holds 64-bit signed integers.
    smallest, largest = connection.ops.integer_field_range(key.get_internal_type())
    smallest = -LARGEST_ID - 1 if smallest is None else smallest
    largest = LARGEST_ID if largest is None else largest
    return smallest <= number <= largest


class ModelChoiceField(forms.ModelChoiceField[M]):
    """Django's, refusing an id too large for the database with the field's own "not one of
    the choices" error. Every form choosing a model by id uses this one."""

    def to_python(self, value: Any) -> M | None:
        if value not in self.empty_values and not _fits_the_key(self, value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)

    def prepare_value(self, value: Any) -> Any:
        # Shown again with its error, the id is left out: widgets that look the chosen
        # ids up (the admin's autocomplete) would ask the database for it.
        if isinstance(value, (str, int)) and not _fits_the_key(self, value):
            return None
        return super().prepare_value(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField[M]):
    """Django's, refusing ids too large for the database with the field's own error for a
    value that is not one of the choices, as `ModelChoiceField`."""

    def clean(self, value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            for item in value:
                if not _fits_the_key(self, item):
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": item},
                    )
        return super().clean(value)

    def prepare_value(self, value: Any) -> Any:
        # As `ModelChoiceField.prepare_value`: ids the database cannot hold are left out.
        if isinstance(value, (list, tuple)):
            value = [item for item in value if _fits_the_key(self, item)]
        return super().prepare_value(value)


class SingleLineCharField(forms.CharField):
    """A one-line text box: refuses line breaks and control characters, by the field. Pass
    `error_messages={"single_line": …}` to say it in the field's own words."""

    default_validators = [validate_single_line]


class HoneypotForm(forms.Form):
    """A public form with a box that bots fill in and people never see (the template hides
    it, and it is out of the tab order): a form sent with it filled is answered as if it
    worked, and nothing is saved or sent."""

    HONEYPOT_FIELD = "website"

    website = SingleLineCharField(
        label="Leave this empty",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def is_bot(self) -> bool:
        return bool(self.data.get(self.add_prefix(self.HONEYPOT_FIELD), "").strip())

    def visible_fields_but_honeypot(self) -> list[forms.BoundField]:
        return [field for field in self.visible_fields() if field.name != self.HONEYPOT_FIELD]
