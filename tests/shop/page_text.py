"""What a person reads on a page, and what in it is not Persian: Latin digits and English.

Read as a browser shows it: the text between tags (also <title> and <option>) and the
attributes people see or hear (placeholder, title, alt, aria-label, the value of buttons).
Left out, as the site's rules say (shop/persian/html_digits.py): <script>, <style>,
<textarea>, <pre>, <code>, elements marked dir="ltr" or with a lang other than Persian,
e-mail and web addresses, and codes (Latin letters and digits in one word: DSZ-00001, A1).
"""

import re
from html.parser import HTMLParser

SKIPPED = {"script", "style", "textarea", "pre", "code", "template", "noscript"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip
READ_ATTRIBUTES = ("placeholder", "title", "alt", "aria-label")
ADDRESS = re.compile(r"\S*(?:@|://|www\.)\S*")
CODE = re.compile(
    r"[A-Za-z0-9_#/.-]*(?:[A-Za-z][A-Za-z0-9_#/.-]*[0-9]|[0-9][A-Za-z0-9_#/.-]*[A-Za-z])[A-Za-z0-9_#/.-]*"
)
LATIN_DIGITS = re.compile(r"[0-9]+")
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
# Names that are written in Latin letters in Persian text too.
ALLOWED_WORDS = {
    *("Dastsaz", "Zarinpal", "SKU", "IBAN", "CSV", "Excel", "iCal", "PDF", "SVG", "JPEG"),
    *("PNG", "WebP", "Instagram", "Telegram", "WhatsApp", "Eitaa", "Bale", "Rubika"),
    "OpenStreetMap",
    "English",  # the language switch names the language in its own words
}


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, keeps its text as written)
        self.texts = []

    def _kept(self):
        return any(kept for _tag, kept in self.stack)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        kept = (
            tag in SKIPPED
            or (attributes.get("dir") or "").lower() == "ltr"
            or ((attributes.get("lang") or "fa").lower()[:2] != "fa")
            or "hidden" in attributes
        )
        if not self._kept() and not kept:
            for name in READ_ATTRIBUTES:
                if attributes.get(name):
                    self.texts.append(attributes[name])
            if tag == "input" and (attributes.get("type") or "") in ("submit", "button"):
                self.texts.append(attributes.get("value") or "")
        if tag not in VOID and not (tag == "html"):
            self.stack.append((tag, kept))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if data.strip() and not self._kept():
            self.texts.append(data)


def readable_texts(html: str) -> list[str]:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.texts


def not_persian(html: str) -> list[str]:
    """Each piece of text a person reads that has Latin digits or English words in it."""
    found = []
    for text in readable_texts(html):
        bare = CODE.sub(" ", ADDRESS.sub(" ", text))
        words = [w for w in ENGLISH_WORD.findall(bare) if w not in ALLOWED_WORDS]
        if LATIN_DIGITS.search(bare) or words:
            found.append(" ".join(text.split())[:120])
    return found
