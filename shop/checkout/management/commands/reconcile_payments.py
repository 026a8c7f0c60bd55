from django.core.management.base import BaseCommand, CommandError

from shop.checkout.services import reconcile_payments
from shop.payments.exceptions import GatewayUnavailable


class Command(BaseCommand):
    help = "Ask the gateway about payments whose outcome is unknown and settle their orders."

    def handle(self, *args, **options):
        try:
            attempts = reconcile_payments()
        except GatewayUnavailable as error:
            raise CommandError(f"the gateway did not answer; try again later ({error})") from error
        for attempt in attempts:
            self.stdout.write(f"order {attempt.order.number}: payment {attempt.status}")
        self.stdout.write(self.style.SUCCESS(f"{len(attempts)} payments reconciled."))
