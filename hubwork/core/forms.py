from django.core.exceptions import ValidationError
from django.forms import Form
from django.forms.renderers import TemplatesSetting


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
