"""Wires the public site's parts into core's menus and into other apps' signals at start-up.

Each part (pages, feedback, newsletters, interest) keeps its own `register_*` function in
its own module; this one only calls them, so that parts can be added without touching each
other's files.
"""

from importlib import import_module

# "module:function" for every part's start-up hook.
HOOKS: tuple[str, ...] = (
    "page_links:register_pages",
    "newsletter_connections:register_newsletters",
    "feedback_links:register_feedback",
    "sending_connections:register_sending",
    "interest_wiring:register_interest",
)


def connect_all() -> None:
    for hook in HOOKS:
        module_name, function_name = hook.split(":")
        getattr(import_module(f"hubwork.content.{module_name}"), function_name)()
