from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "hubwork.practice"
    verbose_name = "Practice between sessions"

    def ready(self) -> None:
        from hubwork.practice.links import register_links

        register_links()
