"""Who is acting in the seller panel, and for whom: the one place that decides it.

Two kinds of people use `/seller/`:
- a producer's own account, which may do everything in its producer's panel;
- a support company's member (طرح پشتیبان), who picks one of the producers that granted the
  company rights (`company/act/<id>/`, kept in the session) and may then open only the parts
  of that panel those rights cover. The rights are read from the grants on every request, so
  a revoked grant stops access at once. Every POST a member makes that ends in a redirect
  without an error message (the panel's way of saying done) is recorded as a
  `SupportAction` (who, which company, which producer, what).

`producer_required` admits a producer's own account only (profile, joining, grants: a company
never changes a producer's Sheba or its own rights). `panel_view(right)` admits both, the
company only within `right` ("listings", "fulfilments", "statements"; None: any grant). The
view receives `request.producer`, `request.support` (None for the producer's own account)
and `request.rights` (what this person may open; every right for the producer's own account),
and reaches every object through a selector scoped to the producer, so another producer's
object is a 404 by construction.
"""

from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .models import Partner, Right, SupportAction, SupportGrant, SupportMember

ACTING_FOR = "seller_acting_for"
ALL_RIGHTS = frozenset(Right.values)  # a producer's own account


def producer_of(user):
    """The producer this account acts for, or None (an account acts for at most one)."""
    if not user.is_authenticated:
        return None
    return (
        Partner.objects.filter(users=user)
        .exclude(status=Partner.Status.CLOSED)
        .select_related("province", "city")
        .order_by("pk")
        .first()
    )


def membership_of(user):
    """The support company membership of this account, if its company is active."""
    if not user.is_authenticated:
        return None
    return (
        SupportMember.objects.filter(user=user, company__is_active=True)
        .select_related("company")
        .first()
    )


def may_act(user, producer, right):
    """Whether `user` may still do `right` work for `producer` (for work that outlives the
    request, like an import a company's member started): the producer's own account, or a
    member of an active company that still holds the grant."""
    if user is None:
        return False
    if producer.users.filter(pk=user.pk).exists():
        return True
    member = membership_of(user)
    return member is not None and right in live_rights(member.company, producer)


def live_rights(company, producer):
    return set(
        SupportGrant.objects.filter(
            company=company, producer=producer, revoked_at__isnull=True
        ).values_list("right", flat=True)
    )


@dataclass(frozen=True)
class Support:
    """A company member acting for a producer, and what the producer granted."""

    member: SupportMember
    rights: frozenset

    @property
    def company(self):
        return self.member.company

    def allows(self, right):
        return bool(self.rights) if right is None else right in self.rights


def act_for(request, producer):
    """The member works on `producer`'s panel from now on (kept with who chose it)."""
    request.session[ACTING_FOR] = [request.user.pk, producer.pk]


def _acting(request, member):
    """The producer the member chose, with the company's live rights, or (None, empty)."""
    chosen = request.session.get(ACTING_FOR)
    if not isinstance(chosen, list) or len(chosen) != 2 or chosen[0] != request.user.pk:
        request.session.pop(ACTING_FOR, None)  # chosen by someone else on this browser
        return None, frozenset()
    producer_id = chosen[1]
    producer = (
        Partner.objects.filter(pk=producer_id)
        .exclude(status=Partner.Status.CLOSED)
        .select_related("province", "city")
        .first()
    )
    rights = frozenset(live_rights(member.company, producer)) if producer else frozenset()
    if not rights:
        request.session.pop(ACTING_FOR, None)
        return None, frozenset()
    return producer, rights


def _succeeded(request, response):
    """A POST the panel answered with a redirect and no error message: the panel's way of
    saying it was done (a refused step redirects too, with an error message)."""
    if request.method != "POST" or response.status_code not in (301, 302, 303):
        return False
    queued = getattr(getattr(request, "_messages", None), "_queued_messages", [])
    return not any(message.level >= messages.ERROR for message in queued)


def _record(request, support, view_kwargs):
    SupportAction.objects.create(
        company=support.company,
        user=request.user,
        producer=request.producer,
        action=request.resolver_match.url_name if request.resolver_match else "",
        object_id=str(view_kwargs.get("pk", "")),
        path=request.path[:255],
    )


def panel_view(right=None):
    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            member = membership_of(request.user)
            if member is not None and ACTING_FOR in request.session:
                producer, rights = _acting(request, member)
                if producer is None:
                    messages.error(request, _("That producer no longer gives your company access."))
                    return redirect("seller:company")
                support = Support(member, rights)
                request.producer, request.support = producer, support
                request.rights = rights
                if not support.allows(right):
                    context = {"producer": producer, "support": support}
                    return render(request, "sellers/panel/not_granted.html", context, status=403)
                response = view(request, *args, **kwargs)
                if _succeeded(request, response):
                    _record(request, support, kwargs)
                return response
            producer = producer_of(request.user)
            if producer is None:
                if member is not None:
                    return redirect("seller:company")
                return render(request, "sellers/panel/not_a_producer.html", status=403)
            request.producer, request.support, request.rights = producer, None, ALL_RIGHTS
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def _only(find, attribute, rights=frozenset()):
    """A decorator admitting accounts for which `find(user)` is not None, given to the view
    as `request.<attribute>` (with `request.rights` in the panel); anonymous visitors log
    in, others get the joining page."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            found = find(request.user)
            if found is None:
                return render(request, "sellers/panel/not_a_producer.html", status=403)
            setattr(request, attribute, found)
            request.support, request.rights = None, rights
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


# The producer's own account only (never a support company acting for it).
producer_required = _only(producer_of, "producer", ALL_RIGHTS)
# A support company's member (the company's own pages).
member_required = _only(membership_of, "member")
