"""News monitor: poll feeds, extract articles, match watch-list topics, quote, store, digest."""

__version__ = "0.1.0"
