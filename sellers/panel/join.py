"""Becoming a producer: `/seller/join/` (account and mobile), a code by SMS to confirm the
mobile, then the profile staff review. Works for a new visitor and for a signed-in buyer."""

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from oscar.apps.customer.forms import generate_username

from shop.persian.numbers import localised_number
from shop.sms import otp
from shop.sms.exceptions import OtpThrottled, SmsNotSent

from .. import producers
from ..access import producer_of, producer_required
from .forms import CodeForm, JoinDetailsForm, JoinForm, ProfileForm

SESSION_KEY = "seller_join"
PURPOSE = "join"


def send_code(form, mobile, purpose=PURPOSE, note=""):
    """Send a one-time code, or put why it could not go on the form. True when sent."""
    try:
        otp.issue_code(mobile, purpose, note=note)
    except OtpThrottled as error:
        form.add_error(None, error.message)
    except SmsNotSent:
        form.add_error(None, _("The SMS could not be sent just now; try again in a minute."))
    return not form.errors


def join_view(request):
    if producer_of(request.user) is not None:
        return redirect("seller:home")
    if request.user.is_authenticated:
        form = JoinDetailsForm(request.POST or None)
    else:
        form = JoinForm(request.POST or None, host=request.get_host())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if send_code(form, data["mobile"]):
            request.session[SESSION_KEY] = {
                "name": data["name"],
                "mobile": data["mobile"],
                "email": data.get("email", ""),
                "password": make_password(data["password1"]) if "password1" in data else "",
            }
            return redirect("seller:join-confirm")
    return render(request, "sellers/panel/join.html", {"form": form})


def confirm_view(request):
    pending = request.session.get(SESSION_KEY)
    if not pending:
        return redirect("seller:join")
    form = CodeForm(request.POST or None, mobile=pending["mobile"], purpose=PURPOSE)
    if request.method == "POST" and request.POST.get("resend"):
        if send_code(form, pending["mobile"]):
            messages.success(request, _("A new code is on its way."))
            return redirect("seller:join-confirm")
    elif request.method == "POST" and form.is_valid():
        return _create(request, pending)
    return render(request, "sellers/panel/join_confirm.html", {"form": form, "pending": pending})


def _create(request, pending):
    User = get_user_model()
    with transaction.atomic():
        user = request.user if request.user.is_authenticated else None
        if user is None:
            if User.objects.filter(email__iexact=pending["email"]).exists():
                del request.session[SESSION_KEY]
                messages.error(request, _("An account with this email exists; log in first."))
                return redirect("customer:login")
            user = User.objects.create(
                username=generate_username(), email=pending["email"], password=pending["password"]
            )
        if producers.mobile_taken(pending["mobile"]):
            del request.session[SESSION_KEY]
            messages.error(request, _("A producer account already has this mobile number."))
            return redirect("seller:join")
        producers.join(user, name=pending["name"], mobile=pending["mobile"])
    if not request.user.is_authenticated:
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session.pop(SESSION_KEY, None)
    messages.success(request, _("Your mobile is confirmed. Now tell us about your work."))
    return redirect("seller:profile")


NEW_SHEBA = "seller_new_sheba"


def _ask_to_confirm_sheba(request, producer, sheba):
    """Payouts go to the Sheba: a change (not the first one) waits for the code sent to the
    producer's own mobile, so whoever else reaches the account cannot redirect the money."""
    form = CodeForm()
    note = _("A new Sheba ending in %(end)s was entered for your Dastsaz payouts.") % {
        "end": localised_number(sheba[-4:])
    }
    if not send_code(form, producer.mobile, "sheba", note):
        messages.error(request, form.non_field_errors()[0])
        return redirect("seller:profile")
    request.session[NEW_SHEBA] = sheba
    messages.info(request, _("Saved. To change the Sheba, enter the code we sent to your mobile."))
    return redirect("seller:sheba-confirm")


@producer_required
def profile_view(request):
    producer = request.producer
    old_sheba = producer.sheba
    form = ProfileForm(request.POST or None, request.FILES or None, instance=producer)
    if request.method == "POST" and form.is_valid():
        new_sheba = form.cleaned_data["sheba"]
        confirm_sheba = bool(old_sheba) and new_sheba != old_sheba
        with transaction.atomic():
            if confirm_sheba:
                form.instance.sheba = old_sheba  # until the code confirms the new one
            form.save()
            producers.submit_profile(producer)
        if confirm_sheba:
            return _ask_to_confirm_sheba(request, producer, new_sheba)
        if producer.is_approved:
            messages.success(request, _("Your profile is saved."))
        else:
            messages.success(
                request, _("Your application is sent. We check your licence and tell you by SMS.")
            )
        return redirect("seller:home")
    return render(request, "sellers/panel/profile.html", {"form": form, "producer": producer})


@producer_required
def sheba_confirm_view(request):
    new_sheba = request.session.get(NEW_SHEBA)
    if not new_sheba:
        return redirect("seller:profile")
    form = CodeForm(request.POST or None, mobile=request.producer.mobile, purpose="sheba")
    if request.method == "POST" and form.is_valid():
        producers.change_sheba(request.producer, new_sheba)
        request.session.pop(NEW_SHEBA, None)
        messages.success(request, _("Your new Sheba is saved; payouts go to it from now on."))
        return redirect("seller:profile")
    context = {"form": form, "ending": new_sheba[-4:], "mobile": request.producer.mobile}
    return render(request, "sellers/panel/sheba_confirm.html", context)
