"""The checks every journey runs on every page catch what they are for: markup the Nu HTML
validator refuses, and a page a 375 px phone screen has to scroll sideways."""

import pytest

from tests.browser import html_validator
from tests.browser.conftest import assert_fits_a_phone

pytestmark = [pytest.mark.browser]

PAGE = """<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>A page</title>
</head><body><main>{}</main></body></html>"""
WIDE_TABLE = (
    "<table><caption id='wide'>Wide</caption><tr>"
    + "".join(f"<td>Column{number}withalongword</td>" for number in range(12))
    + "</tr></table>"
)


def test_the_validator_reports_each_pages_errors(vnu):
    visited = html_validator.VisitedPages()
    visited.add("/fine/", PAGE.format("<p>Fine.</p>"))
    visited.add("/fine/ again", PAGE.format("<p>Fine.</p>"))
    visited.add("/htmx/", PAGE.format('<div hx-post="/check/">Checked</div>'))
    visited.add("/ids/", PAGE.format('<input id="id_version"><input id="id_version">'))
    problems = visited.problems(vnu)
    assert len(visited.documents) == 3
    assert any(
        "02 /htmx/" in problem and "“hx-post” not allowed" in problem for problem in problems
    )
    assert any(
        "03 /ids/" in problem and "Duplicate ID “id_version”" in problem for problem in problems
    )
    assert not any("/fine/" in problem for problem in problems)

    htmx = html_validator.VisitedPages()
    htmx.add("/htmx/", PAGE.format('<div data-hx-post="/check/">Checked</div>'))
    assert htmx.problems(vnu) == []


def test_a_wide_table_fails_the_phone_check_until_it_scrolls_in_its_own_region(browser):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.set_content(PAGE.format(WIDE_TABLE))
        with pytest.raises(AssertionError, match=r"scrolls sideways.*Too wide: .*table td"):
            assert_fits_a_phone(page)
        assert page.viewport_size == {"width": 1280, "height": 720}

        scrolling = (
            "<div style='overflow-x: auto' role='region' aria-labelledby='wide' tabindex='0'>"
            f"{WIDE_TABLE}</div>"
        )
        page.set_content(PAGE.format(scrolling))
        assert_fits_a_phone(page)

        # Visually hidden text is positioned absolutely: unless the region holds it, it sits
        # where its cell would be, out past the edge of the screen.
        hidden = "<span style='position: absolute; width: 1px; height: 1px; overflow: hidden'>"
        with_hidden = scrolling.replace("</td></tr>", f"{hidden}Actions</span></td></tr>")
        page.set_content(PAGE.format(with_hidden))
        with pytest.raises(AssertionError, match=r"Too wide: .*span"):
            assert_fits_a_phone(page)
        page.set_content(
            PAGE.format(
                with_hidden.replace("overflow-x: auto", "overflow-x: auto; position: relative")
            )
        )
        assert_fits_a_phone(page)
    finally:
        context.close()
