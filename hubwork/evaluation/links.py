"""The links evaluation adds to the menus and pages of the apps below it (core.navigation and
workgroups' link slots), from EvaluationConfig.ready()."""


def register_links() -> None:
    pass
