"""The links reports adds to the menus of the apps below it (core.navigation), from
ReportsConfig.ready(): a tab of each hub's staff area, and the national picture for the
national team."""


def register_links() -> None:
    """Each report registers its entry here as it lands."""
