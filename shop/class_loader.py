"""Oscar's class loader, except for `search`: ours replaces Oscar's haystack-based app; and
for the offer applicator: ours (shop/basket/offers.py) without a query per request.

Oscar's default loader always imports its own module next to a fork's, and importing
`oscar.apps.search.*` imports haystack, which we do not install or configure.
"""

from oscar.core.loading import _import_module, _pluck_classes, default_class_loader


def class_loader(module_label, classnames, module_prefix):
    if module_label.split(".", 1)[0] == "search":
        module = _import_module(module_label, classnames)
        if module is None:
            raise ModuleNotFoundError(f"search module {module_label!r} not found")
        return _pluck_classes([module], classnames)
    classes = default_class_loader(module_label, classnames, module_prefix)
    if module_label == "offer.applicator":
        from shop.basket import offers

        pairs = zip(classnames, classes, strict=True)
        classes = [getattr(offers, name, cls) for name, cls in pairs]
    return classes
