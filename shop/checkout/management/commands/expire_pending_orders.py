from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from shop.checkout.services import expire_pending_orders


class Command(BaseCommand):
    help = "Cancel orders left unpaid for too long and give their stock back."

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=int, default=30, help="unpaid for longer than this")

    def handle(self, *args, minutes, **options):
        cancelled = expire_pending_orders(timezone.now() - timedelta(minutes=minutes))
        for order in cancelled:
            self.stdout.write(f"order {order.number} cancelled, stock released")
        self.stdout.write(self.style.SUCCESS(f"{len(cancelled)} unpaid orders cancelled."))
