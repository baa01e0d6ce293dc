from django import forms


class CompletionOverrideForm(forms.Form):
    completed = forms.TypedChoiceField(
        label="Has this person completed the Work Group?",
        choices=[("yes", "Yes, completed"), ("no", "No, not completed")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Why are you changing this?",
        help_text="This is kept in the audit log.",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give a reason for changing the completion."},
    )
