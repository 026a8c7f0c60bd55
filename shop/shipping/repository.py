from oscar.apps.shipping import repository

from .methods import PostByEachProducer


class Repository(repository.Repository):
    methods = (PostByEachProducer(),)
