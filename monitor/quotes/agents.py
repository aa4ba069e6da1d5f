"""Speakers a construction names over the cue the other rules read.

"The official quoted the president as saying that “…”" (the one quoted says it, not the one
quoting); "Hailed by Tehran as “…”" (the agent of a passive verb of speech); "Mr. Trump said …
“…,” according to the New York Times" (the paper reports who said it); "STEPHEN COHEN: … I often
say, “…”" (the turn's "I" is its label). Each is one pattern on the quotation's own sentence.
"""

from __future__ import annotations

import re

from monitor.quotes.persons import speaker_kind
from monitor.quotes.plausible import is_named, is_pronoun, plausible
from monitor.quotes.records import Attr, Cand
from monitor.quotes.setoff import LABEL_RE
from monitor.quotes.sides import SPEECH_VERBS, left
from monitor.quotes.tidy import tidy_speaker

_split = str.split  # word lists are written as text, one readable line each

# A phrase between a verb and its "as": a name or a description, no clause of its own.
_WHO = r"(?P<who>[^,.;:!?“”\"«»()]{2,80}?)"
# Up to eight words between the construction and the quotation it introduces.
_TO_MARK = r"(?P<rest>(?:[\s,:]+[\w’'\-]+){0,8})[\s,:]*$"

# "quoted the president as saying that “…”", "citing Peskov as telling reporters: “…”".
_QUOTED_AS = re.compile(
    r"\b(?i:quot|cit)(?:ed|es|ing|e)\s+" + _WHO + r"\s+as\s+(?:saying|telling|writing|"
    r"calling|describing|stating|declaring|warning|adding|remarking)\b" + _TO_MARK
)

# After the quotation: "“…,” RIA Novosti quoted Ryabkov as saying." The one quoted speaks, not
# the outlet quoting them (the clause must not end first).
_QUOTED_AFTER = re.compile(
    r"[ ,]*[^.;!?“”\"\n]{0,60}?\b(?i:quot|cit)(?:ed|es)\s+"
    + _WHO
    + r"\s+as\s+(?:saying|telling|writing|adding|stating|declaring|warning)\b"
)
_QUOTED_REACH = 160  # characters after a quotation where that clause is looked for

# "Hailed by Tehran as a successful entry into “…”", "described by officials as “…”".
_BY_AS = re.compile(
    r"\b(?i:hailed|described|dubbed|called|label(?:l)?ed|branded|characteri[sz]ed|denounced|"
    r"condemned|critici[sz]ed|praised|touted|billed|portrayed|decried|derided|slammed|"
    r"welcomed|lauded|blasted|dismissed)\s+by\s+" + _WHO + r"\s+as\b" + _TO_MARK
)

# The last word of a news outlet's name: "according to the New York Times" reports the one its
# sentence says said it.
_OUTLET_WORDS = frozenset(
    _split(
        "Times Post Journal News Reuters Press AP AFP CNN NBC CBS ABC BBC Bloomberg Guardian "
        "Telegraph Politico Axios Tribune Herald Globe Magazine Newsweek Atlantic Independent "
        "Economist TASS Xinhua Interfax Agency Gazette Standard Daily Wire Beast Hill"
    )
)
# The cues of a sentence's own speaker before the quotation: sides' verbs of speech, and a
# few a statement is reported with.
_SPEECH = SPEECH_VERBS | frozenset(_split("stated states warned warns claimed claims declares"))

_BOTH = ((_QUOTED_AS, "quoted"), (_BY_AS, "by"))
_QUOTING, _BY_ONLY = _BOTH[:1], _BOTH[1:]

_LOOK_BACK = 3000  # a transcript turn's label is looked for this far back, no further


def reread(
    text: str, c: Cand, attr: Attr | None, last: tuple[Cand, Attr | None] | None = None
) -> Attr | None:
    """Return the speaker a construction of the quotation's sentence names, else `attr`."""
    before = text[c.left_lo : c.open_at]
    for pattern, cue in _constructions(before):
        m = pattern.search(before)
        if m and not any(p in m.group("rest") for p in ".;!?") and not _written(before, m, cue):
            who = m.group("who").strip()
            if plausible(who) and not who.lower().startswith(("the way", "what", "how")):
                return Attr(who, c.left_lo + m.start("who"), cue, 0.85)
    # Only a quotation its sentence goes on after ("“…,” RIA Novosti quoted"), not one that
    # ends its sentence ("“….” The New York Times quoted one of Carson's advisers as saying").
    goes_on = "," in text[c.close_end - 2 : c.close_end + 1]
    after = goes_on and _QUOTED_AFTER.match(text, c.close_end, c.close_end + _QUOTED_REACH)
    if after and plausible(who := after.group("who").strip()):
        return Attr(who, after.start("who"), "quoted", 0.85)
    if attr is None:
        return None
    if attr.cue == "according to" and attr.at > c.close_end:
        return _own_speaker(text, c, attr)
    if _DOCUMENT.fullmatch(attr.words):
        near = last and c.open_at - last[0].close_end <= _ISSUED_WITHIN
        return _issuer(c, attr, *last) if near and last else _stated_in(text, c, attr)
    if attr.words.split()[:1] == ["I"]:
        return _turn_label(text, c, attr)
    return attr


def _constructions(before: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Return the patterns worth running over the words before a quotation: each needs a word
    the text must hold ("quot"/"cit" in any case, "by"), and most contexts hold neither, so an
    `in` test spares the two searches over the whole left context."""
    lower = before.lower()
    # Ignoring case, the pattern's "i" also matches the Turkish dotted and dotless capitals.
    quoting = "quot" in lower or "cit" in lower or "\u0131" in lower or "\u0130" in before
    if "by" not in before:
        return _QUOTING if quoting else ()
    return _BOTH if quoting else _BY_ONLY


# A writing that quotes someone is the source a reader is given ("An early tweet quoted the
# president as saying"), as a writing that says something is.
_WRITINGS = frozenset(
    _split(
        "tweet tweets post posts report reports article articles story stories statement release "
        "headline editorial column memo letter book video"
    )
)


def _written(before: str, m: re.Match[str], cue: str) -> bool:
    """Say whether the one quoting, in the words before "quoted", is a writing."""
    return cue == "quoted" and any(w.lower() in _WRITINGS for w in before[: m.start()].split()[-3:])


# A document a body issues: "“…,” the State Department said. “…,” the statement added."
_DOCUMENT = re.compile(
    r"(?i:the)\s+(?:[\w\-]+\s+){0,2}(?:statement|communiqu[eé]|release|readout|alert|declaration|"
    r"notice|letter)"
)
_ISSUED_WITHIN = 600  # characters from the body's quotation to the document's


def _issuer(c: Cand, attr: Attr, prev: Cand, said: Attr | None) -> Attr:
    """Return the named body whose quotation just before, in this paragraph or the one before,
    a document speaking now was issued by ("… the State Department noted in an online alert.⏎⏎“…,”
    the statement added")."""
    if said is None or c.para - prev.para > 1 or c.open_at - prev.close_end > _ISSUED_WITHIN:
        return attr
    body = tidy_speaker(said.words)  # "President Obama released a statement" -> the name
    if not body or _DOCUMENT.fullmatch(body) or speaker_kind(body, body) != "organization":
        return attr
    return Attr(said.words, said.at, attr.cue, attr.confidence)


# "Two … service members have been killed …, the US military said in a statement on Wednesday."
_SAID_IN_STATEMENT = re.compile(
    r"(?:^|[,.;:]\s+)(?P<body>[^,.;:“”\"\n]{2,60}?)\s+(?:said|announced|confirmed|stated)\s+"
    r"in\s+a\s+(?:[\w\-]+\s+){0,2}statement\b[^“”\"]*$"
)


def _stated_in(text: str, c: Cand, attr: Attr) -> Attr:
    """Return the body the sentence before a document's quotation says issued it, with no
    quotation between ("…, the US military said in a statement on Wednesday.⏎⏎“…,” the
    statement said"); a person's statement stays "the statement", as PolNeAR keeps it."""
    before = text[max(0, c.open_at - _ISSUED_WITHIN) : c.open_at]
    m = _SAID_IN_STATEMENT.search(before)
    body = m and tidy_speaker(m.group("body"))
    if not m or not body or speaker_kind(body, body) != "organization":
        return attr
    return Attr(
        m.group("body"), c.open_at - len(before) + m.start("body"), attr.cue, attr.confidence
    )


def _own_speaker(text: str, c: Cand, attr: Attr) -> Attr:
    """Return the sentence's own speaker over the outlet reporting it ("Mr. Trump said … “…,”
    according to the New York Times")."""
    last = attr.words.split()[-1].removesuffix("’s").removesuffix("'s")
    if last not in _OUTLET_WORDS:
        return attr
    own = left(text, c.left_lo, c.open_at)
    if own and own.cue in _SPEECH and (is_named(own.words) or is_pronoun(own.words)):
        return own
    return attr


def _turn_label(text: str, c: Cand, attr: Attr) -> Attr:
    """Return a transcript turn's label for its "I" ("STEPHEN COHEN: … I often say, “…”")."""
    lo = max(0, c.open_at - _LOOK_BACK)
    start = text.rfind("\n", lo, c.open_at) + 1
    if start == 0 and lo > 0:
        return attr  # a paragraph longer than the look-back
    m = LABEL_RE.match(text, start, c.open_at)
    if not m:
        return attr
    return Attr(m.group(1), m.start(1), attr.cue, attr.confidence)
