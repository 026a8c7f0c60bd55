"""The forms of Persian text buyers produce that the one normaliser folds together."""

import pytest

from shop.persian.text import index_terms, normalise


def all_equal(*texts):
    return len({normalise(text) for text in texts}) == 1


def test_decomposed_alef_madda_is_the_precomposed_alef_madda():
    assert normalise("ا\u0653ب") == normalise("آب") == "آب"
    assert normalise("ا\u0653بی") != normalise("ابی")


def test_yeh_with_combining_hamza_folds_like_precomposed_yeh_hamza():
    assert all_equal("ر\u06cc\u0654یس", "ر\u064a\u0654یس", "رئیس", "رییس")
    assert all_equal("مس\u06cc\u0654ول", "مسئول")


def test_waw_and_alef_with_combining_hamza_fold_like_their_precomposed_letters():
    assert all_equal("مسو\u0654ول", "مسؤول")
    assert all_equal("ا\u0654صفهان", "أصفهان", "اصفهان")
    assert all_equal("ا\u0655یران", "إیران", "ایران")


def test_zero_width_joiner_and_soft_hyphen_are_dropped():
    assert normalise("دست\u200dبافت") == normalise("دست\u00adبافت") == "دستبافت"


@pytest.mark.parametrize(
    ("other", "persian"),
    [("ڪیف", "کیف"), ("ھنر", "هنر"), ("ہنر", "هنر"), ("ۑک", "یک"), ("ۂ", "ه")],
)
def test_urdu_and_sindhi_letters_become_persian(other, persian):
    assert normalise(other) == persian


@pytest.mark.parametrize(
    ("presentation", "plain"),
    [
        ("ﻫﻨﺮ", "هنر"),  # initial, medial and final forms (Presentation Forms-B)
        ("ﺩﺳﺖ ﺑﺎﻓﺖ", "دست بافت"),
        ("ﻻﻟﻪ", "لاله"),  # the lam-alef ligature
        ("ﺁﺏ", "آب"),
        ("ﮐﯿﻒ", "کیف"),  # Persian kaf and yeh (Presentation Forms-A)
    ],
)
def test_arabic_presentation_forms_become_plain_letters(presentation, plain):
    assert normalise(presentation) == plain


def test_only_presentation_forms_are_compatibility_folded():
    assert normalise("x² ½ ①") == "x² ½ ①"


def test_rais_with_and_without_hamza_seat_are_one():
    assert normalise("رئیس") == normalise("رییس")


def test_masul_with_yeh_seat_waw_seat_or_no_seat_is_one():
    assert normalise("مسئول") == normalise("مسؤول") == normalise("مسول")
    assert normalise("مسئولیت") == normalise("مسؤولیت") == normalise("مسولیت")


@pytest.mark.parametrize(
    "spellings",
    [
        ("مسئله", "مسأله", "مساله"),
        ("هیئت", "هیأت", "هیات"),
        ("پائیز", "پاییز"),
        ("مسائل", "مسایل"),
        ("سؤال", "سوال", "سئوال"),
        ("مؤسسه", "موسسه"),
    ],
)
def test_other_hamza_seat_spellings_follow_the_same_rule(spellings):
    assert all_equal(*spellings)


@pytest.mark.parametrize("ezafe", ["خانهٔ", "خانه\u0654", "خانه\u200cی", "خانه ی", "خانه"])
def test_ezafe_after_a_final_heh_is_dropped(ezafe):
    assert normalise(f"{ezafe} قدیمی") == "خانه قدیمی"
    assert normalise(ezafe) == "خانه"


def test_ezafe_before_punctuation_is_dropped_and_a_yeh_inside_a_word_stays():
    assert normalise("پارچه ی، نخ") == "پارچه، نخ"
    assert normalise("خانه یزد") == "خانه یزد"
    assert normalise("خانه\u200cیی") == "خانه یی"
    assert normalise("کتاب ی") == "کتاب ی"


def test_ezafe_spellings_index_the_same_terms():
    assert index_terms("سفره‌ی قلمکار") == index_terms("سفرهٔ قلمکار") == index_terms("سفره قلمکار")


def test_every_new_fold_is_idempotent():
    text = "ﻫﻨﺮ مسؤول رئیس خانه‌ی ا\u0653ب ڪ ھ ہ ۑ دست\u00adبافت"
    assert normalise(normalise(text)) == normalise(text)
