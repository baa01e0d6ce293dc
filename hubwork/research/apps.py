from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "hubwork.research"
    verbose_name = "Research"

    def ready(self) -> None:
        from hubwork.research.links import register_links

        register_links()
