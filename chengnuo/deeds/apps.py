from django.apps import AppConfig


class DeedsConfig(AppConfig):
    name = "chengnuo.deeds"
