"""One article, however it was read: canonical URL keys and the same-article test.

A document's id is sha256(source, source_ref), so the same record read twice from one source is stored once.
But one article reaches forewarn by several roads: as an item of the outlet's feed (source `feed:<site>`,
source_ref its guid, text the feed's summary), then as its own page (source `html:<host>`, source_ref the
canonical URL, text the full article), or from the same feed saved as a file and fetched by URL. Those ids
differ. The second key is the article's URL, normalised (`url_key`): two documents with the same url_key and
the same article (same content hash, same title, or one text the beginning of the other) are one document;
the stored one keeps its id and takes the fuller text. Two documents at one URL that are plainly different
articles (a live page rewritten, a feed that links every item to its home page) stay two documents: a URL is
never enough on its own to throw text away.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit

# query parameters that only say how a reader arrived (campaign and click trackers), never which article
TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|dclid|gbraid|wbraid|yclid|igshid|mc_cid|mc_eid|_ga|_gl|"
                      r"ocid|cmpid|at_medium|at_campaign|rss|from_rss|amp)$", re.IGNORECASE)
ELLIPSIS = re.compile(r"(\s*(\.\.\.|…|\[…\]|\[\.\.\.\]|read more|continue reading|подробнее|المزيد))+\s*$",
                      re.IGNORECASE)
LEAD_CHARS = 160  # the start of the shorter text that must appear in the longer one (a feed's lead paragraph)
MIN_LEAD_CHARS = 40  # shorter than this, a lead is too generic to prove anything


def url_key(url: str) -> str:
    """The URL as a de-duplication key: no scheme (http and https serve one article), lower-case host without
    `www.`, default ports, fragments, trailing slashes, AMP suffixes and tracking parameters dropped, the rest
    of the query sorted. '' for anything that is not an http(s) URL with a host."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    host = parts.hostname.lower().rstrip(".").removeprefix("www.")
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    path = re.sub(r"/amp/?$", "/", path)
    path = path.rstrip("/") or "/"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k))
    return host + path + (f"?{urlencode(query)}" if query else "")


def _folded(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(folded.split())


def same_article(title_a: str, text_a: str, title_b: str, text_b: str) -> bool:
    """Whether two texts found at one URL are one article: same title, or the shorter text's opening (a feed
    summary, ellipsis removed) is found in the longer one."""
    if title_a.strip() and _folded(title_a) == _folded(title_b):
        return True
    short, long = sorted((_folded(text_a), _folded(text_b)), key=len)
    lead = ELLIPSIS.sub("", short)[:LEAD_CHARS].strip()
    return len(lead) >= MIN_LEAD_CHARS and lead in long
