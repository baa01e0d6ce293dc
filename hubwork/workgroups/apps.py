from django.apps import AppConfig


class WorkGroupsConfig(AppConfig):
    name = "hubwork.workgroups"
    label = "workgroups"
    verbose_name = "Work Groups"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from hubwork.workgroups.links import register_links
        from hubwork.workgroups.services.calendar_feeds import calendar_feed_on_sign_in

        register_links()

        # Make the secret calendar address as a person signs in, never on a page's GET.
        user_logged_in.connect(calendar_feed_on_sign_in, dispatch_uid="calendar_feed_on_sign_in")
