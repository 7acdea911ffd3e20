from django.core.management.base import BaseCommand

from chengnuo.demo.table import accounts_table


class Command(BaseCommand):
    help = "Print the demo accounts: username, password, role and organization."

    def handle(self, *args, **options):
        self.stdout.write(accounts_table())
