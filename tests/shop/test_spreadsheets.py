import datetime

from shop.spreadsheets import csv_text, jalali_cell, spreadsheet_safe


def test_text_a_spreadsheet_would_run_is_quoted_and_numbers_are_not():
    assert spreadsheet_safe("=SUM(A1:A9)") == "'=SUM(A1:A9)"
    assert spreadsheet_safe("+98 912") == "'+98 912"
    assert spreadsheet_safe("@cmd") == "'@cmd"
    assert spreadsheet_safe("-shop") == "'-shop"
    assert spreadsheet_safe("-1250.5") == "-1250.5"
    assert spreadsheet_safe(-1250) == -1250
    assert spreadsheet_safe("گلیم") == "گلیم"


def test_csv_text_starts_with_a_bom_and_quotes_every_text_cell():
    text = csv_text(["name", "amount"], [["=1+1", -5], ["مریم", 7]])
    assert text.startswith("\ufeffname,amount\r\n")
    assert "'=1+1,-5" in text and "مریم,7" in text


def test_jalali_cells_have_latin_digits():
    assert jalali_cell(datetime.date(2026, 11, 23)) == "1405/09/02"
    assert jalali_cell(None) == ""
