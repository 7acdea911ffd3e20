from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "chengnuo.organizations"
