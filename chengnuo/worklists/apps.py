from django.apps import AppConfig


class WorklistsConfig(AppConfig):
    name = "chengnuo.worklists"
