"""A document's URL as the pack selection reads it: a URL whose host cannot be
read is ignored with a note (:func:`readable_url`), and a page without a URL is
placed by its canonical link or og:url (:func:`document_host`)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit


def url_error(url: str) -> str | None:
    """Why the host of ``url`` cannot be read (``http://[bad``), or None."""
    try:
        urlsplit(url).hostname  # noqa: B018 - raises ValueError for http://[bad
    except ValueError as exc:
        return str(exc)
    return None


def readable_url(url: str | None) -> tuple[str | None, list[str]]:
    """``url`` if its host can be read, else None (generic rules) and a note saying why."""
    if url is None:
        return None, []
    if (error := url_error(url)) is not None:
        return None, [f"url ignored: {error}: {url[:200]!r}"]
    return url, []


_URL_TAG = re.compile(r"<(?:link|meta)\b[^<>]{0,600}>", re.I)
_DECLARES_URL = re.compile(r"""(?:rel|property|name)\s*=\s*["']?(?:canonical|og:url)["'\s/>]""", re.I)
_URL_VALUE = re.compile(r"""(?:href|content)\s*=\s*["']?\s*((?:https?:)?//[^"'\s<>]+)""", re.I)
HEAD_SCAN_CHARS = 200_000  # where a page's canonical / og:url is looked for


def document_host(url: str | None, html: str | None) -> str:
    """The document's domain: the URL's host, else (HTML) the host of the page's
    canonical link or og:url; '' when it has none."""
    host = host_of(url) if url else ""
    if host or html is None:
        return host
    head = html[:HEAD_SCAN_CHARS]
    for m in _URL_TAG.finditer(head, 0, _head_end(head)):
        tag = m.group(0)
        if _may_declare(tag) and _DECLARES_URL.search(tag) and (value := _URL_VALUE.search(tag)):
            return host_of(value.group(1))
    return ""


_DECLARED = ("canonical", "og:url")  # what a tag _DECLARES_URL accepts holds, lower-cased
_FOLDS_APART = ("ı", "İ")  # each matches "i" under re.I, but lower() does not make it one


def _may_declare(tag: str) -> bool:
    """A quick test before _DECLARES_URL (whose search tries every place of the tag):
    whether the tag holds what a declaration must hold."""
    lowered = tag.lower()
    return any(word in lowered for word in _DECLARED) or any(ch in tag for ch in _FOLDS_APART)


def host_of(url: str) -> str:
    """The lower-case host of a URL; '' for none or a malformed one."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _head_end(html: str) -> int:
    end = html.find("</head>")
    return end if end >= 0 else len(html)
