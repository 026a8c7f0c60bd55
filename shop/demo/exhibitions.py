"""Demo exhibitions: three organizers with a member account each, their venues, two permanent
exhibitions (a Tabriz park, the Urmia bus terminal) and a seasonal Nowruz fair in Isfahan with
a 4×5 booth grid, and booth applications from demo producers in every state.

Idempotent: organizers, venues, exhibitions, hours and booths are found by their natural keys
and only added; the applications are made once, when the demo exhibitions have none.
Applications go through the real paths (exhibitions.services, exhibitions.fees: a fee paid in
cash is recorded by the organizer's member), so their booths, payments and messages are what
the site itself would make.
"""

import datetime
from dataclasses import dataclass

import jdatetime
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from catalog.models import Category, City, Product, Province
from exhibitions import fees, services
from exhibitions.models import Booth, BoothApplication, Exhibition, OpeningHours, Organizer, Venue

Kind = Booth.Kind
EVERY_DAY = range(7)  # Saturday (0) … Friday (6)


@dataclass(frozen=True)
class DemoOrganizer:
    key: str  # the member's login: organizer-<key>@demo.dastsaz.ir
    name: str
    kind: str
    province: str  # code in catalog/reference/provinces.csv
    phone: str
    member: tuple  # first name, last name
    venue: dict


ORGANIZERS = (
    DemoOrganizer(
        key="isfahan",
        name="اداره کل تعاون، کار و رفاه اجتماعی استان اصفهان",
        kind=Organizer.Kind.LABOUR_OFFICE,
        province="ISF",
        phone="03136610000",
        member=("مهدی", "رضایی"),
        venue={
            "name": "محل دائمی نمایشگاه‌های بین‌المللی اصفهان",
            "address": "اصفهان، بلوار آیینه‌خانه، جنب بوستان ناژوان",
            "latitude": "32.636400",
            "longitude": "51.621900",
        },
    ),
    DemoOrganizer(
        key="tabriz",
        name="جهاد دانشگاهی واحد تبریز",
        kind=Organizer.Kind.UNIVERSITY_JIHAD,
        province="AZE",
        phone="04133340000",
        member=("لیلا", "عباس‌زاده"),
        venue={
            "name": "پارک ائل‌گلی",
            "address": "تبریز، انتهای بلوار ائل‌گلی، ورودی اصلی پارک ائل‌گلی",
            "latitude": "38.024500",
            "longitude": "46.368000",
        },
    ),
    DemoOrganizer(
        key="urmia",
        name="اداره کل کتابخانه‌های عمومی استان آذربایجان غربی",
        kind=Organizer.Kind.LIBRARY_NETWORK,
        province="AZW",
        phone="04433460000",
        member=("رضا", "قاسمی"),
        venue={
            "name": "پایانه مسافربری ارومیه",
            "address": "ارومیه، کمربندی شمالی، بلوار پایانه، سالن اصلی پایانه مسافربری",
            "latitude": "37.573800",
            "longitude": "45.058900",
        },
    ),
)

FAIR_SLUG = "isfahan-nowruz-fair"
TABRIZ_SLUG = "el-goli-park-tabriz"
URMIA_SLUG = "urmia-bus-terminal"
DEMO_SLUGS = (FAIR_SLUG, TABRIZ_SLUG, URMIA_SLUG)


@dataclass(frozen=True)
class Layout:
    """A booth grid: rows × columns (A1 …), which codes are corner or food booths, the fee of
    each booth type in Rials and the size of each in m²."""

    rows: int
    columns: int
    corners: frozenset
    food: frozenset
    fee_rials: dict
    size_m2: dict

    def booths(self):
        for row in range(1, self.rows + 1):
            for column in range(1, self.columns + 1):
                code = f"{chr(ord('A') + row - 1)}{column}"
                kind = (
                    Kind.CORNER
                    if code in self.corners
                    else Kind.FOOD
                    if code in self.food
                    else Kind.STANDARD
                )
                yield code, row, column, kind, self.fee_rials[kind], self.size_m2[kind]


LAYOUTS = {
    FAIR_SLUG: Layout(
        rows=4,
        columns=5,
        corners=frozenset({"A1", "A5", "D1", "D5"}),
        food=frozenset({"D2", "D3", "D4"}),
        fee_rials={Kind.STANDARD: 15_000_000, Kind.FOOD: 25_000_000, Kind.CORNER: 30_000_000},
        size_m2={Kind.STANDARD: 9, Kind.FOOD: 9, Kind.CORNER: 12},
    ),
    TABRIZ_SLUG: Layout(
        rows=2,
        columns=4,
        corners=frozenset({"A1", "A4"}),
        food=frozenset({"B4"}),
        fee_rials={Kind.STANDARD: 6_000_000, Kind.FOOD: 7_000_000, Kind.CORNER: 8_000_000},
        size_m2={Kind.STANDARD: 6, Kind.FOOD: 6, Kind.CORNER: 8},
    ),
    URMIA_SLUG: Layout(
        rows=2,
        columns=3,
        corners=frozenset({"A1", "A3"}),
        food=frozenset(),
        fee_rials={Kind.STANDARD: 5_000_000, Kind.CORNER: 6_000_000},
        size_m2={Kind.STANDARD: 4, Kind.CORNER: 6},
    ),
}


def nowruz_fair_dates(today):
    """The coming Nowruz fair: from five days before 1 Farvardin to 10 Farvardin. Late in
    Esfand, when too little time is left to apply, the Nowruz after it."""
    year = jdatetime.date.fromgregorian(date=today).year + 1
    while True:
        nowruz = jdatetime.date(year, 1, 1).togregorian()
        starts_on = nowruz - datetime.timedelta(days=5)
        if starts_on > today + datetime.timedelta(days=7):
            return starts_on, nowruz + datetime.timedelta(days=9)
        year += 1


def exhibition_plans(today):
    """What each demo exhibition is, by slug: its organizer's key and its fields."""
    fair_starts, fair_ends = nowruz_fair_dates(today)
    nowruz_year = jdatetime.date.fromgregorian(date=fair_ends).year
    permanent_since = today - datetime.timedelta(days=120)
    permanent = {
        "kind": Exhibition.Kind.PERMANENT,
        "status": Exhibition.Status.RUNNING,
        "starts_on": permanent_since,
        "ends_on": None,
        "applications_open_on": permanent_since - datetime.timedelta(days=30),
        "applications_close_on": today + datetime.timedelta(days=2 * 365),
        "pay_within_days": 7,
        "term_days": 30,
    }
    return {
        FAIR_SLUG: (
            "isfahan",
            {
                "title": "نمایشگاه نوروزی صنایع دستی و مشاغل خانگی اصفهان",
                "description": (
                    f"نمایشگاه نوروزی {nowruz_year} با حضور تولیدکنندگان خانگی و هنرمندان صنایع "
                    "دستی استان اصفهان: خاتم، مینا، قلمکار، گلیم و سوغات خوراکی نوروز. "
                    "غرفه‌های خوراکی در ردیف آخر کنار فضای پذیرایی است."
                ),
                "kind": Exhibition.Kind.SEASONAL,
                "status": Exhibition.Status.ACCEPTING,
                "starts_on": fair_starts,
                "ends_on": fair_ends,
                "applications_open_on": today - datetime.timedelta(days=14),
                "applications_close_on": fair_starts - datetime.timedelta(days=3),
                "pay_within_days": 3,
            },
            {day: ("09:00", "21:00") for day in EVERY_DAY},
        ),
        TABRIZ_SLUG: (
            "tabriz",
            {
                "title": "نمایشگاه دائمی مشاغل خانگی پارک ائل‌گلی",
                "description": (
                    "بازارچه دائمی تولیدکنندگان خانگی آذربایجان شرقی در پارک ائل‌گلی تبریز: "
                    "فرش و گلیم، چاقوسازی، سفال و شیرینی‌های محلی. هر غرفه ماهانه واگذار می‌شود."
                ),
                **permanent,
            },
            {
                **{day: ("16:00", "22:00") for day in range(6)},  # Saturday to Thursday
                OpeningHours.Weekday.FRIDAY: ("10:00", "22:00"),
            },
        ),
        URMIA_SLUG: (
            "urmia",
            {
                "title": "نمایشگاه دائمی صنایع دستی پایانه مسافربری ارومیه",
                "description": (
                    "غرفه‌های صنایع دستی و سوغات تولیدکنندگان خانگی در سالن انتظار پایانه "
                    "مسافربری ارومیه، برای مسافرانی که سوغاتی می‌خرند. هر غرفه ماهانه واگذار "
                    "می‌شود."
                ),
                **permanent,
            },
            {day: ("08:00", "20:00") for day in EVERY_DAY},
        ),
    }


# Applications by exhibition: (outcome, booth code or None, preferred booth type, note or
# reason). "expired" ones come first: they are accepted and left unpaid past their deadline.
APPLICATIONS = {
    FAIR_SLUG: (
        ("expired", "C4", Kind.STANDARD, ""),
        ("paid", "A1", Kind.CORNER, "میز نمایش و نور غرفه را خودم می‌آورم."),
        ("paid", "B2", Kind.STANDARD, ""),
        ("paid", "D3", Kind.FOOD, "برای نمونه‌های چشیدنی به پریز برق نیاز دارم."),
        ("accepted", "A3", Kind.STANDARD, ""),
        (
            "rejected",
            None,
            Kind.FOOD,
            "ظرفیت غرفه‌های خوراکی این دوره تکمیل شده است؛ لطفاً برای نمایشگاه بعدی درخواست دهید.",
        ),
        ("withdrawn", None, Kind.STANDARD, ""),
        ("applied", None, Kind.CORNER, "اگر غرفه گوشه نبود، غرفه معمولی هم می‌پذیرم."),
        ("applied", None, Kind.FOOD, ""),
    ),
    TABRIZ_SLUG: (
        ("paid", "A1", Kind.CORNER, ""),
        ("paid", "B2", Kind.STANDARD, ""),
        ("applied", None, Kind.STANDARD, "عصرها و جمعه‌ها خودم در غرفه هستم."),
    ),
    URMIA_SLUG: (
        ("paid", "A2", Kind.STANDARD, ""),
        ("accepted", "B1", Kind.STANDARD, ""),
    ),
}


def ensure_exhibitions(producers, password, today=None):
    """Organizers, venues, exhibitions and booths (added when missing), then the
    applications (once). Returns the demo exhibitions."""
    today = today or timezone.localdate()
    organizers = {plan.key: ensure_organizer(plan, password) for plan in ORGANIZERS}
    exhibitions = {}
    for slug, (key, fields, hours) in exhibition_plans(today).items():
        organizer = organizers[key]
        exhibitions[slug] = ensure_exhibition(slug, organizer, organizer.venues.get(), fields)
        ensure_hours(exhibitions[slug], hours)
        ensure_booths(exhibitions[slug], LAYOUTS[slug])
    if not BoothApplication.objects.filter(exhibition__slug__in=DEMO_SLUGS).exists():
        with transaction.atomic():
            make_applications(exhibitions, producers, today)
    return list(exhibitions.values())


def ensure_organizer(plan, password):
    User = get_user_model()
    province = Province.objects.get(code=plan.province)
    organizer, _ = Organizer.objects.get_or_create(
        name=plan.name,
        defaults={"kind": plan.kind, "province": province, "phone": plan.phone},
    )
    user, created = User.objects.get_or_create(
        email=f"organizer-{plan.key}@demo.dastsaz.ir",
        defaults={
            "username": f"organizer-{plan.key}",
            "first_name": plan.member[0],
            "last_name": plan.member[1],
        },
    )
    if created:
        user.password = make_password(password)
        user.save(update_fields=["password"])
    organizer.users.add(user)
    Venue.objects.get_or_create(
        organizer=organizer,
        name=plan.venue["name"],
        defaults={
            **plan.venue,
            "province": province,
            "city": City.objects.filter(province=province, is_capital=True).first(),
        },
    )
    return organizer


def ensure_exhibition(slug, organizer, venue, fields):
    exhibition, _ = Exhibition.objects.get_or_create(
        slug=slug, defaults={**fields, "organizer": organizer, "venue": venue}
    )
    return exhibition


def ensure_hours(exhibition, hours):
    for weekday, (opens_at, closes_at) in hours.items():
        OpeningHours.objects.get_or_create(
            exhibition=exhibition,
            weekday=weekday,
            defaults={"opens_at": opens_at, "closes_at": closes_at},
        )


def ensure_booths(exhibition, layout):
    existing = set(exhibition.booths.values_list("code", flat=True))
    Booth.objects.bulk_create(
        Booth(exhibition=exhibition, code=code, row=row, column=column, kind=kind,
              fee_rials=fee_rials, size_m2=size_m2)
        for code, row, column, kind, fee_rials, size_m2 in layout.booths()
        if code not in existing
    )  # fmt: skip


def make_applications(exhibitions, producers, today):
    """Each planned application from its own demo producer (approved, licence valid),
    nearby producers first; expired ones first, so no other hold is overdue with them."""
    used = set()
    steps = []
    for slug, plans in APPLICATIONS.items():
        exhibition = exhibitions[slug]
        chosen = choose_producers(producers, exhibition.venue.province_id, len(plans), used, today)
        member = exhibition.organizer.users.order_by("pk").first()
        steps += [
            (exhibition, producer, member, plan)
            for producer, plan in zip(chosen, plans, strict=False)
        ]
    steps.sort(key=lambda step: step[3][0] != "expired")
    for exhibition, producer, member, plan in steps:
        make_application(exhibition, producer, member, *plan, today=today)


def choose_producers(producers, province_id, count, used, today):
    able = [p for p in producers if p.pk not in used and p.should_sell(today)]
    able.sort(key=lambda p: (p.province_id != province_id, p.code))
    chosen = able[:count]
    used.update(p.pk for p in chosen)
    return chosen


def make_application(exhibition, producer, member, outcome, booth_code, kind, text, today):
    products = list(
        Product.objects.filter(stockrecords__partner=producer).order_by("pk").distinct()[:3]
    )
    application = services.apply(
        exhibition,
        producer,
        preferred_kind=kind,
        crafts=Category.objects.filter(product__in=products).distinct(),
        products=products,
        note="" if outcome == "rejected" else text,
        today=today,
    )
    if outcome == "rejected":
        return services.reject(application, text, member)
    if outcome == "withdrawn":
        return services.withdraw(application)
    if booth_code is None:
        return application
    booth = exhibition.booths.get(code=booth_code)
    application = services.accept(application, booth, member, today=today)
    if outcome == "paid":
        return fees.record_cash(application, member)
    if outcome == "expired":
        # Accepted four days ago and never paid: the deadline passed yesterday, and the
        # schedule's expiry run releases the booth.
        now = timezone.now()
        BoothApplication.objects.filter(pk=application.pk).update(
            decided_at=now - datetime.timedelta(days=4), pay_by=now - datetime.timedelta(days=1)
        )
        services.expire_unpaid(now=now)
    return application
