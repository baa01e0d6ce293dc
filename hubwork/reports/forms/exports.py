"""Asking for a large export: which table, as CSV or Excel."""

from django import forms

from hubwork.reports.models import ReportExport


class ReportExportForm(forms.Form):
    kind = forms.ChoiceField(
        label="Which table",
        choices=ReportExport.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose which table to export",
            "invalid_choice": "Choose which table to export",
        },
    )
    file_format = forms.ChoiceField(
        label="File format",
        choices=ReportExport.FileFormat.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose CSV or Excel",
            "invalid_choice": "Choose CSV or Excel",
        },
    )
