"""A publish or unpublish shows on the next request: the pages' cached block data
(cms.block_data) is given up, since any page may list the one that changed."""

from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from . import block_data


@receiver(page_published)
@receiver(page_unpublished)
def forget_block_data(sender, **kwargs):
    block_data.forget_all()
