"""Markup rules every template and script keeps, so that pages stay valid HTML (the browser
journeys run the Nu HTML validator over every page they visit; this finds the commonest
mistake without a browser)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
# htmx reads data-hx-* as well as hx-*, and only data-* attributes are valid HTML.
BARE_HTMX_ATTRIBUTE = re.compile(r"(?<![\w-])hx-[a-z][a-z-]*(?=\s*=|[\"'\]])")


def markup_files() -> list[Path]:
    templates = sorted((ROOT / "hubwork").glob("*/templates/**/*.html"))
    scripts = [
        path
        for folder in [ROOT / "static" / "js", ROOT / "frontend"]
        for pattern in ["*.js", "*.mjs"]
        for path in sorted(folder.glob(pattern))
    ]
    return templates + scripts


def test_htmx_attributes_are_written_as_data_attributes():
    files = markup_files()
    assert any(path.name == "catalogue.html" for path in files)
    bare = [
        f"{path.relative_to(ROOT)}:{number}: {match.group()}"
        for path in files
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        for match in BARE_HTMX_ATTRIBUTE.finditer(line)
    ]
    assert not bare, "Write htmx attributes as data-hx-*:\n" + "\n".join(bare)


def test_the_rule_finds_bare_htmx_attributes():
    assert BARE_HTMX_ATTRIBUTE.search('<div hx-post="/check/">')
    assert BARE_HTMX_ATTRIBUTE.search("element.setAttribute('hx-target', '#x')")
    assert not BARE_HTMX_ATTRIBUTE.search('<div data-hx-post="/check/">')
    assert not BARE_HTMX_ATTRIBUTE.search("{% load django_htmx %}{% htmx_script %}")
