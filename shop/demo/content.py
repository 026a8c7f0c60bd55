"""Persian words the demo marketplace is made of."""

FIRST_NAMES = [
    "مریم",
    "زهرا",
    "فاطمه",
    "سکینه",
    "معصومه",
    "رقیه",
    "ثریا",
    "لیلا",
    "نرگس",
    "شهلا",
    "علی",
    "حسین",
    "رضا",
    "محمد",
    "مهدی",
    "جواد",
    "کاظم",
    "یوسف",
    "ابراهیم",
    "عباس",
]
LAST_NAMES = [
    "احمدی",
    "کرمانی",
    "قشقایی",
    "بختیاری",
    "رحیمی",
    "موسوی",
    "کاظمی",
    "صالحی",
    "نوری",
    "یزدانی",
    "شیرازی",
    "تبریزی",
    "اصفهانی",
    "کردستانی",
    "زارعی",
    "حیدری",
    "جعفری",
]
WORKSHOP_WORDS = ["کارگاه", "خانه", "هنرسرای", "تولیدی خانگی", "بازارچه"]

# Provinces the demo producers come from (codes from catalog/reference/provinces.csv).
DEMO_PROVINCES = [
    "THR",
    "ISF",
    "FRS",
    "KHR",
    "AZE",
    "KRD",
    "LRS",
    "YZD",
    "GIL",
    "MZN",
    "KRM",
    "CHB",
]

DESCRIPTION = (
    "{title} ساخته‌شده در {place} به دست {maker}. هر قطعه با حوصله و به شیوه سنتی "
    "تولید می‌شود و با بسته‌بندی ایمن ارسال می‌گردد. این محصول از تولیدکنندگان خانگی "
    "دارای مجوز است و خرید آن به اقتصاد خانواده‌های {place} کمک می‌کند."
)
FOOD_DESCRIPTION = (
    "{title} از {maker} در {place}. در کارگاه خانگی دارای پروانه بهداشت آماده و در بسته "
    "دربسته با تاریخ تولید و انقضا ارسال می‌شود. دور از نور و رطوبت نگه دارید."
)
PLANT_DESCRIPTION = (
    "{title} پرورش‌یافته در گلخانه خانگی {maker} در {place}؛ در جعبه مقوایی محکم و با "
    "راهنمای نگهداری ارسال می‌شود."
)
SERVICE_DESCRIPTION = (
    "{title} از {maker} در {place}. کار به‌صورت آنلاین انجام و تحویل می‌شود و ارسال پستی "
    "ندارد؛ پس از خرید، برای گفت‌وگو درباره نیازتان با شما تماس می‌گیریم."
)
DESCRIPTIONS = {
    "food": FOOD_DESCRIPTION,
    "plant": PLANT_DESCRIPTION,
    "digital_service": SERVICE_DESCRIPTION,
}

CARE_NOTES = (
    "نور غیرمستقیم، آبیاری هفته‌ای یک بار",
    "نور زیاد، آبیاری هر دو هفته یک بار",
    "دور از کولر و بخاری، خاک کمی مرطوب",
)


def description(class_slug):
    return DESCRIPTIONS.get(class_slug, DESCRIPTION)


def delivery_days(noun, tier, rng):
    """Days to deliver a service: an hour's work in a day or two, a bigger tier takes longer."""
    if noun.startswith("یک ساعت"):
        return rng.choice((1, 2))
    if "ماهانه" in noun:
        return 30
    return {"پایه": 5, "استاندارد": 10, "حرفه‌ای": 20}.get(tier, 7) + rng.choice((0, 2, 5))


STORY = (
    "{maker} از {years} سال پیش در {place} به {craft} مشغول است. این کسب‌وکار خانگی با "
    "مجوز رسمی مشاغل خانگی فعالیت می‌کند و محصولاتش را مستقیم به خریداران می‌فروشد."
)
