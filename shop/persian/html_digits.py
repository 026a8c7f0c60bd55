"""Persian digits in the visible text of an HTML page, in one place for every page.

Templates of Oscar, Wagtail, Django and ours print numbers with Latin digits; rather than
filter each of them, `persian_digits_in_html` rewrites the text between tags of the finished
page. Left as they are:
- tags and their attributes (URLs, form values, data for scripts), comments, entities;
- the content of <script>, <style>, <textarea>, <pre> and <code>;
- the content of any element marked `dir="ltr"` or with a `lang` other than Persian: the
  way a template shows a code-like value (a tracking code, a Sheba number, a card number);
- words with @ or :// in them (e-mail and web addresses), and codes: words of Latin letters
  and digits together (DSZ-00001, IR06…, booth A1), read and typed as written.
Between two digits "," becomes "٬" and "." becomes "٫"; "%" after a digit becomes "٪".
"""

import re

from .digits import to_persian_digits

# One token at a time: a comment, an element whose content stays as written, or a tag.
_TOKEN = re.compile(
    r"<!--.*?-->"
    r"|<(script|style|textarea|pre|code)\b[^>]*>.*?</\1\s*>"
    r"|<(/?)([a-zA-Z][a-zA-Z0-9:-]*)([^>]*)>",
    re.S | re.I,
)
_KEEP_CONTENT = re.compile(
    r"""\sdir\s*=\s*["']?ltr\b|\slang\s*=\s*["']?(?!fa\b|fa-)[a-zA-Z]""", re.I
)
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
# Within text: an entity, an address, or a word with a digit in it.
_TEXT = re.compile(
    r"&#?[0-9a-zA-Z]+;"
    r"|[^\s<>\"']*(?:@|://)[^\s<>\"']*"
    r"|[A-Za-z0-9_#/.,%-]*[0-9][A-Za-z0-9_#/.,%-]*"
)
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_SEPARATOR = re.compile(r"(?<=[0-9])[,.](?=[0-9])|(?<=[0-9])%")
_SEPARATORS = {",": "٬", ".": "٫", "%": "٪"}
_LATIN_DIGIT = re.compile(r"[0-9]")


def _persian_number(match: re.Match) -> str:
    token = match.group(0)
    if token[0] == "&" or "@" in token or "://" in token or _LATIN_LETTER.search(token):
        return token
    return to_persian_digits(_SEPARATOR.sub(lambda sep: _SEPARATORS[sep.group(0)], token))


def persian_text(text: str) -> str:
    """The digits of plain text (no tags) in Persian, by the rules above."""
    if not _LATIN_DIGIT.search(text):
        return text
    return _TEXT.sub(_persian_number, text)


def persian_digits_in_html(html: str) -> str:
    if not _LATIN_DIGIT.search(html):
        return html
    out = []
    position = 0
    kept_tag = None  # inside an element whose content stays as written
    depth = 0
    for token in _TOKEN.finditer(html):
        start, end = token.span()
        if start > position:
            text = html[position:start]
            out.append(text if kept_tag else persian_text(text))
        out.append(token.group(0))
        position = end
        name = token.group(3)
        if not name:
            continue
        name = name.lower()
        closing = token.group(2) == "/"
        if kept_tag:
            if name == kept_tag:
                depth += -1 if closing else 1
                if depth == 0:
                    kept_tag = None
        elif (
            not closing
            and name not in _VOID
            and not token.group(4).rstrip().endswith("/")
            and _KEEP_CONTENT.search(token.group(4))
            and name != "html"
        ):
            kept_tag, depth = name, 1
    if position < len(html):
        text = html[position:]
        out.append(text if kept_tag else persian_text(text))
    return "".join(out)
