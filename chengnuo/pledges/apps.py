from django.apps import AppConfig


class PledgesConfig(AppConfig):
    name = "chengnuo.pledges"
