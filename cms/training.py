"""Training suggested to a producer in the seller panel: lessons for their crafts, and lessons
for what they lack, each with the reason shown to them ("You have 3 listings without photos").

What a producer lacks, in the order it is suggested:
- a licence that expired or expires within LICENCE_WARNING_DAYS → licence;
- slow shipping: orders waiting past the producer's own days to dispatch, or an average
  dispatch (insights.ProducerActivity, computed daily) over SLOW_DISPATCH_HOURS → shipping,
  then packaging;
- listings without photos → photography;
- no sale in NO_SALES_DAYS while their products are on show → selling, then pricing.
Then lessons written for one of their crafts (the crafts they named and their listings').
A lesson with no crafts is for everyone; one for other crafts is never suggested. Two
queries whatever the producer has: the facts (their crafts among them), then the lessons.
"""

import datetime
from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.coreutils import get_supported_content_language_variant

from catalog.models import Product
from insights.producer_selectors import crafts_of
from sellers.models import Fulfilment, Partner
from shop.persian.dates import format_jalali_date
from shop.persian.numbers import localised_number, ui_language

from .models import TrainingPage

LICENCE_WARNING_DAYS = 30
SLOW_DISPATCH_HOURS = 72
NO_SALES_DAYS = 90
Topic = TrainingPage.Topic


@dataclass(frozen=True)
class Suggestion:
    page: TrainingPage
    reason: str


@dataclass(frozen=True)
class Need:
    topics: tuple
    reason: str


def _count(rows, key):
    """How many of `rows` (distinct), as a column of the outer producer query: grouped by
    `key`, the producer, so it runs on PostgreSQL and SQLite alike; 0 when none."""
    counted = rows.order_by().values(key).annotate(n=Count("pk", distinct=True)).values("n")
    return Coalesce(Subquery(counted[:1], output_field=IntegerField()), 0)


def _facts(producer, now):
    """One query on PostgreSQL (two elsewhere): what the producer's listings, orders and
    activity say, and their crafts (the crafts they named and their listings')."""
    listings = Product.objects.filter(stockrecords__partner=OuterRef("pk"))
    fulfilments = Fulfilment.objects.filter(producer=OuterRef("pk"))
    waiting = (Fulfilment.Status.NEW, Fulfilment.Status.ACCEPTED)
    promised = now - datetime.timedelta(days=producer.processing_days)
    figures = {
        "listings": _count(listings, "stockrecords__partner"),
        "without_photos": _count(listings.filter(images__isnull=True), "stockrecords__partner"),
        "late": _count(fulfilments.filter(status__in=waiting, created_at__lt=promised), "producer"),
        "recent_sales": _count(
            fulfilments.exclude(status=Fulfilment.Status.CANCELLED).filter(
                created_at__gte=now - datetime.timedelta(days=NO_SALES_DAYS)
            ),
            "producer",
        ),
        "dispatch_hours": F("activity__avg_dispatch_hours"),
    }
    # PostgreSQL returns the crafts as an array column; SQLite (make run) asks separately.
    arrays = connection.vendor == "postgresql"
    if arrays:
        figures["craft_ids"] = ArraySubquery(crafts_of(OuterRef("pk")).values("pk").distinct())
    facts = Partner.objects.filter(pk=producer.pk).annotate(**figures).values(*figures).get()
    if not arrays:
        facts["craft_ids"] = list(crafts_of(producer).values_list("pk", flat=True).distinct())
    return facts


def needs_of(producer, facts, today):
    """What the producer lacks, most pressing first, each with the words that say so."""
    needs = []
    days_left = producer.licence_days_left(today)
    if days_left is not None and days_left < 0:
        date = format_jalali_date(producer.licence_expires_on, ui_language())
        reason = _("Your licence expired on %(date)s.") % {"date": date}
        needs.append(Need((Topic.LICENCE,), reason))
    elif days_left is not None and days_left <= LICENCE_WARNING_DAYS:
        reason = ngettext(
            "Your licence expires in %(days)s day.",
            "Your licence expires in %(days)s days.",
            days_left,
        ) % {"days": localised_number(days_left)}
        needs.append(Need((Topic.LICENCE,), reason))
    hours = facts["dispatch_hours"]
    if facts["late"]:
        reason = ngettext(
            "%(count)s order is waiting past the days you promised.",
            "%(count)s orders are waiting past the days you promised.",
            facts["late"],
        ) % {"count": localised_number(facts["late"])}
        needs.append(Need((Topic.SHIPPING, Topic.PACKAGING), reason))
    elif hours is not None and hours > SLOW_DISPATCH_HOURS:
        days = round(hours / 24)
        reason = ngettext(
            "Your orders take %(days)s day on average to be sent.",
            "Your orders take %(days)s days on average to be sent.",
            days,
        ) % {"days": localised_number(days)}
        needs.append(Need((Topic.SHIPPING, Topic.PACKAGING), reason))
    if facts["without_photos"]:
        reason = ngettext(
            "You have %(count)s listing without photos.",
            "You have %(count)s listings without photos.",
            facts["without_photos"],
        ) % {"count": localised_number(facts["without_photos"])}
        needs.append(Need((Topic.PHOTOGRAPHY,), reason))
    if producer.is_selling and facts["listings"] and not facts["recent_sales"]:
        reason = _("No sale in the last %(days)s days.") % {"days": localised_number(NO_SALES_DAYS)}
        needs.append(Need((Topic.SELLING, Topic.PRICING), reason))
    return needs


def _content_language():
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return None


def _lessons(crafts, topics):
    """One query: live lessons in the reader's language, for everyone or for one of
    `crafts` (ids), that are on one of `topics` or written for one of `crafts`, newest
    first; each with `for_craft`, the name of its first craft among `crafts` (or None)."""
    links = TrainingPage.crafts.through.objects.filter(trainingpage=OuterRef("pk"))
    mine = links.filter(category__in=crafts)
    lessons = (
        TrainingPage.objects.live()
        .annotate(
            for_everyone=~Exists(links),
            for_mine=Exists(mine),
            for_craft=Subquery(mine.order_by("category__path").values("category__name")[:1]),
        )
        .filter(Q(for_everyone=True) | Q(for_mine=True))
        .filter(Q(topic__in=topics) | Q(for_mine=True))
        .order_by("-first_published_at", "-pk")
    )
    language = _content_language()
    if language:
        lessons = lessons.filter(locale__language_code=language)
    return list(lessons)


def suggested_training(producer, limit=3, today=None):
    """Up to `limit` Suggestions (a lesson and why), one per need, then for the crafts."""
    now = timezone.now()
    today = today or timezone.localdate()
    facts = _facts(producer, now)
    needs = needs_of(producer, facts, today)
    topics = {topic for need in needs for topic in need.topics}
    if not topics and not facts["craft_ids"]:
        return []
    lessons = _lessons(facts["craft_ids"], topics)
    suggestions, chosen = [], set()

    def add(lesson, reason):
        suggestions.append(Suggestion(lesson, reason))
        chosen.add(lesson.pk)

    for need in needs:
        fitting = [x for x in lessons if x.topic in need.topics and x.pk not in chosen]
        if fitting:
            # Their craft's lesson first, then the need's topics in order (shipping first).
            add(
                min(fitting, key=lambda x: (not x.for_craft, need.topics.index(x.topic))),
                need.reason,
            )
    for lesson in lessons:
        if lesson.for_craft and lesson.pk not in chosen:
            add(lesson, _("For makers of %(craft)s.") % {"craft": lesson.for_craft})
    return suggestions[:limit]
