from django.core.management.base import BaseCommand

from chengnuo.notifications.models import EmailState, Notification
from chengnuo.notifications.services import send_pending


class Command(BaseCommand):
    help = ("Send the email copies of notifications still pending or marked for retry "
            "(what the periodic task does every five minutes).")

    def handle(self, *args, **options):
        sent = send_pending()
        waiting = Notification.objects.filter(
            email_state__in=[EmailState.PENDING, EmailState.RETRY]).count()
        self.stdout.write(f"Sent {sent} emails; {waiting} still waiting.")
