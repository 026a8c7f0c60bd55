"""Walks a site's pages as one visitor, through the links each page shows."""

import re
from collections import Counter, deque
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit

from tests.shop.page_text import not_persian

HREF = re.compile(r"""<a\b[^>]*?\shref=["']([^"'#]+)""", re.I)
NOT_PAGES = re.compile(
    r"^/(static|media|private-media|dashboard|admin|cms|django-admin|i18n|__)/"
    r"|logout|/download|\.(csv|xlsx|ics|pdf|png|jpg|svg|ico|xml|txt)$|/export|/sitemap"
    r"|/(csv|ics|xlsx|calendar)/$"
)


def shape(path: str) -> str:
    """/catalogue/گلیم_12/ and /catalogue/گبه_40/ have one shape: /catalogue/*/."""
    parts = []
    for part in unquote(path).strip("/").split("/"):
        plain = part.isascii() and not any(ch.isdigit() for ch in part) and len(part) < 24
        parts.append(part if plain else "*")
    return "/" + "/".join(parts)


@dataclass
class Crawl:
    pages: dict = field(default_factory=dict)  # path -> the texts that are not Persian
    broken: dict = field(default_factory=dict)  # path -> status code

    def problems(self) -> list[str]:
        lines = [f"{path}: HTTP {status}" for path, status in sorted(self.broken.items())]
        for path, texts in sorted(self.pages.items()):
            lines += [f"{unquote(path)}: «{text}»" for text in texts]
        return lines


def crawl(client, starts, *, within=("/",), per_shape=2, limit=400) -> Crawl:
    result = Crawl()
    queue = deque(starts)
    seen = set(starts)
    shapes = Counter(shape(path) for path in starts)
    while queue and len(result.pages) + len(result.broken) < limit:
        path = queue.popleft()
        response = client.get(path)
        links = []
        if response.status_code in (301, 302, 303):
            links = [response["Location"]]
        elif response.status_code != 200:
            result.broken[path] = response.status_code
            continue
        elif response.get("Content-Type", "").startswith("text/html"):
            html = response.content.decode()
            result.pages[path] = not_persian(html)
            links = HREF.findall(html)
        for link in links:
            split = urlsplit(urljoin(path, link.replace("&amp;", "&")))
            if split.scheme not in ("", "http") or split.netloc not in ("", "testserver"):
                continue
            target = split.path
            if target in seen or NOT_PAGES.search(target) or not target.startswith(within):
                continue
            seen.add(target)
            if shapes[shape(target)] >= per_shape:
                continue
            shapes[shape(target)] += 1
            queue.append(target)
    return result
