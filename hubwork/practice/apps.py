from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "hubwork.practice"
    verbose_name = "Practice between sessions"
