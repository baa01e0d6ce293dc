from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "hubwork.research"
    verbose_name = "Research"

    def ready(self) -> None:
        from hubwork.research.links import register_links

        register_links()

        from hubwork.research.project_links import register_project_links
        from hubwork.research.services.projects import on_work_group_copied
        from hubwork.workgroups.signals import work_group_copied

        register_project_links()
        # An RIWG copied to next year carries its research project over as its next year.
        work_group_copied.connect(on_work_group_copied, dispatch_uid="research.project_carry_over")

        from hubwork.research.session_reading_links import register_session_reading_links

        register_session_reading_links()

        from hubwork.research.search import connect_search_index

        connect_search_index()
