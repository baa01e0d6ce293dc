from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hubwork.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from hubwork.accounts.codes import connect_signals
        from hubwork.core.navigation import Link, register, register_page

        # A code we emailed is spent once used, or guessed at too often.
        connect_signals()

        # "Your account" in every page's header, and the first of the account pages.
        register_page("account", "accounts:details")
        register("account", Link("Your details", "accounts:details", order=10))
