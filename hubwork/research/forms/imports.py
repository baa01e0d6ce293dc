from typing import Any, cast

from django import forms

from hubwork.research.permissions import ReadingList
from hubwork.research.services.imports import MAX_IMPORT_BYTES


class ReadingImportForm(forms.Form):
    reading_list = forms.ChoiceField(label="Add the readings to", widget=forms.RadioSelect)
    file = forms.FileField(
        label="Upload a file",
        help_text="A BibTeX (.bib) or RIS (.ris) file from your reference manager, up to 2 MB.",
        widget=forms.FileInput(attrs={"accept": ".bib,.bibtex,.ris"}),
    )

    def __init__(self, *args: Any, reading_lists: list[ReadingList], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.reading_lists = {item.key: item for item in reading_lists}
        cast(forms.ChoiceField, self.fields["reading_list"]).choices = [
            (item.key, item.name) for item in reading_lists
        ]
        if len(reading_lists) == 1:
            self.fields["reading_list"].widget = forms.HiddenInput()
            self.fields["reading_list"].initial = reading_lists[0].key
            self.fields["reading_list"].required = False

    def clean_reading_list(self) -> str:
        # One list to choose from: it is chosen, even if the hidden field did not come back.
        return str(self.cleaned_data.get("reading_list") or next(iter(self.reading_lists), ""))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("The file must be smaller than 2 MB")
        return upload
