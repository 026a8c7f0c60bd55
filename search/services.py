import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from shop.persian.text import normalise

from .models import ZeroResultQuery

# What counts as a real search worth telling producers about (issue 7, item 9).
MAX_QUERY_CHARS = 64
MAX_QUERY_WORDS = 6
NEW_QUERIES_PER_VISITOR_PER_DAY = 20
_LETTER_WORD = re.compile(r"^[^\W\d_]+(?:\u200c[^\W\d_]+)*$")  # letters, ZWNJ inside
_NUMBER = re.compile(r"^\d+$")
DAY_SECONDS = 24 * 60 * 60


def meaningful(query):
    """A normalised query made of words: at most MAX_QUERY_WORDS tokens and MAX_QUERY_CHARS,
    each a word of letters or a number, at least one a word of two letters or more."""
    tokens = query.split(" ")
    if not query or len(query) > MAX_QUERY_CHARS or len(tokens) > MAX_QUERY_WORDS:
        return False
    if not all(_LETTER_WORD.match(t) or _NUMBER.match(t) for t in tokens):
        return False
    return any(_LETTER_WORD.match(t) and len(t) >= 2 for t in tokens)


def visitor_of(request):
    """Who searched: the account, else the address (bots keep no cookies), hashed."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    address = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()
    return f"ip:{digest[:24]}"


def record_zero_result(text, visitor):
    """Count a search that found nothing, by its normalised text: once per visitor a day,
    only if it is made of words, and at most NEW_QUERIES_PER_VISITOR_PER_DAY queries from
    one visitor a day (safe under concurrency). Returns True if it was counted."""
    query = normalise(text)
    if not meaningful(query):
        return False
    day = timezone.localdate().isoformat()
    query_key = hashlib.sha256(query.encode()).hexdigest()[:24]
    if not cache.add(f"unmet:{day}:{visitor}:{query_key}", 1, DAY_SECONDS):
        return False  # this visitor's search was counted today
    budget_key = f"unmet:{day}:{visitor}:count"
    cache.add(budget_key, 0, DAY_SECONDS)
    if cache.incr(budget_key) > NEW_QUERIES_PER_VISITOR_PER_DAY:
        return False
    bump = {"count": F("count") + 1, "last_seen": timezone.now()}
    if ZeroResultQuery.objects.filter(query=query).update(**bump):
        return True
    try:
        with transaction.atomic():
            ZeroResultQuery.objects.create(query=query)
    except IntegrityError:  # another request created it first
        ZeroResultQuery.objects.filter(query=query).update(**bump)
    return True
