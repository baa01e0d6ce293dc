"""The shape every app keeps (README, "Layout"): writes only in services, one permission-checked
getter per object type, folders by kind once an app has more than one module of a kind, and
each status group defined once. Each check reads the source, so a new module that breaks the
rule fails here with its file and line."""

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

from hubwork.workgroups.models import Attendance, Enrolment

HUBWORK = Path(__file__).resolve().parents[2]
APPS = sorted(
    path.name for path in HUBWORK.iterdir() if (path / "apps.py").exists() and path.name != "demo"
)

# Calls that write rows. `.update(` and `.delete(` count only on a QuerySet (a chain through
# `objects` or a related manager), so a dict's update or a storage's delete is not a write.
ROW_WRITES = {"save", "create", "get_or_create", "update_or_create", "bulk_create", "bulk_update"}
QUERYSET_WRITES = {"update", "delete"}
# Modules that may write without being a service, and why.
WRITERS_ALLOWED = {
    "core/audit.py": "the audit log's own writer, which every service calls",
    "core/outbox.py": "the outbox's own writer, which services call in their transaction",
    "core/caching.py": "the data versions' own writer, which services call in their transaction",
    "core/models.py": "save() overrides that keep timestamps",
    "schools/models.py": "save() override that keeps the normalised postcode",
    "accounts/models.py": "the user manager's create_user, which Django's tools call",
    "practice/uploads.py": "Pillow's Image.save writes bytes, not rows",
    "core/exports.py": "openpyxl's Workbook.save writes a spreadsheet file, not rows",
}


def app_modules(*, include_tests: bool = False) -> list[Path]:
    modules = []
    for app in APPS:
        for path in sorted((HUBWORK / app).rglob("*.py")):
            parts = path.relative_to(HUBWORK).parts
            if "migrations" in parts or (not include_tests and "tests" in parts):
                continue
            modules.append(path)
    return modules


def is_service_module(relative: str) -> bool:
    return "/services/" in relative or relative.endswith("/services.py")


def writes_in(source: str) -> list[tuple[int, str]]:
    """(line, call) for every call in `source` that writes rows."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        name = node.func.attr
        chain = ast.unparse(node.func.value)
        if name in ROW_WRITES and not (name == "save" and chain == "super()"):
            if name == "create" and "objects" not in chain and "." not in chain:
                continue  # a factory's or a form's own create(), not the ORM's
            found.append((node.lineno, f"{chain}.{name}()"))
        elif name in QUERYSET_WRITES and ("objects" in chain or "filter(" in chain):
            found.append((node.lineno, f"{chain}.{name}()"))
    return found


def test_the_write_finder_finds_writes_and_leaves_the_rest():
    source = (
        "Enrolment.objects.filter(pk=1).update(status='x')\n"
        "session.save(update_fields=['status'])\n"
        "Session.objects.bulk_create(rows)\n"
        "data.update(other)\n"
        "super().save()\n"
        "default_storage.delete(name)\n"
    )
    assert [line for line, _call in writes_in(source)] == [1, 2, 3]


def test_rows_are_written_only_in_services():
    problems = []
    for path in app_modules():
        relative = str(path.relative_to(HUBWORK))
        if is_service_module(relative) or relative in WRITERS_ALLOWED:
            continue
        for line, call in writes_in(path.read_text()):
            problems.append(f"hubwork/{relative}:{line}: {call}")
    assert not problems, "Writes outside services/:\n" + "\n".join(problems)


GETTER = re.compile(r"^get_(?P<type>[a-z_]+?)_for_[a-z_]+$")


def test_each_object_type_has_one_permission_checked_getter():
    getters: dict[str, list[str]] = defaultdict(list)
    for path in sorted(HUBWORK.glob("*/permissions.py")):
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.FunctionDef) and (match := GETTER.match(node.name)):
                getters[match["type"]].append(f"{path.parent.name}.{node.name}")
                # Access is asked for by keyword, after the person.
                assert node.args.args[0].arg == "user", node.name
                assert len(node.args.args) == 1, f"{node.name}: pass what it needs by keyword"
                assert ast.get_docstring(node), f"{node.name} says when it answers 403 and 404"
    assert {"work_group", "session", "enrolment", "trial", "output", "hub"} <= set(getters)
    doubles = {kind: names for kind, names in getters.items() if len(names) > 1}
    assert not doubles, f"More than one getter for: {doubles}"


KINDS = ("services", "selectors", "forms", "views")


@pytest.mark.parametrize("app", APPS)
def test_folders_by_kind_and_files_by_subject(app):
    """No `<subject>_forms.py` or `<subject>_selectors.py` beside a kind's module: an app with
    more than one module of a kind keeps them in a package, one module per subject."""
    root = HUBWORK / app
    for kind in KINDS:
        strays = sorted(
            path.name
            for path in root.glob("*.py")
            if path.stem.endswith(f"_{kind}") or path.stem.endswith(f"_{kind.rstrip('s')}")
        )
        assert not strays, f"{app}: {strays} belong in {app}/{kind}/"
        assert not ((root / f"{kind}.py").exists() and (root / kind).is_dir()), (
            f"{app} has both {kind}.py and {kind}/"
        )


def test_status_groups_are_defined_once_and_cover_every_status():
    statuses = set(Enrolment.Status.values)
    assert set(Enrolment.TAKING_PART) | set(Enrolment.WAITING) | set(Enrolment.CLOSED) == statuses
    assert not set(Enrolment.TAKING_PART) & set(Enrolment.WAITING)
    assert not set(Enrolment.TAKING_PART) & set(Enrolment.CLOSED)
    assert not set(Enrolment.WAITING) & set(Enrolment.CLOSED)
    assert set(Enrolment.MEMBERS) < set(Enrolment.TAKING_PART)
    assert set(Attendance.ATTENDED) < set(Attendance.Status.values)
    # No module keeps a list of its own.
    redefined = []
    for path in app_modules(include_tests=True):
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Name) and target.id.lstrip("_") in {
                        "TAKING_PART",
                        "WAITING",
                        "CLOSED",
                        "MEMBERS",
                        "ON_REGISTER",
                        "MEMBER_STATUSES",
                        "ATTENDED",
                    }:
                        redefined.append(f"{path.relative_to(HUBWORK)}:{node.lineno}")
    assert not redefined, redefined
