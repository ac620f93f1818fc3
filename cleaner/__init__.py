"""cleaner: boilerplate stripper for Korean news, from HTML pages or text dumps.

    >>> from cleaner import clean
    >>> article = clean(text_or_html, url="https://www.news1.kr/...")
    >>> article.text, article.title, article.press, article.removed

Use :class:`Cleaner` to load the rule packs once and clean many documents.
"""

from pathlib import Path

from .model import SCHEMA_VERSION, Article, Block, CleanError, Removed
from .packs import RULES_DIR, PackError
from .pipeline import Cleaner, clean

RECORD_SCHEMA = Path(__file__).with_name("record.schema.json")  # JSON Schema of Article.to_dict() / a JSONL line

__all__ = ["RECORD_SCHEMA", "RULES_DIR", "SCHEMA_VERSION", "Article", "Block", "CleanError", "Cleaner", "PackError",
           "Removed", "clean"]
__version__ = "0.1.0"
