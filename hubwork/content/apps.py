from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "hubwork.content"
    verbose_name = "Public site"

    def ready(self) -> None:
        # Each part of the public site registers its own links and receivers.
        from hubwork.content.connections import connect_all

        connect_all()
