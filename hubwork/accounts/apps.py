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
        # "Where you're signed in": a browser just signed in is recorded already.
        from django.contrib.auth.signals import user_logged_in

        from hubwork.accounts.middleware import mark_seen_at_sign_in

        user_logged_in.connect(mark_seen_at_sign_in, dispatch_uid="hubwork-signed-in-seen")

        # "Your account" in every page's header, and the first of the account pages.
        register_page("account", "accounts:details")
        register("account", Link("Your details", "accounts:details", order=10))
        register_page("your_data", "accounts:your_data")
        register("account", Link("Your data", "accounts:your_data", order=15))
        # The national team erases accounts when people ask in writing.
        register(
            "account",
            Link(
                "Erase an account",
                "accounts:erasures",
                roles=frozenset({"national_admin"}),
                order=90,
            ),
        )
