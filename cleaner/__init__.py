"""cleaner: boilerplate stripper for Korean news, from HTML pages or text dumps.

    >>> from cleaner import clean
    >>> article = clean(text_or_html, url="https://www.news1.kr/...")
    >>> article.text, article.title, article.press, article.removed

Use :class:`Cleaner` to load the rule packs once and clean many documents.
"""

from .model import Article, Block, CleanError, Removed
from .packs import PackError
from .pipeline import Cleaner, clean

__all__ = ["Article", "Block", "CleanError", "Cleaner", "PackError", "Removed", "clean"]
__version__ = "0.1.0"
