import datetime
from decimal import Decimal

import pytest

from shop.persian.dates import format_jalali_date, format_jalali_datetime
from shop.persian.digits import to_latin_digits, to_persian_digits
from shop.persian.money import format_toman, to_rials
from shop.persian.text import normalise


class TestNormalise:
    def test_arabic_yeh_and_kaf_become_persian(self):
        assert normalise("كيف چرمي") == "کیف چرمی"

    def test_alef_maksura_teh_marbuta_and_hamza_forms(self):
        assert normalise("مصطفى") == "مصطفی"
        assert normalise("هدية") == "هدیه"
        assert normalise("أصفهان إيران") == "اصفهان ایران"

    def test_persian_arabic_and_latin_digits_agree(self):
        assert normalise("فرش ۱۲۳") == normalise("فرش ١٢٣") == normalise("فرش 123") == "فرش 123"

    def test_mixed_digits_in_one_number(self):
        assert normalise("۱2٣") == "123"

    def test_zwnj_becomes_a_space_like_a_typed_space(self):
        assert normalise("دست\u200cبافت") == normalise("دست بافت") == "دست بافت"

    def test_diacritics_tatweel_and_invisible_marks_are_dropped(self):
        assert normalise("قـــالی") == "قالی"
        assert normalise("مُنَبَّت") == "منبت"
        assert normalise("\u200fگبه\u200d\ufeff") == "گبه"

    def test_whitespace_is_collapsed_and_latin_case_folded(self):
        assert normalise("  Gabbeh\u00a0  قشقایی\n") == "gabbeh قشقایی"

    def test_empty_and_none(self):
        assert normalise("") == ""
        assert normalise(None) == ""

    def test_is_idempotent(self):
        text = "كيف\u200cچرمي ۱٢3"
        assert normalise(normalise(text)) == normalise(text)


class TestDigits:
    def test_round_trip(self):
        assert to_persian_digits("0123456789") == "۰۱۲۳۴۵۶۷۸۹"
        assert to_latin_digits("۰۱۲۳۴۵۶۷۸۹") == "0123456789"

    def test_arabic_indic_digits_are_accepted(self):
        assert to_latin_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"
        assert to_persian_digits("٤٥٦") == "۴۵۶"

    def test_non_digits_untouched(self):
        assert to_persian_digits("کد A-12") == "کد A-۱۲"


class TestToman:
    def test_rials_shown_as_toman_with_persian_digits_and_separators(self):
        assert format_toman(1_250_000) == "۱۲۵٬۰۰۰ تومان"

    def test_zero(self):
        assert format_toman(0) == "۰ تومان"

    def test_huge_amount(self):
        assert format_toman(12_345_678_901_234_560) == "۱٬۲۳۴٬۵۶۷٬۸۹۰٬۱۲۳٬۴۵۶ تومان"

    def test_rials_that_are_not_whole_toman_keep_the_tenth(self):
        assert format_toman(12_345) == "۱٬۲۳۴٫۵ تومان"
        assert format_toman(5) == "۰٫۵ تومان"

    def test_oscar_decimals_are_accepted(self):
        assert format_toman(Decimal("1250000.00")) == "۱۲۵٬۰۰۰ تومان"
        assert to_rials(Decimal("99.5")) == 100

    def test_negative_amount_for_refunds(self):
        assert format_toman(-50_000) == "-۵٬۰۰۰ تومان"

    def test_english(self):
        assert format_toman(1_250_000, "en") == "125,000 Toman"


class TestJalali:
    def test_end_of_esfand_in_a_leap_year(self):
        # 1403 is a leap year: Esfand has 30 days and 1404 starts on 21 March 2025.
        assert format_jalali_date(datetime.date(2025, 3, 20)) == "۳۰ اسفند ۱۴۰۳"
        assert format_jalali_date(datetime.date(2025, 3, 21)) == "۱ فروردین ۱۴۰۴"

    def test_end_of_esfand_in_a_common_year(self):
        assert format_jalali_date(datetime.date(2026, 3, 20)) == "۲۹ اسفند ۱۴۰۴"
        assert format_jalali_date(datetime.date(2026, 3, 21)) == "۱ فروردین ۱۴۰۵"

    def test_utc_datetime_is_shown_in_tehran_time(self):
        # 21:00 UTC on 20 March 2025 is 00:30 on 1 Farvardin 1404 in Tehran (UTC+03:30).
        moment = datetime.datetime(2025, 3, 20, 21, 0, tzinfo=datetime.UTC)
        assert format_jalali_datetime(moment) == "۱ فروردین ۱۴۰۴، ساعت ۰۰:۳۰"

    def test_english(self):
        assert format_jalali_date(datetime.date(2026, 11, 22), "en") == "1 Azar 1405"

    @pytest.mark.parametrize("empty", [None, ""])
    def test_empty(self, empty):
        assert format_jalali_date(empty) == ""
        assert format_jalali_datetime(empty) == ""


class TestNumbersTyped:
    def test_decimals_typed_with_the_persian_mark_or_a_point(self):
        from shop.persian.forms import PersianDecimalField

        field = PersianDecimalField(max_digits=5, decimal_places=2)
        assert field.clean("۱۲٫۵") == field.clean("12.5") == field.clean("١٢٫٥") == Decimal("12.5")
        assert field.prepare_value(Decimal("12.5")) == "۱۲٫۵"

    def test_whole_numbers_keep_their_minus_sign(self):
        from shop.persian.forms import PersianIntegerField

        field = PersianIntegerField()
        assert field.clean("-۲۵٬۰۰۰") == field.clean("\u2212۲۵,۰۰۰") == -25_000

    def test_rates_in_hundredths_of_a_percent(self):
        from django.utils import translation

        from shop.persian.numbers import localised_percent_bp

        with translation.override("fa"):
            assert [localised_percent_bp(bp) for bp in (1250, 1000, 5, 1234)] == [
                "۱۲٫۵٪",
                "۱۰٪",
                "۰٫۰۵٪",
                "۱۲٫۳۴٪",
            ]
        with translation.override("en"):
            assert localised_percent_bp(1250) == "12.5%"
