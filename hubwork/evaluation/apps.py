from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "hubwork.evaluation"
    verbose_name = "Evaluation and impact"

    def ready(self) -> None:
        from hubwork.evaluation.links import register_links
        from hubwork.evaluation.services.questionnaires import seed_for_programmes
        from hubwork.programmes.signals import programmes_seeded

        register_links()
        # Seeding the national programmes gives each its default questionnaires.
        programmes_seeded.connect(seed_for_programmes, dispatch_uid="evaluation.questionnaires")
