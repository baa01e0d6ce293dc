from django.apps import AppConfig


class WorkGroupsConfig(AppConfig):
    name = "hubwork.workgroups"
    label = "workgroups"
    verbose_name = "Work Groups"
