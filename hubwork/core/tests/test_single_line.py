"""Single-line text: names, titles and every other one-line box refuse line breaks and
control characters, which would otherwise carry into emails, calendars and exports."""

import importlib
import pkgutil

import pytest
from django import forms
from django.core.exceptions import ValidationError

import hubwork
from hubwork.core.forms import SingleLineCharField
from hubwork.core.validators import validate_single_line


@pytest.mark.parametrize(
    "text",
    [
        "Eve\r\nBcc: x@example.org",
        "a\nb",
        "a\tb",
        "a\x00b",
        "a\x1bb",
        "a\x7fb",
        "a\x85b",
        "a\u2028b",
        "a\u2029b",
    ],
)
def test_line_breaks_and_control_characters_are_refused(text):
    with pytest.raises(ValidationError):
        validate_single_line(text)


@pytest.mark.parametrize(
    "text", ["Sam Patel", "Siân O'Brien-Ní Dhuibhir", "محمد", "李小龙", "Zoë 👩\u200d🏫"]
)
def test_names_in_every_script_are_kept(text):
    validate_single_line(text)


def _every_form() -> list[type[forms.BaseForm]]:
    """Every form class in Hubwork's own modules."""
    for module in pkgutil.walk_packages(hubwork.__path__, "hubwork."):
        parts = module.name.split(".")
        if ("forms" in parts or "views" in parts) and "tests" not in parts:
            importlib.import_module(module.name)
    found: list[type[forms.BaseForm]] = []
    waiting: list[type[forms.BaseForm]] = [forms.Form]
    while waiting:
        form = waiting.pop()
        for subclass in form.__subclasses__():
            waiting.append(subclass)
            if subclass.__module__.startswith("hubwork.") and ".tests" not in subclass.__module__:
                found.append(subclass)
    return found


def _inherited_from_a_library(form: type[forms.BaseForm], name: str) -> bool:
    """allauth's own fields: Hubwork adds the check where it rewords them (wording.py)."""
    return any(
        name in getattr(base, "base_fields", {})
        for base in form.__mro__[1:]
        if not base.__module__.startswith("hubwork.")
    )


def test_every_one_line_text_box_people_type_into_refuses_line_breaks():
    forms_found = _every_form()
    assert len(forms_found) > 20  # the walk really found Hubwork's forms
    missing = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in forms_found
        for name, field in getattr(form, "base_fields", {}).items()
        if type(field) is forms.CharField
        and type(field.widget) is forms.TextInput
        and not _inherited_from_a_library(form, name)
    ]
    assert missing == [], "make these core.forms.SingleLineCharField"


def test_the_field_shows_its_own_message_by_the_field():
    class NameForm(forms.Form):
        name = SingleLineCharField(
            error_messages={"single_line": "Enter your name without line breaks"}
        )

    assert NameForm({"name": "Eve\nBcc: x@example.org"}).errors == {
        "name": ["Enter your name without line breaks"]
    }
    assert NameForm({"name": "Eve\x07"}).errors == {"name": ["Enter your name without line breaks"]}
    assert NameForm({"name": "  Eve  "}).is_valid()
