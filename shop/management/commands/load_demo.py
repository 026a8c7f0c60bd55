import argparse

from django.core.management.base import BaseCommand, CommandError

from shop.demo.builder import ADMIN_EMAIL, ADMIN_PASSWORD, load_demo
from shop.persian.digits import to_latin_digits

MAX_PRODUCTS = 1_000_000


def product_count(value):
    text = to_latin_digits(value).replace(",", "").replace("_", "")
    if not text.isdigit() or not 1 <= int(text) <= MAX_PRODUCTS:
        raise argparse.ArgumentTypeError(
            f"--products takes a whole number from 1 to {MAX_PRODUCTS:,}, not {value!r}"
        )
    return int(text)


class Command(BaseCommand):
    help = "Create (idempotently) a demo marketplace: producers, products, images, an admin."

    def add_arguments(self, parser):
        parser.add_argument(
            "--products",
            type=product_count,
            default=300,
            help="how many demo products should exist (default 300; bulk inserts at scale)",
        )
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    def handle(self, *args, products, no_progress, **options):
        from django.conf import settings

        if settings.SETTINGS_MODULE.endswith(".production"):
            raise CommandError(
                "load_demo refuses to run on production settings: it creates demo producers, "
                f"products and the admin {ADMIN_EMAIL} with a published password"
            )
        try:
            report = load_demo(products=products, progress=not no_progress)
        except FileNotFoundError as error:
            raise CommandError(f"reference data missing: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready: {report.producers} producers, {report.products} products "
                f"({report.products_created} new), {report.exhibitions} exhibitions. "
                f"Admin: {ADMIN_EMAIL} / {ADMIN_PASSWORD}"
            )
        )
