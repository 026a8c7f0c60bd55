"""Which craft a buyer's words name: "گیوه مردانه" is giveh, "انجیر خشک" is dried fruit.

A search made on a craft's page is that craft's. Other searches are read against each
craft's words: the words of its name (less the generic ones such as «تولید» or «بافی») and
the words buyers use for its goods (KEYWORDS below, normalised). The craft with the most
matching words wins; a word matches a craft's word it equals or starts with (plurals and
suffixes: «فرشی», «گبه‌ها»). Words that name no craft leave the search without one.
"""

from catalog.models import Category
from shop.persian.text import words

CRAFT_DEPTH = 2  # crafts are the children of the product-class roots (catalog.services)
MIN_PREFIX = 3

GENERIC = frozenset(
    words(
        "و تولید تولیدات بافی دوزی کاری سازی مصنوعات سنتی پرورش فرآوری ساخت کسب کار "
        "خدمات پشتیبانی دستی محصولات"
    )
)

KEYWORDS = {
    "clothing": "پوشاک لباس مانتو پیراهن روسری شال چادر دامن جلیقه",
    "carpet-weaving": "قالی قالیچه دستباف",
    "rug-weaving": "فرش قالیچه کناره پادری",
    "kilim": "گلیم جاجیم",
    "kilim-stitching": "گلیم",
    "gabbeh": "گبه",
    "pictorial-carpet": "تابلوفرش تابلو",
    "giveh-knitting": "گیوه گیوه‌بافی",
    "giveh-stitching": "گیوه ملکی",
    "towel-weaving": "حوله لنگ",
    "leather": "چرم چرمی کیف کمربند کفش کیف‌پول جاکلیدی",
    "felt": "نمد نمدی کلاه",
    "fabric-weaving": "پارچه ترمه زری دارایی",
    "chit": "چیت سفره قلمکار",
    "spinning": "نخ کاموا پشم ریسی",
    "jewellery": "زیورآلات گردنبند انگشتر دستبند گوشواره نقره",
    "khatam": "خاتم",
    "engraving": "قلم‌زنی مس مسی سینی",
    "wood-carving-inlay": "منبت معرق چوب چوبی",
    "sculpture": "مجسمه تندیس",
    "mushroom": "قارچ صدفی",
    "flowers-plants": "گل گلدان گیاه کاکتوس",
    "medicinal-herbs": "دارویی گیاهان عرق دمنوش گل‌گاوزبان زعفران آویشن",
    "dried-fruit": "خشکبار میوه‌خشک انجیر توت کشمش برگه خرما",
    "packaging": "بسته‌بندی جعبه",
    "website-support": "سایت وبسایت وب",
    "e-business": "فروشگاه اینترنتی آنلاین دیجیتال",
    "programming": "برنامه‌نویسی نرم‌افزار اپلیکیشن",
    "animation": "انیمیشن موشن",
}


def vocabulary(crafts=None):
    """[(craft id, frozenset of words)] for the crafts (all of them by default)."""
    if crafts is None:
        crafts = Category.objects.filter(depth=CRAFT_DEPTH).order_by("path")
    result = []
    for craft in crafts:
        terms = set(words(craft.name)) | set(words(KEYWORDS.get(craft.slug, "")))
        result.append((craft.pk, frozenset(terms - GENERIC)))
    return result


def _matches(word, term):
    return word == term or (len(term) >= MIN_PREFIX and word.startswith(term))


def craft_for(query, vocab):
    """The id of the craft `query`'s words name best, or None."""
    query_words = [w for w in words(query) if w not in GENERIC]
    best, best_score = None, 0
    for craft_id, terms in vocab:
        score = sum(1 for w in query_words if any(_matches(w, t) for t in terms))
        if score > best_score:
            best, best_score = craft_id, score
    return best
