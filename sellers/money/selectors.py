"""Reading producers' money. Every balance is a sum of ledger lines, computed when asked.

- balance: everything on the producer's account (what Dastsaz owes them now);
- available: the part whose hold has passed (`available_on` on or before the day);
- pending: balance less available (sales still in their hold);
- reserved: what open payout batches hold for them;
- payable: available less reserved (what the next batch may pay).
"""

from dataclasses import dataclass

from django.db.models import Count, F, Q, Sum, Value, Window
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import CommissionRate, LedgerEntry, Partner, Payout, PayoutBatch

PRODUCER = LedgerEntry.Account.PRODUCER


@dataclass(frozen=True)
class Balances:
    balance_rials: int
    available_rials: int
    reserved_rials: int

    @property
    def pending_rials(self):
        return self.balance_rials - self.available_rials

    @property
    def payable_rials(self):
        return max(self.available_rials - self.reserved_rials, 0)


def _reserved(producer_ids):
    rows = (
        Payout.objects.filter(producer_id__in=producer_ids, batch__status=PayoutBatch.Status.OPEN)
        .values("producer_id")
        .annotate(total=Sum("amount_rials"))
    )
    return {row["producer_id"]: row["total"] for row in rows}


def _sums(producer_ids, on):
    rows = (
        LedgerEntry.objects.filter(account=PRODUCER, producer_id__in=producer_ids)
        .values("producer_id")
        .annotate(
            balance=Sum("amount_rials"),
            available=Coalesce(Sum("amount_rials", filter=Q(available_on__lte=on)), 0),
        )
    )
    return {row["producer_id"]: (row["balance"], row["available"]) for row in rows}


def balances(producer, on=None):
    on = on or timezone.localdate()
    balance, available = _sums([producer.pk], on).get(producer.pk, (0, 0))
    return Balances(balance, available, _reserved([producer.pk]).get(producer.pk, 0))


def payable_by_producer(producer_ids, on):
    """{producer id: available less reserved} (may be negative when a refund came after a
    payout: the producer owes it back from later sales)."""
    sums, reserved = _sums(producer_ids, on), _reserved(producer_ids)
    return {pk: sums[pk][1] - reserved.get(pk, 0) for pk in producer_ids if pk in sums}


def statement(producer, start=None, end=None):
    """The producer's lines in [start, end) (all when not given), newest first, each with
    `running_rials`: the balance right after it (the opening balance plus the period's lines
    so far). Returns (opening_rials, lines)."""
    lines = LedgerEntry.objects.filter(account=PRODUCER, producer=producer)
    opening = 0
    if start is not None:
        opening = balance_before(producer, start)
        lines = lines.filter(created_at__gte=start)
    if end is not None:
        lines = lines.filter(created_at__lt=end)
    running = Window(Sum("amount_rials"), order_by=[F("created_at").asc(), F("pk").asc()])
    lines = (
        lines.select_related("fulfilment__order", "payout__batch")
        .annotate(running_rials=running + Value(opening))
        .order_by("-created_at", "-pk")
    )
    return opening, lines


def balance_before(producer, moment):
    return LedgerEntry.objects.filter(
        account=PRODUCER, producer=producer, created_at__lt=moment
    ).aggregate(total=Coalesce(Sum("amount_rials"), 0))["total"]


def payouts_received(producer):
    return (
        Payout.objects.filter(producer=producer, batch__status=PayoutBatch.Status.PAID)
        .select_related("batch")
        .order_by("-batch__closed_at", "-pk")
    )


# --- staff ----------------------------------------------------------------------------------


def batches():
    # Meta.ordering is not applied to a grouped query: order here.
    return (
        PayoutBatch.objects.annotate(
            total_rials=Coalesce(Sum("payouts__amount_rials"), 0), payout_count=Count("payouts")
        )
        .select_related("created_by", "closed_by")
        .order_by("-created_at", "-pk")
    )


def commission_rates():
    """Every rate staff added, newest in effect first (earlier rates stay for paid orders)."""
    return CommissionRate.objects.select_related("product_class", "producer", "created_by")


def payouts_in(batch):
    return batch.payouts.select_related("producer").order_by("pk")


def payout_candidates(on):
    """Producers a batch made on `on` may pay: lines available by then, a Sheba on file, not
    suspended (payouts.create_batch locks these; the preview below reads the same set)."""
    ids = (
        LedgerEntry.objects.filter(account=PRODUCER, available_on__lte=on)
        .values_list("producer_id", flat=True)
        .distinct()
    )
    return (
        Partner.objects.filter(pk__in=list(ids))
        .exclude(sheba="")
        .exclude(status=Partner.Status.SUSPENDED)
    )


def due_producers(threshold_rials, on=None):
    """Who a batch made now would pay, and how much: [(producer, payable_rials)]."""
    on = on or timezone.localdate()
    producers = list(payout_candidates(on).order_by("name", "pk"))
    payable = payable_by_producer([p.pk for p in producers], on)
    return [(p, payable[p.pk]) for p in producers if payable.get(p.pk, 0) >= threshold_rials]


def house_totals():
    """The house accounts' sums: commission and fee income, money paid out, buyers' money
    still held for producers (negative: owed to producers from buyers' payments)."""
    rows = (
        LedgerEntry.objects.exclude(account=PRODUCER)
        .values("account")
        .annotate(total=Sum("amount_rials"))
    )
    return {row["account"]: row["total"] for row in rows}
