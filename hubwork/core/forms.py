from django.forms.renderers import TemplatesSetting


class GovukFormRenderer(TemplatesSetting):
    """Renders every form, Hubwork's and allauth's, with GOV.UK Frontend markup.

    Widget templates under core/templates/django/forms/ add the GOV.UK classes; Django
    marks invalid fields with aria-invalid, and the form shows an error summary first.
    """

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
