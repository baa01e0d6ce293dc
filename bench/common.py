"""What every benchmark shares: a throwaway database and a query counter."""

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def django_setup(folder: Path) -> None:
    """Django on a throwaway SQLite database in `folder`, whatever the environment says, with
    production's DEBUG off (with it on, Django keeps and formats every query it runs)."""
    os.environ["DATA_DIR"] = str(folder)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DEBUG", "false")
    os.environ["DJANGO_SETTINGS_MODULE"] = "hubwork.settings"
    sys.path.insert(0, str(REPO))
    import django

    django.setup()


@contextmanager
def counting_queries() -> Iterator[Callable[[], int]]:
    """Count the database queries run inside the block."""
    from django.db import connection

    count = 0

    def counter(execute: Callable[..., Any], *args: Any) -> Any:
        nonlocal count
        count += 1
        return execute(*args)

    with connection.execute_wrapper(counter):
        yield lambda: count
