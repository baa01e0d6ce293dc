from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hubwork.accounts"
    label = "accounts"
    verbose_name = "Accounts"
