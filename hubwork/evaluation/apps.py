from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "hubwork.evaluation"
    verbose_name = "Evaluation and impact"

    def ready(self) -> None:
        from hubwork.evaluation.links import register_links

        register_links()
