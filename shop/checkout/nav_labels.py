"""Oscar's checkout step labels, listed so that our Persian catalogue (which Django reads
before Oscar's) gives them Persian digits: Oscar's own Persian has "1." … "5."."""

from django.utils.translation import gettext_noop

STEPS = (
    gettext_noop("1. Shipping address"),
    gettext_noop("2. Shipping method"),
    gettext_noop("3. Payment"),
    gettext_noop("4. Preview"),
    gettext_noop("5. Confirmation"),
)
