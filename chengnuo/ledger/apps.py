from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "chengnuo.ledger"
