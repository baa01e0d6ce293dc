"""The write-up form: its four parts and the version the co-lead opened."""

from django import forms

from hubwork.research.services.writeups import MAX_FIELD_LENGTH, WriteUpData


def _part(label: str, help_text: str, rows: int = 8) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=MAX_FIELD_LENGTH,
        strip=False,  # the service tidies; what was typed is shown back as typed
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class WriteUpForm(forms.Form):
    summary = _part(
        "Summary",
        "What the project asked, what you did and what you found, in a short paragraph.",
        rows=5,
    )
    findings = _part(
        "Findings", "What you found, with the aggregate data behind it. No pupil names."
    )
    implications = _part(
        "Implications for teaching", "What other teachers might try, and what to look out for."
    )
    limitations = _part(
        "Limitations", "What the findings cannot tell us: a small group, a short time, and so on."
    )
    # The version the co-lead started from, so a co-lead's save is not lost.
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def data_entered(self) -> WriteUpData:
        return WriteUpData(
            summary=self.cleaned_data["summary"],
            findings=self.cleaned_data["findings"],
            implications=self.cleaned_data["implications"],
            limitations=self.cleaned_data["limitations"],
        )


class RestoreForm(forms.Form):
    """Make an earlier version the write-up again."""

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
