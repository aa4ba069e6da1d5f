"""Quotation extraction: text -> quotes with speaker, cue and kind (pure, no model)."""

from monitor.quotes.finder import extract_quotes

__all__ = ["extract_quotes"]
