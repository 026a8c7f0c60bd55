from django.core.management.base import BaseCommand, CommandError

from exhibitions.fees import reconcile_fee_payments
from shop.checkout.services import reconcile_payments
from shop.payments.exceptions import GatewayUnavailable


class Command(BaseCommand):
    help = (
        "Ask the gateway about payments whose outcome is unknown and settle their orders and "
        "booth applications."
    )

    def handle(self, *args, **options):
        try:
            attempts = reconcile_payments() + reconcile_fee_payments()
        except GatewayUnavailable as error:
            raise CommandError(f"the gateway did not answer; try again later ({error})") from error
        for attempt in attempts:
            what = f"order {attempt.order.number}" if attempt.order_id else attempt.reference
            self.stdout.write(f"{what}: payment {attempt.status}")
        self.stdout.write(self.style.SUCCESS(f"{len(attempts)} payments reconciled."))
