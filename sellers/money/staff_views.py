"""Staff money screens in Oscar's dashboard: commission rates, payout batches, and a
producer's ledger with corrections. Each view parses input, calls one service or selector,
and renders; money errors (PayoutError) become messages here."""

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..exceptions import PayoutError
from ..models import LedgerEntry, Partner, PayoutBatch
from . import commission, ledger, payouts, selectors
from .staff_forms import AdjustmentForm, BatchForm, CommissionRateForm, MarkPaidForm

PAGE_SIZE = 20
STATEMENT_LINES = 100


def _page(request, queryset):
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return {"page_obj": page, "paginator": page.paginator}


@staff_member_required
def commission_view(request):
    form = CommissionRateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        commission.set_rate(
            data["percent"],
            data["effective_from"],
            request.user,
            product_class=data["product_class"],
            producer=data["producer"],
            note=data["note"],
        )
        messages.success(request, _("Commission rate added."))
        return redirect("money-commission")
    context = {"form": form, **_page(request, selectors.commission_rates())}
    return render(request, "oscar/dashboard/money/commission.html", context)


@staff_member_required
def batches_view(request):
    totals = selectors.house_totals()
    Account = LedgerEntry.Account
    context = {
        "commission_rials": totals.get(Account.COMMISSION, 0),
        "fees_rials": totals.get(Account.FEES, 0),
        "paid_out_rials": totals.get(Account.BANK, 0),
        **_page(request, selectors.batches()),
    }
    return render(request, "oscar/dashboard/money/batches.html", context)


@staff_member_required
def batch_new_view(request):
    """GET: who a batch would pay at the threshold typed; POST: make that batch."""
    form = BatchForm(request.POST or request.GET or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = payouts.create_batch(request.user, form.threshold_rials())
        except PayoutError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Batch made. Download its transfer list for the bank."))
            return redirect("money-batch", pk=batch.pk)
    context = {"form": form, "due": selectors.due_producers(form.threshold_rials())}
    return render(request, "oscar/dashboard/money/batch_new.html", context)


@staff_member_required
def batch_view(request, pk):
    batch = get_object_or_404(selectors.batches(), pk=pk)
    context = {"batch": batch, "payouts": selectors.payouts_in(batch), "paid_form": MarkPaidForm()}
    return render(request, "oscar/dashboard/money/batch.html", context)


@staff_member_required
def transfer_list_view(request, pk):
    batch = get_object_or_404(PayoutBatch, pk=pk)
    if batch.status == PayoutBatch.Status.CANCELLED:
        messages.error(request, _("This batch was cancelled; do not transfer its list."))
        return redirect("money-batch", pk=pk)
    response = HttpResponse(payouts.transfer_list_csv(batch), content_type="text/csv")
    filename = f"transfer-list-{batch.reference}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _batch_step(request, pk, step, done_message):
    """Run a payout service on a batch; its PayoutError becomes the message shown."""
    batch = get_object_or_404(PayoutBatch, pk=pk)
    try:
        step(batch, request.user)
    except PayoutError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done_message)
    return redirect("money-batch", pk=pk)


@staff_member_required
@require_POST
def mark_paid_view(request, pk):
    if not MarkPaidForm(request.POST).is_valid():
        messages.error(request, _("Tick the box to confirm that you transferred this list."))
        return redirect("money-batch", pk=pk)
    done = _("Batch marked paid; each payout is in its producer's ledger.")
    return _batch_step(request, pk, payouts.mark_paid, done)


@staff_member_required
@require_POST
def cancel_view(request, pk):
    # Cancelling a list the bank already paid would pay its producers twice: say so first.
    if not MarkPaidForm(request.POST).is_valid():
        messages.error(
            request, _("Tick the box to confirm that nothing of this list was transferred.")
        )
        return redirect("money-batch", pk=pk)
    done = _("Batch cancelled; its producers can be paid in a new one.")
    return _batch_step(request, pk, payouts.cancel_batch, done)


@staff_member_required
def producer_ledger_view(request, pk):
    """A producer's balances and latest lines; staff book a correction from here."""
    producer = get_object_or_404(Partner, pk=pk)
    form = AdjustmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ledger.book_adjustment(producer, data["amount_rials"], data["memo"], request.user)
        messages.success(request, _("Adjustment booked."))
        return redirect("money-producer", pk=pk)
    _opening_rials, lines = selectors.statement(producer)
    context = {
        "producer": producer,
        "balances": selectors.balances(producer),
        "lines": lines[:STATEMENT_LINES],
        "form": form,
    }
    return render(request, "oscar/dashboard/money/producer.html", context)
