"""Kinds of quotation: a direct statement, a fragment of reported speech, or a scare quote."""

from __future__ import annotations

import itertools
import re

from monitor.models import QuoteKind
from monitor.quotes.lexicon import TITLE_LOWER_WORDS

_SCARE_BEFORE = re.compile(
    r"(?:so[- ]called|dubbed|termed|nicknamed|titled|entitled|headlined|billed as|known as|"
    r"the (?:word|words|term|phrase|slogan|label|hashtag|motto|tagline)|hashtag|slogan|"
    # "wrote in its report with the ominous title, “Why the coming recession …”"
    r"\btitle,?)\s*$",
    re.I,
)
# The pattern above ends where the context does, so only the context's last characters (more
# than its longest phrase) can match: a search of those finds the same, and a search tries
# every offset.
_SCARE_REACH = 40
_DETERMINER = re.compile(
    r"\b(?:a|an|the|its|his|her|their|our|my|your|this|that|these|those)\s*$", re.I
)
# The words _SCARE_BEFORE can end with, lower-cased: a context that ends otherwise names
# nothing, and most end in "said" or a comma, so the search is spared.
_SCARE_ENDINGS = tuple(
    str.split(
        "called dubbed termed nicknamed titled headlined as word words term phrase slogan label "
        "hashtag motto tagline title title,"
    )
)
# The letters outside ASCII that re.I takes for ASCII ones (İ ı: i, ſ: s, the Kelvin sign: k).
_FOLDED = frozenset("\u0130\u0131\u017f\u212a")


def _named_as(tail: str) -> bool:
    """Say whether a context (spaces stripped from its end) ends naming what follows ("the
    so-called “…”")."""
    # re.I makes equal what lower() does, and four letters more, which are searched for.
    plain = tail.isascii() or _FOLDED.isdisjoint(tail)
    if plain and not tail.lower().endswith(_SCARE_ENDINGS):
        return False
    return _SCARE_BEFORE.search(tail) is not None


# The same holds for this one: its longest word and the character before it fit in the reach.
_DETERMINER_REACH = 8
FUNCTION_WORDS = frozenset(
    str.split(
        "and or but to of in on at for by with as is was are were be been that which who than "
        "from into about over after before said says he she they it"
    )
)
# "“Malaysian blends” have been a known gateway", "“Top secret” is the highest level": a short
# quotation that opens its sentence as the subject of "is" or "has" is a term talked about.
_TERM_SUBJECT = re.compile(r"\s+(?:is|are|was|were|has|have|had)\b")
_SHOW_BEFORE = re.compile(r"(?:\bon|\w['’]s)\s*$")
_SHORT_WORDS = 4  # a quotation of this many words or fewer needs a cue to be one
_STAGE_RE = re.compile(r"[(\[][^()\[\]]{1,40}[)\]][.,]?")


def classify(
    text: str,
    start: int,
    end: int,
    open_at: int,
    close_end: int,
    left_lo: int,
    sent_start: int,
    *,
    has_cue: bool,
) -> QuoteKind:
    """Tell a direct quotation from a quoted fragment or a scare quote.

    start/end bound the quoted words, open_at/close_end the marks around them, left_lo where
    the context before the quote begins and sent_start its sentence.
    """
    before = text[left_lo:open_at]
    # Only "more than four words" matters: a long quotation is not split into all of them.
    words = len(text[start:end].split(maxsplit=_SHORT_WORDS))
    if _named_as(before.rstrip()[-_SCARE_REACH:]) or _modifier(text, end, close_end, before, words):
        return "scare"
    # "Mr. Blinken added: “So is Russia.”": after a verb and a colon come words said, however
    # capitalised (a headline's "Elizabeth Warren Hammers Wells Fargo CEO: “…”" is no verb).
    stripped = before.rstrip()
    said = _VERB_COLON.search(stripped[-_SCARE_REACH:]) is not None
    if stripped and not said and _title(text[start:end], before[-_SCARE_REACH:]):
        return "scare"
    if _subtitled(text, start, end):
        return "scare"  # a book's title and subtitle, all in capitals: no one's words
    if _name_only(text[start:end]):
        return "scare"  # “Mikael Virtanen,” a fake businessman: a name called, not words said
    if open_at != sent_start and _name_in_phrase(text, start, end, before):
        return "scare"
    if _STAGE_RE.fullmatch(text, start, end):
        return "scare"  # a transcript's stage direction, “(CROSSTALK.)”, is nobody's words
    if not has_cue and words <= _SHORT_WORDS:
        return "scare"
    if words <= _SHORT_WORDS and open_at == sent_start and _term_subject(text, end, close_end):
        return "scare"
    if not stripped or stripped[-1] in ":,—–-" or open_at == sent_start:
        return "direct"
    return "partial"


_VERB_COLON = re.compile(r"\s[a-z]+:$")  # "added:", "told reporters:"


def _term_subject(text: str, end: int, close_end: int) -> bool:
    """Say whether a form of "be" or "have" follows the quoted words, with no comma or stop
    inside the mark ("“Anybody but Trump,” was another" is a message, not a term)."""
    return text[end - 1 : end] not in ",.!?" and _TERM_SUBJECT.match(text, close_end) is not None


_NAME_WORDS = 3  # a name in quotation marks has no more words than this
# Words that open a short sentence said, or the first part of a quotation its cue splits, not
# a name ("It’s LA," "As President," "In Fisher,").
_OPENS_SAID = frozenset(
    str.split(
        "It The A An This That We I You He She They My Our Your His Her In As On At For If When "
        "And But So To Of With By From After Before"
    )
)


def _name_only(quoted: str) -> bool:
    """Say whether quoted words are only a name of two or three words (“Lin Nguyen”, “Mikael
    Virtanen,”, “Guccifer 2.0,”): a pseudonym or a title called, not words said. One word is
    not enough to tell ("Remember," "NATO," may open a quotation split by its cue)."""
    words = quoted.rstrip(",;").split()
    if not 1 < len(words) <= _NAME_WORDS or quoted[-1:] in ".!?…" or words[0] in _OPENS_SAID:
        return False
    if all(w.isupper() for w in words):
        return False  # "GROWING PARTY,": words shouted, not a name
    return all((w[0].isupper() or w[0].isdigit()) and "’" not in w and "'" not in w for w in words)


_TITLE_WORDS = 8  # a title has no more words than this
_SUBTITLED_WORDS = 25  # a title with a subtitle after a colon may run this long


def _subtitled(text: str, start: int, end: int) -> bool:
    """Say whether quoted words are a title and its subtitle (“The Greatest Comeback: How
    Richard Nixon Rose From Defeat to Create the New Majority”): a colon, and every word longer
    than three letters capitalised, with no sentence's end or lower-case clause inside."""
    colon = text.find(": ", start, end)
    if colon < 0 or text[end - 1 : end] in "!?":
        return False
    words = [m.group() for m in itertools.islice(_WORD_RE.finditer(text, start, end), 26)]
    if not 3 <= len(words) <= _SUBTITLED_WORDS or not words[0][0].isupper():
        return False
    # "Chris Christie: Bad for New Jersey, bad for you.": a chant's clauses go on in lower case.
    quoted = text[start:end]
    major = [w for w in words if len(w) > 3 and w not in TITLE_LOWER_WORDS]
    return all(w[0].isupper() for w in major) and not _PROSE_IN.search(quoted)


_PROSE_IN = re.compile(r"\. |, [a-z]")  # a sentence's end, or a clause going on after a comma
_WORD_RE = re.compile(r"[^\W\d_][\w’'-]*")


def _title(quoted: str, before: str) -> bool:
    """Say whether quoted words look like a title (“Meet the Press”), capitalised throughout."""
    # One word past the limit is enough to say no: a long quotation is not read to its end.
    words = [m.group() for m in itertools.islice(_WORD_RE.finditer(quoted), _TITLE_WORDS + 1)]
    if not 0 < len(words) <= _TITLE_WORDS:
        return False
    major = [w for w in words if len(w) > 3 or w is words[0]]
    if len(words) > 1 and all(w[0].isupper() for w in words) and _SHOW_BEFORE.search(before):
        # "told CNN's Alisyn Camerota on “New Day.”", "said on MSNBC’s “Morning Joe”": a show's
        # name, its short words capitalised too (“Aunt Tom” after "an" is a name called).
        return True
    return sum(w[0].isupper() for w in major) >= max(2, len(major))


def _modifier(text: str, end: int, close_end: int, before: str, words: int) -> bool:
    """Say whether a short quoted phrase is used as a modifier (its “no limits” partnership)."""
    if words > _SHORT_WORDS or text[end - 1 : end] in ".,!?;:":
        return False
    preposition = _PREPOSITION_END.search(before[-12:]) is not None
    if not preposition and not _DETERMINER.search(before.rstrip()[-_DETERMINER_REACH:]):
        return False
    # The next word, without trailing punctuation: “no limits” partnership. ends a sentence too.
    after = _NEXT_WORD.match(text, close_end, close_end + 30)
    word = after.group(1) if after else ""
    if preposition and (word.endswith(("ed", "ly", "ing")) or word in _SUBORDINATORS):
        # "the interception is in “no way” related to": an adverb's phrase; "met with “fire and
        # fury” if it kept threatening": a clause follows, not the noun the phrase describes.
        return False
    return word.islower() and word not in FUNCTION_WORDS and word not in _PREPOSITIONS


# "called Russia an “unfriendly adversary” during later testimony": a preposition after the
# quoted words opens a phrase of its own; they are a noun phrase said, not a modifier.
_PREPOSITIONS = frozenset(
    str.split(
        "against among amid amongst between through throughout toward towards across under "
        "without within upon despite during beyond behind near via"
    )
)


# "In “don’t tread on me” style, he also warns": after "in" or "with" too a quoted phrase before
# a noun describes it.
_SUBORDINATORS = frozenset(
    str.split("if when because unless while until since so though although whereas once where")
)
_PREPOSITION_END = re.compile(r"\b(?:in|with)\s*$", re.I)
_NEXT_WORD = re.compile(r"\s*([^\W\d_]+)")


# Words after which a quoted name is a noun in the sentence, not words said: "written by
# “Badani,”", "between "Alpha" and the Kremlin", "the hosts of ''Morning Joe''".
_NAME_AFTER = frozenset(str.split("by between of from with against"))


def _name_in_phrase(text: str, start: int, end: int, before: str) -> bool:
    """Say whether a quotation is a name used in the sentence: a few capitalised words after a
    preposition ("the Washington Examiner deleted its article written by “Badani,”")."""
    # Split no further than one word past a name's: a long quotation is not read to its end.
    words = text[start:end].rstrip(",").split(maxsplit=_NAME_WORDS)
    if not 0 < len(words) <= _NAME_WORDS or not all(w[:1].isupper() for w in words):
        return False
    if text[end - 1] in ".!?":
        return False  # "“No.”": a word said
    last = before.split()[-1:]
    return bool(last) and last[0] in _NAME_AFTER
