"""Apps depend downward only: a module or template uses its own app or apps strictly below it.

Levels (DESIGN.md): core ← accounts, schools ← hubs ← programmes ← workgroups ← practice ←
research, evaluation ← reports, leaders ← dashboard, content, api ← demo. Apps on the same
level may not use each other either. Leaders (the LLME pathway and records) sits beside
reports: an LLME's record shows their Work Groups' evaluation reports. Evaluation and
research sit one level above practice, as their issues
build them "on top of workgroups and practice": evaluation's report reads what was tried in
classrooms (Guskey levels 4 and 5); research links enquiry cycles to classroom trials and adds
readings to session plans as "engaging with research".

"Use" means, in Python: an import (also inside a function), `apps.get_model("label", …)`, a
model named by a string (`ForeignKey("label.Model")`), `reverse("namespace:name")` and the
like, a dotted path `"hubwork.<app>…"`, or a template another app holds. In templates:
`{% url 'namespace:…' %}`, `{% include %}` or `{% extends %}` of a template another app holds,
and `{% load %}` of another app's tags. Third-party names (`account_*`, `mfa_*`, `admin:*`)
are fine everywhere.

A lower app that must show a link into a higher one does not name it: it renders a menu or a
page registered in core.navigation, or a core.links.LinkSlot it declares, and the higher app
fills those from its AppConfig.ready().

The tests of an app, and the demo app, are not checked: tests build object graphs with the
factories of the apps they exercise, and demo data sits above everything.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import hubwork

LEVELS: dict[str, int] = {
    "core": 0,
    "accounts": 1,
    "schools": 1,
    "hubs": 2,
    "programmes": 3,
    "workgroups": 4,
    "practice": 5,
    "research": 6,
    "evaluation": 6,
    "reports": 7,
    "leaders": 7,
    "dashboard": 8,
    "content": 8,
    "api": 8,
    "demo": 9,
}
NOT_CHECKED_APPS = {"demo"}
NOT_CHECKED_FOLDERS = {"migrations", "tests", "__pycache__"}
# Functions whose first argument is a URL name ("namespace:name").
URL_NAME_FUNCTIONS = {"reverse", "reverse_lazy", "redirect", "resolve_url"}

PROJECT_ROOT = Path(hubwork.__file__).resolve().parent.parent

URL_TAG = re.compile(r"""{%-?\s*url\s+(["'])(?P<name>[^"']+)\1""")
TEMPLATE_TAG = re.compile(r"""{%-?\s*(?P<tag>include|extends)\s+(["'])(?P<template>[^"']+)\2""")
LOAD_TAG = re.compile(r"""{%-?\s*load\s+(?P<libraries>[^%]+?)\s*-?%}""")
DOTTED_PATH = re.compile(r"hubwork\.(?P<app>\w+)(\.\w+)*")
MODEL_NAME = re.compile(r"(?P<label>[a-z_]+)\.[A-Z]\w*")
URL_NAME = re.compile(r"\w+:[\w-]+")


@dataclass(frozen=True)
class Violation:
    path: Path
    line: int
    user: str
    used: str
    how: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: {self.user} (level {LEVELS[self.user]}) uses "
            f"{self.used} (level {LEVELS[self.used]}) via {self.how}"
        )


def may_use(user: str, used: str) -> bool:
    return user == used or LEVELS[used] < LEVELS[user]


def apps_under(root: Path) -> list[str]:
    """The Hubwork apps present under root/hubwork (any folder named after a known app)."""
    return sorted(
        folder.name
        for folder in (root / "hubwork").iterdir()
        if folder.is_dir() and folder.name in LEVELS
    )


def template_owners(root: Path) -> dict[str, str]:
    """Template name → the app whose templates/ folder holds it (the lowest app, should two
    hold the same name: Hubwork's apps are listed in INSTALLED_APPS lowest first)."""
    owners: dict[str, str] = {}
    for app in sorted(apps_under(root), key=lambda app: (LEVELS[app], app)):
        templates = root / "hubwork" / app / "templates"
        for template in sorted(templates.rglob("*")) if templates.is_dir() else []:
            if template.is_file():
                owners.setdefault(template.relative_to(templates).as_posix(), app)
    return owners


def tag_library_owners(root: Path) -> dict[str, str]:
    return {
        module.stem: app
        for app in apps_under(root)
        for module in (root / "hubwork" / app / "templatetags").glob("*.py")
        if module.stem != "__init__"
    }


def python_modules(root: Path, app: str) -> list[Path]:
    return [
        module
        for module in sorted((root / "hubwork" / app).rglob("*.py"))
        if not NOT_CHECKED_FOLDERS & set(module.relative_to(root / "hubwork" / app).parts[:-1])
    ]


def template_files(root: Path, app: str) -> list[Path]:
    templates = root / "hubwork" / app / "templates"
    return (
        sorted(path for path in templates.rglob("*") if path.is_file())
        if templates.is_dir()
        else []
    )


def _imported_modules(node: ast.Import | ast.ImportFrom, module_package: list[str]) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:  # relative: resolve against the importing module's package
        base = module_package[: len(module_package) - node.level + 1]
        prefix = ".".join(base + ([node.module] if node.module else []))
    else:
        prefix = node.module or ""
    return [prefix] + [f"{prefix}.{alias.name}" for alias in node.names]


def _call_name(call: ast.Call) -> str:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return ""


def _first_string_argument(call: ast.Call) -> str | None:
    if call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
        return call.args[0].value
    return None


def module_uses(
    source: str, module_package: list[str], owners: dict[str, str]
) -> list[tuple[int, str, str]]:
    """(line, used app, how) for every use of a Hubwork app that the module's source makes."""
    uses: list[tuple[int, str, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import | ast.ImportFrom):
            for module in _imported_modules(node, module_package):
                parts = module.split(".")
                if len(parts) > 1 and parts[0] == "hubwork" and parts[1] in LEVELS:
                    uses.append((node.lineno, parts[1], f"import {module}"))
                    break
        if isinstance(node, ast.Call):
            name, argument = _call_name(node), _first_string_argument(node)
            if argument is None:
                continue
            if name == "get_model":  # get_model("label.Model") is a model name, below
                label = argument if "." not in argument else ""
                if label in LEVELS:
                    uses.append((node.lineno, label, f'get_model("{argument}")'))
            elif name in URL_NAME_FUNCTIONS:
                namespace = argument.partition(":")[0] if URL_NAME.fullmatch(argument) else ""
                if namespace in LEVELS:
                    uses.append((node.lineno, namespace, f'{name}("{argument}")'))
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if (match := DOTTED_PATH.fullmatch(node.value)) and match["app"] in LEVELS:
                uses.append((node.lineno, match["app"], f'"{node.value}"'))
            elif (match := MODEL_NAME.fullmatch(node.value)) and match["label"] in LEVELS:
                uses.append((node.lineno, match["label"], f'model "{node.value}"'))
            elif node.value in owners:
                uses.append((node.lineno, owners[node.value], f'template "{node.value}"'))
    return uses


def template_uses(
    source: str, owners: dict[str, str], libraries: dict[str, str]
) -> list[tuple[int, str, str]]:
    """(line, used app, how) for every use of a Hubwork app that the template makes."""
    uses: list[tuple[int, str, str]] = []
    for number, line in enumerate(source.splitlines(), start=1):
        for match in URL_TAG.finditer(line):
            namespace = match["name"].partition(":")[0] if ":" in match["name"] else ""
            if namespace in LEVELS:
                uses.append((number, namespace, f"{{% url '{match['name']}' %}}"))
        for match in TEMPLATE_TAG.finditer(line):
            if match["template"] in owners:
                uses.append(
                    (
                        number,
                        owners[match["template"]],
                        f'{{% {match["tag"]} "{match["template"]}" %}}',
                    )
                )
        for match in LOAD_TAG.finditer(line):
            words = match["libraries"].split()
            names = words[words.index("from") + 1 :] if "from" in words else words
            uses.extend(
                (number, libraries[name], f"{{% load {name} %}}")
                for name in names
                if name in libraries
            )
    return uses


def module_violations(root: Path) -> list[Violation]:
    owners = template_owners(root)
    violations = []
    for app in apps_under(root):
        if app in NOT_CHECKED_APPS:
            continue
        for module in python_modules(root, app):
            package = list(module.relative_to(root).with_suffix("").parts[:-1])
            if module.name == "__init__.py":
                package = list(module.relative_to(root).parts[:-1])
            for line, used, how in module_uses(module.read_text(), package, owners):
                if not may_use(app, used):
                    violations.append(Violation(module.relative_to(root), line, app, used, how))
    return violations


def template_violations(root: Path) -> list[Violation]:
    owners, libraries = template_owners(root), tag_library_owners(root)
    violations = []
    for app in apps_under(root):
        if app in NOT_CHECKED_APPS:
            continue
        for template in template_files(root, app):
            for line, used, how in template_uses(template.read_text(), owners, libraries):
                if not may_use(app, used):
                    violations.append(Violation(template.relative_to(root), line, app, used, how))
    return violations


def test_every_app_has_a_level():
    apps = {path.parent.name for path in (PROJECT_ROOT / "hubwork").glob("*/apps.py")}
    assert apps - LEVELS.keys() == set(), "give the new app a level in LEVELS (and in DESIGN.md)"


def test_modules_use_only_their_own_app_and_lower_apps():
    violations = module_violations(PROJECT_ROOT)
    assert not violations, "Modules reach up or sideways:\n" + "\n".join(map(str, violations))


def test_templates_use_only_their_own_app_and_lower_apps():
    violations = template_violations(PROJECT_ROOT)
    assert not violations, "Templates reach up or sideways:\n" + "\n".join(map(str, violations))


# The checker checks: planted upward and sideways uses are caught, downward ones are not.


def _plant(root: Path, relative: str, source: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source)


def test_checker_catches_planted_upward_and_sideways_imports(tmp_path):
    for app in ("core", "hubs", "workgroups", "practice", "research"):
        _plant(tmp_path, f"hubwork/{app}/__init__.py", "")
    _plant(tmp_path, "hubwork/workgroups/templates/workgroups/hubs/detail.html", "")
    _plant(
        tmp_path,
        "hubwork/hubs/selectors.py",
        "from django.apps import apps\n"
        "from hubwork.core.models import TimeStamped\n"  # down: fine
        "from hubwork.hubs import models\n"  # own app: fine
        "from . import services\n"  # own app, relative: fine
        "\n"
        "def offer(hub):\n"
        "    from hubwork.workgroups.models import WorkGroup\n"  # up, inside a function
        '    return apps.get_model("workgroups", "WorkGroup")\n',  # up, through the registry
    )
    _plant(
        tmp_path,
        "hubwork/hubs/views/public.py",
        "import hubwork.practice.selectors\n"  # up
        "from ...workgroups import links\n"  # up, relative
        "from django.shortcuts import redirect, render\n"
        "\n"
        "def page(request):\n"
        '    render(request, "workgroups/hubs/detail.html")\n'  # another app's template
        '    return redirect("workgroups:catalogue")\n',  # up, by URL name
    )
    _plant(tmp_path, "hubwork/practice/apps.py", 'TASK = "hubwork.research.tasks.run"\n')
    _plant(
        tmp_path,
        "hubwork/hubs/models.py",
        'school = models.ForeignKey("schools.School", on_delete=models.CASCADE)\n'  # down: fine
        'offer = models.ForeignKey("workgroups.WorkGroup", on_delete=models.CASCADE)\n'  # up
        'model = apps.get_model("practice.Trial")\n',  # up
    )
    _plant(tmp_path, "hubwork/hubs/tests/test_views.py", "from hubwork.workgroups import models\n")
    _plant(tmp_path, "hubwork/hubs/migrations/0001_initial.py", "import hubwork.practice\n")

    found = {(str(v.path), v.line, v.used) for v in module_violations(tmp_path)}

    assert found == {
        ("hubwork/hubs/selectors.py", 7, "workgroups"),
        ("hubwork/hubs/selectors.py", 8, "workgroups"),
        ("hubwork/hubs/views/public.py", 1, "practice"),
        ("hubwork/hubs/views/public.py", 2, "workgroups"),
        ("hubwork/hubs/views/public.py", 6, "workgroups"),
        ("hubwork/hubs/views/public.py", 7, "workgroups"),
        ("hubwork/practice/apps.py", 1, "research"),  # sideways
        ("hubwork/hubs/models.py", 2, "workgroups"),
        ("hubwork/hubs/models.py", 3, "practice"),
    }


def test_checker_catches_planted_upward_and_sideways_template_tags(tmp_path):
    _plant(tmp_path, "hubwork/core/templates/base.html", "")
    _plant(tmp_path, "hubwork/hubs/templates/hubs/manage/base.html", "")
    _plant(tmp_path, "hubwork/workgroups/templates/workgroups/manage/list.html", "")
    _plant(tmp_path, "hubwork/practice/templatetags/practice_links.py", "")
    _plant(tmp_path, "hubwork/research/templates/research/reading.html", "")
    _plant(
        tmp_path,
        "hubwork/hubs/templates/hubs/manage/tabs.html",
        '{% extends "base.html" %}{% load humanize %}\n'  # core and third party: fine
        "{% url 'hubs:team' slug=hub.slug as team_url %}{% url 'account_login' %}\n"
        "{% url 'workgroups:manage_list' hub_slug=hub.slug as work_groups_url %}\n"  # up
        '{% include "workgroups/manage/list.html" with x=1 %}\n'  # up
        "{% load static practice_links %}\n",  # up
    )
    _plant(
        tmp_path,
        "hubwork/practice/templates/practice/space.html",
        '{% extends "hubs/manage/base.html" %}{% url "workgroups:mine" %}\n'  # down: fine
        '{% include "research/reading.html" %}{% url "research:readings" %}\n',  # sideways
    )

    found = {(str(v.path), v.line, v.used) for v in template_violations(tmp_path)}

    assert found == {
        ("hubwork/hubs/templates/hubs/manage/tabs.html", 3, "workgroups"),
        ("hubwork/hubs/templates/hubs/manage/tabs.html", 4, "workgroups"),
        ("hubwork/hubs/templates/hubs/manage/tabs.html", 5, "practice"),
        ("hubwork/practice/templates/practice/space.html", 2, "research"),
    }
    # Two sideways uses on line 2 of space.html, one per tag.
    assert len(template_violations(tmp_path)) == 5
