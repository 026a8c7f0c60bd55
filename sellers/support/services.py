"""Grants between producers and support companies, and a company onboarding a producer."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.apps.customer.forms import generate_username

from ..exceptions import GrantError
from ..models import Partner, Right, SupportGrant
from ..producers import join, mobile_taken


def grant(producer, company, rights, by):
    """The producer gives the company these rights (those already live stay as they are)."""
    if not company.is_active:
        raise GrantError(_("This support company is not active."))
    rights = [Right(right) for right in rights]
    with transaction.atomic():
        # Lock the producer: two taps on "give access" then insert each right once.
        Partner.objects.select_for_update().filter(pk=producer.pk).first()
        live = set(
            SupportGrant.objects.select_for_update()
            .filter(producer=producer, company=company, revoked_at__isnull=True)
            .values_list("right", flat=True)
        )
        return [
            SupportGrant.objects.create(
                producer=producer, company=company, right=right, granted_by=by
            )
            for right in rights
            if right not in live
        ]


def revoke(producer, company, rights, by):
    """The producer takes rights back; the company loses them on its next request."""
    return SupportGrant.objects.filter(
        producer=producer, company=company, right__in=list(rights), revoked_at__isnull=True
    ).update(revoked_at=timezone.now(), revoked_by=by)


def onboard(company, *, name, mobile, email, rights, by):
    """A company brings a producer it supports: after the producer confirmed the mobile code,
    their producer account is made (applied, profile still to fill and check) with the rights
    they agreed to. Returns the producer."""
    User = get_user_model()
    with transaction.atomic():
        if mobile_taken(mobile):
            raise GrantError(
                _("A producer account already has this mobile; ask them to give access from "
                  "their own panel.")
            )  # fmt: skip
        # Never an existing account: the code proves only the mobile, and attaching someone's
        # account (or the company's own) would hand the producer's panel and Sheba to it.
        if User.objects.filter(email__iexact=email).exists():
            raise GrantError(
                _("This email already has an account on Dastsaz; the producer can join at "
                  "/seller/join/ and then give your company access.")
            )  # fmt: skip
        user = User(username=generate_username(), email=email)
        user.set_unusable_password()
        user.save()
        producer = join(user, name=name, mobile=mobile)
        grant(producer, company, rights, by)
    return producer
