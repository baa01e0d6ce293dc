import pytest
from django.core.exceptions import ValidationError

from hubwork.research.doi import INVALID_MESSAGE, doi_url, normalise_doi


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("10.1234/abc", "10.1234/abc"),
        ("doi:10.1234/ABC", "10.1234/abc"),
        ("DOI: 10.1234/ABC", "10.1234/abc"),
        ("https://doi.org/10.1234/abc", "10.1234/abc"),
        ("http://dx.doi.org/10.1007/S11251-007-9015-8", "10.1007/s11251-007-9015-8"),
        ("doi.org/10.1037/0022-0663.99.3.561", "10.1037/0022-0663.99.3.561"),
        ("https://doi.org/10.1000%2Fxyz%28a%29", "10.1000/xyz(a)"),
        ("  10.1111/j.1467-8624.2007.00995.x  ", "10.1111/j.1467-8624.2007.00995.x"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_dois_are_kept_lower_case_without_their_prefix(given, kept):
    assert normalise_doi(given) == kept


@pytest.mark.parametrize(
    "given",
    [
        "not-a-doi",
        "11.1234/abc",  # every DOI starts "10."
        "10.12/abc",  # registrant codes have at least four digits
        "10.1234",  # no suffix
        "10.1234/",  # empty suffix
        "10.1234/a b",  # spaces
        "https://example.org/10.1234/abc",  # another site's address
        "10.abc/xyz",
        "10.1234/abc\x00",
        "10.1234/" + "a" * 300,
    ],
)
def test_anything_else_is_refused_with_a_readable_message(given):
    with pytest.raises(ValidationError) as raised:
        normalise_doi(given)
    assert raised.value.messages == [INVALID_MESSAGE]


def test_a_doi_links_to_the_resolver():
    assert doi_url("10.1234/abc") == "https://doi.org/10.1234/abc"
    assert doi_url("") == ""
