from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "hubwork.schools"
    label = "schools"
    verbose_name = "Schools"
