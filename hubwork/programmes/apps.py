from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "hubwork.programmes"
    label = "programmes"
    verbose_name = "Programmes"
