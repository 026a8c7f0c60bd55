from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search.backends import elasticsearch
from search.indexing import rebuild_index
from search.models import ProductDocument


class Command(BaseCommand):
    help = "Rebuild the product search documents, and the Elasticsearch index when configured."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild", action="store_true", help="rebuild every document (required)"
        )
        parser.add_argument("--no-progress", action="store_true", help="hide progress bars")

    def handle(self, *args, rebuild, no_progress, **options):
        if not rebuild:
            raise CommandError("say --rebuild to rebuild the search index")
        count = rebuild_index(progress=not no_progress)
        self.stdout.write(self.style.SUCCESS(f"Database search: {count} products indexed."))
        if not elasticsearch.is_configured():
            return
        documents = elasticsearch.with_relations(ProductDocument.objects.all())
        try:
            with tqdm(total=count, desc="elasticsearch", disable=no_progress) as bar:
                indexed = elasticsearch.rebuild(documents.iterator(chunk_size=1000), bar.update)
        except elasticsearch.UNAVAILABLE as error:
            raise CommandError(f"Elasticsearch could not be rebuilt: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Elasticsearch: {indexed} products, alias switched."))
