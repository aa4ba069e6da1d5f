"""Who said a quotation: the rules that find its speaker's words, nearest evidence first.

A cue after it ("…,” Lin said; said Lin), before it (Lin said: “…”; according to Lin), the
sentence's subject, or the voice around it; setoff.py reads a dash, a source line, a transcript
label or a roundup's byline. The words found here are resolved to a name by resolve.py.
"""

from __future__ import annotations

import re

from monitor.quotes.cues import (
    ADDRESSEE_CUES,
    FORWARD_CUES,
    NAMING_CUES,
    WEAK_CUES,
    cue_matches,
)
from monitor.quotes.names import name_like
from monitor.quotes.owned import SAID_NOUNS, owned_words
from monitor.quotes.plausible import TAIL_NAME_RE, is_named, is_pronoun, named_tail, plausible
from monitor.quotes.records import Attr, Cand
from monitor.quotes.setoff import byline, dash, label, source_line
from monitor.quotes.speakers import (
    OWNERS,
    abbreviated,
    coordinated_subject,
    sentence_subject,
    subject_after,
    subject_before,
)

_split = str.split  # word lists are written as text, one readable line each

_MARKS = "'’\"”»"


# Verbs written before their speaker; "told", "urged" take an addressee, not a speaker, after.
_INVERTIBLE = frozenset(
    _split(
        "said says added adds wrote writes continued continues explained explains noted notes "
        "recalled recalls argued argues insisted insists remarked observed replied replies "
        "responded countered quipped declared concluded asked asks reacted"
    )
)


_SPEAKER_NEXT = re.compile(
    r"\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
    r"(?:[A-Z]|(?:the|a|an|one)\s"
    # "said former Secretary …", "said master of ceremonies Asab Al-Tabchi": a title, then a name.
    r"|(?:former|longtime|senior|chief|deputy|acting|then|master|campaign|party|state)"
    r"(?:\s[a-z]+){0,3}\s[A-Z])"
)


_CLAUSE = re.compile(
    r"\b(?:after|before|while|when|because|as|since|though|although|if|and|but|which|that|"
    r"so|where|until)\b",
    re.I,
)


# A clause with a subject of its own opening between a quotation and a cue after it.
_NEW_CLAUSE = re.compile(r"^[\s,]*(?:while|whereas)\s|,\s+(?:and|but|while|whereas)\s+(?=[A-Z])")


# Prepositions that open a phrase after a quotation, not its attribution.
_PHRASE_OPENERS = frozenset(_split("in on at for of to with by about from into against over"))


# A clause of its own inside a sentence, whose subject an "-ing" cue after it belongs to.
_CLAUSE_START = re.compile(r"[,;]\s+(?:as|while|when|after|and|but|though|although)\s+(?=[A-Z])")
# "Clinton proposed a debate on April 4 - but the Sanders campaign rejected the idea as “…”":
# a clause opened by "but" with a subject of its own comes between the cue and the quotation.
_BUT_CLAUSE = re.compile(r"(?:[,;]|\s[-—–])\s+but\s+(?=(?:the\s+|a\s+)?[A-Z])")


def attribute(text: str, cands: list[Cand], i: int, attrs: list[Attr | None]) -> Attr | None:
    """Find the speaker of quotation i, nearest evidence first."""
    c = cands[i]
    found = (
        label(text, c)
        or _opened_by_cue(text, c)
        or _before_colon_cue(text, c)
        or _right(text, c.close_end, c.right_hi, near=True)
        or byline(text, c)
        or _owned(text, c)
        or _left(text, c.left_lo, c.open_at)
        or _right(text, c.close_end, c.right_hi, near=False)
        or dash(text, c)
        or source_line(text, c)
        or _across_title(text, cands, i)
    )
    if found:
        return found
    k = next((j for j in range(i - 1, -1, -1) if attrs[j] is not None), -1)
    prev = cands[k] if k >= 0 else None
    prev_attr = attrs[k] if k >= 0 else None
    if prev and prev_attr and prev.sent_start == c.sent_start:
        if prev_attr.cue in SAID_NOUNS:
            # "Fitton called Clinton's assertion of a “claim of right” … “significant”": the
            # owner said the first, the sentence's own verb gives the second.
            return _left(text, c.sent_start, prev.open_at) or _again(prev_attr, 0.75)
        return _again(prev_attr, 0.75)
    if text[c.left_lo : c.open_at].strip():
        return _subject(text, c)
    return around(text, cands, i, attrs)


def around(text: str, cands: list[Cand], i: int, attrs: list[Attr | None]) -> Attr | None:
    """Find the speaker of quotation i from the sentences and quotations around it."""
    c = cands[i]
    k = next((j for j in range(i - 1, -1, -1) if attrs[j] is not None), -1)
    prev = cands[k] if k >= 0 else None
    prev_attr = attrs[k] if k >= 0 else None
    return (
        _colon_before(text, c)
        or _next_sentence(text, c)
        or _said_before(text, c)
        or (_again(prev_attr, 0.8) if prev and prev_attr and prev.unclosed else None)
        or (_again(prev_attr, 0.6) if prev and prev_attr and c.para - prev.para <= 1 else None)
        or _previous_paragraph(text, c)
    )


def _said_before(text: str, c: Cand) -> Attr | None:
    """Attribute a quotation to "…, Schiff said." or "…, he said." ending the sentence before."""
    lo = max(text.rfind("\n", 0, c.sent_start) + 1, c.sent_start - 300)
    before = text[lo : c.sent_start].rstrip()
    if not before.endswith(".") or any(mark in before for mark in '“”"«»'):
        return None
    cues = cue_matches(text, lo, lo + len(before))
    # Only a cue among the sentence's last words, or one whose clause the sentence reports
    # ("Coan argues that his client…"), makes its subject the voice that continues.
    rest = before[cues[-1].end() - lo :].split() if cues else []
    if not cues or (len(rest) > 3 and rest[0] != "that"):
        return None
    found = _left(text, lo, cues[-1].end())
    if not found or not (is_named(found.words) or is_pronoun(found.words)):
        return None
    return Attr(found.words, found.at, found.cue, 0.6)


def _previous_paragraph(text: str, c: Cand) -> Attr | None:
    """Attribute a paragraph-opening quotation to the named subject of the paragraph before."""
    if text[c.sent_start : c.open_at].strip() or c.sent_start == 0:
        return None
    end = len(text[: c.sent_start].rstrip())
    lo = text.rfind("\n", max(0, end - 600), end)
    prev = text[lo + 1 : end]
    if not prev or any(mark in prev for mark in '“"«'):
        return None
    words = sentence_subject(prev)
    if not words or not is_named(words) or not _evidenced(text, words):
        return None
    start = lo + 1 + _lead(text, lo + 1, words)
    return Attr(words, start, None, 0.4)


def _subject(text: str, c: Cand) -> Attr | None:
    """Attribute a mid-sentence quotation to the sentence's subject when no cue names one."""
    sentence = text[c.sent_start : min(c.open_at, c.sent_start + 600)]
    words = sentence_subject(sentence)
    opening = _OPENING_CLAUSE.match(sentence)
    if not words and opening and _ends_clause(text, c):
        # "While Mr. Ryan … laid out a vision for ''…,'' Ben Carson …": the quotation closes
        # the opening clause, whose subject speaks, not the main clause's after it.
        words = _LY_TAIL.sub("", sentence_subject(sentence[opening.end() :]))  # "Trump finally"
    if not words or not _evidenced(text, words):
        return None
    at = c.sent_start + _lead(text, c.sent_start, words)
    if not text[at + len(words) : c.open_at].strip() and all(w[0].isupper() for w in words.split()):
        # "Biden “kind of misspoke.”": a name right before the quotation is its subject, and
        # the voice is the one around it.
        return None
    return Attr(words, at, None, 0.45)


_LY_TAIL = re.compile(r"(?:\s+[a-z]+ly)+$")
_OPENING_CLAUSE = re.compile(r"(?:While|When|As|After|Before|Although|Though|Because|Since|If)\s+")


def _ends_clause(text: str, c: Cand) -> bool:
    """Say whether a comma or a dash closes a clause with the quotation ("…,''", "…!” —")."""
    after = text[c.close_end : c.close_end + 3].lstrip()[:1]
    return text[c.end - 1] == "," or after in (",", "—", "–")


def _evidenced(text: str, words: str) -> bool:
    """Say whether a sentence's opening words are a name, not a capital any sentence starts with."""
    if words.split()[0].lower() in OWNERS:
        return True  # "His campaign": a description of someone named before, capital or not
    caps = [t for t in words.split() if t[:1].isupper()]
    if len(caps) > 1:
        return not all(t.isupper() for t in caps)  # "HIGHER THAN EXPECTED TURNOUT" is a heading
    return not caps or is_pronoun(words) or name_like(caps[0], text)


def _again(attr: Attr, confidence: float) -> Attr:
    """Reuse an earlier attribution with a lower confidence."""
    return Attr(attr.words, attr.at, attr.cue, min(confidence, attr.confidence))


def _right(text: str, lo: int, hi: int, *, near: bool) -> Attr | None:
    """Attribute from a cue after the quotation ("…,” Lin said / said Lin)."""
    for m in cue_matches(text, lo, hi):
        gap = text[lo : m.start()]
        if near and not _attached(text, lo, gap):
            return None
        if _NEW_CLAUSE.search(gap):
            # "“…,” while Maine Sen. Susan Collins suggested", "“…,” for instance, and Trump
            # vowed": the verb after is another subject's, in a clause of its own.
            return None
        cue = m.group().lower()
        if cue.endswith("ing") or cue in ADDRESSEE_CUES:
            # "…,” promising the Friends of Abe will return", "…,” thanked Obama for": what
            # follows is the object; the sentence's subject speaks, found by the rules before.
            return None
        gap = gap.lstrip(_MARKS)  # a nested quotation ends in one mark more: “…'S out of them,'”
        if not gap.strip(" ,—–-") or cue in FORWARD_CUES or _inverted(text, gap, cue, m.end()):
            words = named_tail(subject_after(text[m.end() : hi]))
            at = m.end() + _lead(text, m.end(), words)
        else:
            words = named_tail(subject_before(gap))
            at = lo + gap.rfind(words.split(",")[0]) if words else lo
        if words and plausible(words):
            weak = cue in WEAK_CUES
            return Attr(words, at, cue, (0.9 if near else 0.7) - (0.2 if weak else 0.0))
        if near:
            return None
    return None


# Words that may stand between a cue and the quotation it opens ("claimed on Tuesday that “…”").
_CUE_TO_MARK = frozenset(_split("that it them him her this as on in at last"))
# Words that open a clause inside a sentence: a cue there is not the main clause's.
_SUBORDINATE = frozenset(_split("what as after when while since before though although because"))


def _opened_by_cue(text: str, c: Cand) -> Attr | None:
    """Attribute a quotation opened by a cue in a clause of its own ("even as Trump claimed that
    “…,” one of the prosecutors said", "Manafort, citing ''…,'' said"): the cue after it belongs
    to the main clause, whose speaker may be someone else."""
    if "," not in text[c.end - 1 : c.close_end + 1] or c.open_at - c.left_lo < 4:
        return None
    lo = max(c.left_lo, c.open_at - 60)
    matches = cue_matches(text, lo, c.open_at)
    if not matches:
        return None
    cue = matches[-1]
    # "When someone in the audience shouted, “Cruz,” Beck joked": a comma may stand before it.
    between = text[cue.end() : c.open_at].replace(",", " ").split()
    if len(between) > 3 or not all(w.lower() in _CUE_TO_MARK or w.istitle() for w in between):
        return None
    opening = text[max(c.left_lo, cue.start() - 200) : cue.start()].lower().split()
    if not cue.group().endswith("ing") and not _SUBORDINATE.intersection(opening):
        return None  # "Nothing the president said “…,” the Florida senator said": one clause
    return _left(text, c.left_lo, c.open_at)


_TITLE_WORDS = 5  # a quoted title or name inside an attribution is short


def _across_title(text: str, cands: list[Cand], i: int) -> Attr | None:
    """Read an attribution across a short quotation inside it, which cut the context: "As Akhil
    Amar, author of ''America's Unwritten Constitution,'' put it, ''…''" and "“…,” Bill Eastland,
    wearing “Ted Cruz” campaign pins, said"."""
    c = cands[i]
    if _short(text, c):
        return None  # two titles side by side ("“Veep,” “Breaking Bad”") are no attribution
    prev = cands[i - 1] if i else None
    between = text[c.left_lo : c.open_at].split()
    # Only a cue right after the title ("…,'' put it, ''") is cut off from its subject.
    if prev and _title_in(text, prev, c) and 0 < len(between) <= _TITLE_WORDS:
        found = _left(text, prev.left_lo, c.open_at)
        if found:
            return found
    nxt = cands[i + 1] if i + 1 < len(cands) else None
    if nxt and _title_in(text, nxt, c):
        return _right(text, c.close_end, nxt.right_hi, near=True)
    return None


def _title_in(text: str, t: Cand, c: Cand) -> bool:
    """Say whether quotation t is a short title or name in the same sentence as quotation c."""
    return t.sent_start == c.sent_start and _short(text, t)


def _short(text: str, c: Cand) -> bool:
    """Say whether a quotation has no more words than a title (counted without cutting it out)."""
    return text.count(" ", c.start, c.end) < _TITLE_WORDS


def _before_colon_cue(text: str, c: Cand) -> Attr | None:
    """Attribute a quotation followed by "Trump said:" to a cue before it: "After Scalia said that
    … “less advanced schools,” Trump said: “…”": the cue after it opens the next quotation."""
    after = text[c.close_end : c.right_hi].rstrip()
    if not after.endswith(":") or len(after.split()) > 5 or c.right_hi >= c.sent_end:
        return None
    return _left(text, c.left_lo, c.open_at)


def _inverted(text: str, gap: str, cue: str, after: int) -> bool:
    """Say whether a cue after a comma is followed by its speaker (…, said Christine Link)."""
    return (
        cue in _INVERTIBLE
        # “…” was to be a “cautionary tale,” said Susan Crawford: a second quotation's comma
        # sits inside its closing mark.
        and gap.rstrip().rstrip(_MARKS).endswith(",")
        and _SPEAKER_NEXT.match(text, after) is not None
    )


def _left(text: str, lo: int, hi: int) -> Attr | None:
    """Attribute from a cue before the quotation (Lin said: “…” / according to Lin, “…”)."""
    matches = cue_matches(text, lo, hi)
    for k, m in reversed(list(enumerate(matches))[-3:]):
        cue = m.group().lower()
        if cue.endswith("ing") and k > 0 and _object_before(text, lo, m.start()):
            continue  # "Stanton wrote a letter to Lynch asking": the letter's writer speaks
        if cue.endswith("ing") and k > 0 and not text[matches[k - 1].end() : m.start()].strip(", "):
            continue  # "…next week, Spicer said, adding": the subject of "said" speaks
        if cue in NAMING_CUES and k > 0:
            continue  # "Maddow pointed out that Sanders refers to it as": the report's source
        # Right after a quotation "said Lin" names the speaker, "adding that Trump" an object.
        if cue in FORWARD_CUES or (not text[lo : m.start()].strip() and cue in _INVERTIBLE):
            words = named_tail(subject_after(text[m.end() : hi]))
            at = m.end() + _lead(text, m.end(), words)
        elif cue.endswith("ing") and text[lo : m.start()].rstrip().endswith((",", " by")):
            # "Sanders compared himself to Clinton, saying", "Bolton distanced himself … by
            # saying": the clause's subject speaks.
            first = _last_clause(text, lo, m.start())
            words = sentence_subject(text[first : min(m.start(), first + 600)])
            if words.lower() == "it":
                continue  # "It was a potent one-two punch…, saying": no one is "it"
            at = first + _lead(text, first, words)
        elif (but := _BUT_CLAUSE.search(text, m.end(), hi)) is not None:
            # The quotation is in the "but" clause: its subject, not the cue's, says it.
            words = sentence_subject(text[but.end() : hi])
            at = but.end() + _lead(text, but.end(), words)
        else:
            before = text[max(lo, m.start() - 300) : m.start()]
            words = named_tail(subject_before(before)) or coordinated_subject(before)
            at = m.start() - len(before) + before.rfind(words.split(",")[0]) if words else lo
            if words and k > 0 and _closed_clause(text, lo, at, m.end(), hi):
                continue  # "Mrs. Clinton said that when Ms. Warren railed …, “…”": the main cue
        if words and plausible(words):
            return Attr(words, at, cue, 0.85 - (0.2 if cue in WEAK_CUES else 0.0))
    return None


# Words opening a clause of time or condition, closed by a comma before the main clause goes
# on ("as" is left out: "as Lin put it, “…”" attributes what follows).
_ADVERBIAL = frozenset(
    _split("when whenever after before while because if although though since until")
)


def _closed_clause(text: str, lo: int, at: int, cue_end: int, hi: int) -> bool:
    """Say whether a cue sits in a clause of time or condition closed by a comma right before
    the quotation ("that when Ms. Warren railed against Wall Street, “…”"): the quotation is
    the main clause's."""
    lead = text[max(lo, at - 20) : at].split()[-1:]
    return bool(lead) and lead[0].lower() in _ADVERBIAL and text[cue_end:hi].rstrip().endswith(",")


def _object_before(text: str, lo: int, at: int) -> bool:
    """Say whether an "-ing" cue follows a verb's object ("wrote a letter to Lynch asking"), not
    its own subject set off before it ("with Senator John McCain telling", "– Ryan saying")."""
    before = text[max(lo, at - 300) : at].rstrip()
    if before.endswith(","):
        return False
    words = subject_before(before)
    if not words or not is_named(words):
        return True
    lead = before[: before.rfind(words)].split()[-1:]
    return not lead or lead[0].lower() not in ("with", "-", "–", "—")


def _last_clause(text: str, lo: int, hi: int) -> int:
    """Return where the last clause before hi starts ("…, as Mrs. Clinton echoed it, saying")."""
    ends = [m.end() for m in _CLAUSE_START.finditer(text, lo, hi)]
    return ends[-1] if ends else lo


def _owned(text: str, c: Cand) -> Attr | None:
    """Attribute a quotation to the owner of a noun for what was said ("Trump’s claim that")."""
    owner = owned_words(text, c.left_lo, c.open_at, c.close_end)
    return Attr(owner.words, owner.at, owner.noun, 0.7) if owner else None


def _colon_before(text: str, c: Cand) -> Attr | None:
    """Attribute from the sentence before when it ends with a colon (Lin said:)."""
    before = text[max(0, c.open_at - 400) : c.open_at].rstrip()
    if not before.endswith(":"):
        return None
    lo = c.open_at - 400 if c.open_at > 400 else 0
    cut = max(before.rfind(". ", 0, -1), before.rfind("\n", 0, -1))
    sent_lo = lo + cut + 1
    found = _left(text, sent_lo, lo + len(before) - 1)
    if found:
        return Attr(found.words, found.at, found.cue, 0.75)
    words = subject_before(before[cut + 1 : -1])
    if len(words.split()) > 6:
        # "The timing… doesn’t surprise Republican pollster Daron Shaw:": the name ending it.
        tail = TAIL_NAME_RE.search(words)
        words = tail.group() if tail else ""
    if words and is_named(words):
        return Attr(words, lo + before.rfind(words), ":", 0.6)
    return None


def _next_sentence(text: str, c: Cand) -> Attr | None:
    """Attribute from a short sentence right after the quotation (“…” Lin said.)."""
    if c.sent_end >= len(text) or c.right_hi > c.close_end + 2:
        return None
    asked = text[c.end - 1] in "!?"
    end = _full_stop(text, c.close_end, c.close_end + 120)
    if end < 0 and asked:
        end = min(len(text), c.close_end + 120)  # a long sentence: its speaker comes first
    if end < 0 or "\n" in text[c.close_end : end]:
        return None
    found = _right(text, c.close_end, end, near=True)
    # "…!” US Senator Jeff Sessions said as he launched the process.": after "!" or "?" the
    # sentence goes on; after a full stop only a short sentence is the quotation's source.
    upto = found.at if found and asked else end
    if found and len(text[c.close_end : upto].split()) <= 8:
        return Attr(found.words, found.at, found.cue, 0.6)
    return None


def _full_stop(text: str, lo: int, hi: int) -> int:
    """Return where the sentence after lo ends, past "Mr." and initials (“…?” Mr. Trump asked.)."""
    after = text[lo:hi]  # abbreviated() reads the words before the dot: only these
    end = after.find(".")
    while end >= 0 and abbreviated(after, end):
        end = after.find(".", end + 1)
    return lo + end if end >= 0 else -1


def _attached(text: str, lo: int, gap: str) -> bool:
    """Say whether the words after a quotation can be its attribution (not a new clause)."""
    if len(gap.split()) > 30:
        return False
    before_mark = text[:lo].rstrip("\"'”’»」』`")[-1:]
    if before_mark in ",!?—–-" or gap.lstrip()[:1] in ",—–-(":
        return True
    words = gap.split()
    if words and words[0].lower() in _PHRASE_OPENERS and "," not in gap:
        # "''a betrayal of our values'' in the way the United States responds": the verb is in a
        # phrase about the quotation, whose speaker is before it.
        return False
    return not _CLAUSE.search(gap) and len(words) <= 6


def _lead(text: str, at: int, words: str) -> int:
    """Return how far past `at` the speaker's words start."""
    k = text.find(words[:20], at) if words else -1
    return k - at if k >= 0 else 0
