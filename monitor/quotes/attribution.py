"""Who said a quotation: the rules that find its speaker's words, nearest evidence first.

A cue after it ("…,” Lin said; said Lin), before it (Lin said: “…”; according to Lin), the
sentence's subject, or the voice around it; setoff.py reads a dash, a source line, a transcript
label or a roundup's byline. The words found here are resolved to a name by resolve.py.
"""

from __future__ import annotations

import re

from monitor.quotes.cues import cue_matches
from monitor.quotes.furniture import is_furniture
from monitor.quotes.names import name_like
from monitor.quotes.opening import OWNERS, sentence_subject
from monitor.quotes.owned import SAID_NOUNS, owned_words
from monitor.quotes.plausible import TAIL_NAME_RE, is_named, is_pronoun
from monitor.quotes.records import Attr, Attrs, Cand
from monitor.quotes.setoff import byline, dash, label, source_line
from monitor.quotes.sides import lead, left, right
from monitor.quotes.speakers import abbreviated, subject_before
from monitor.quotes.tidy import without_trailing_adverb
from monitor.rules.segment import sentence_breaks

_split = str.split  # word lists are written as text, one readable line each


def attribute(text: str, cands: list[Cand], i: int, attrs: Attrs) -> Attr | None:
    """Find the speaker of quotation i (`attrs` holds those of the quotations before it),
    nearest evidence first."""
    c = cands[i]
    found = (
        label(text, c)
        or _opened_by_cue(text, c)
        or _before_colon_cue(text, c)
        or _colon_then_source(text, c)
        or right(text, c.close_end, c.right_hi, near=True)
        or byline(text, c)
        or _owned(text, c)
        or _across_apposition(text, cands, i)
        or left(text, c.left_lo, c.open_at)
        or _across_scare(text, cands, i)
        or right(text, c.close_end, c.right_hi, near=False)
        or dash(text, c)
        or source_line(text, c)
        or _across_title(text, cands, i)
    )
    if found:
        return found
    prev, prev_attr = _last_attributed(cands, attrs)
    if prev and prev_attr and prev.sent_start == c.sent_start:
        if prev_attr.cue in SAID_NOUNS:
            # "Fitton called Clinton's assertion of a “claim of right” … “significant”": the
            # owner said the first, the sentence's own verb gives the second.
            return left(text, c.sent_start, prev.open_at) or _again(prev_attr, 0.75)
        return _again(prev_attr, 0.75)
    if text[c.left_lo : c.open_at].strip():
        return _subject(text, c)
    return around(text, cands, i, attrs)


def _across_scare(text: str, cands: list[Cand], i: int) -> Attr | None:
    """Attribute from the cue before an earlier quotation of the sentence that is a term, not
    words said ("Zhang Xiaogang said that the so-called “China threat” was “groundless hype”")."""
    c = cands[i]
    if i == 0 or c.left_lo <= c.sent_start or cands[i - 1].sent_start != c.sent_start:
        return None
    before = text[max(c.sent_start, cands[i - 1].open_at - _SCARE_LEAD) : cands[i - 1].open_at]
    if not _SO_CALLED.search(before):
        return None
    return left(text, c.sent_start, cands[i - 1].open_at)


_SCARE_LEAD = 20  # characters before a quotation where "so-called" names it a term
_SO_CALLED = re.compile(r"(?i:so[- ]called|dubbed|termed|the word|the term|the phrase)\s*$")


def around(text: str, cands: list[Cand], i: int, attrs: Attrs) -> Attr | None:
    """Find the speaker of quotation i from the sentences and quotations around it."""
    c = cands[i]
    prev, prev_attr = _last_attributed(cands, attrs)
    return (
        _colon_before(text, c)
        or _next_sentence(text, c)
        or _said_before(text, c)
        or (_again(prev_attr, 0.8) if prev and prev_attr and prev.unclosed else None)
        or (_again(prev_attr, 0.6) if prev and prev_attr and _next_to(text, prev, c) else None)
        or _previous_paragraph(text, c)
    )


def _next_to(text: str, prev: Cand, c: Cand) -> bool:
    """Say whether quotation c's paragraph follows prev's, or only a heading or a caption stands
    between them ("…,” says Parata.⏎⏎whale strandings⏎⏎“When will we talk …”": Parata goes on)."""
    if c.para - prev.para <= 1:
        return True
    if c.para - prev.para > _FURNITURE_BETWEEN + 1 or not _whole_paragraph(text, c):
        return False
    between = text[prev.close_end : c.sent_start].split("\n")[1:]  # past prev's own paragraph
    return all(is_furniture(line.strip()) for line in between if line.strip())


_FURNITURE_BETWEEN = 2  # heading or caption paragraphs a voice goes on across


def _whole_paragraph(text: str, c: Cand) -> bool:
    """Say whether a quotation is its whole paragraph (a full stop after it at most): a title
    opening a list's heading ("“Broad City” Star Asked …") is no voice going on."""
    starts = text.rfind("\n", 0, c.open_at) + 1
    ends = text.find("\n", c.close_end)
    ends = len(text) if ends < 0 else ends
    line = text[starts:ends].strip()
    return line.startswith(text[c.open_at]) and text[c.close_end : ends].strip() in ("", ".")


def _last_attributed(cands: list[Cand], attrs: Attrs) -> tuple[Cand | None, Attr | None]:
    """Return the nearest earlier quotation that has a speaker, and its attribution."""
    k = attrs.last
    return (cands[k], attrs[k]) if k >= 0 else (None, None)


def _said_before(text: str, c: Cand) -> Attr | None:
    """Attribute a quotation to "…, Schiff said." or "…, he said." ending the sentence before."""
    lo = max(text.rfind("\n", 0, c.sent_start) + 1, c.sent_start - 300)
    before = text[lo : c.sent_start].rstrip()
    if not before.endswith(".") or _quoting(text, lo, c.sent_start):
        return None
    cues = cue_matches(text, lo, lo + len(before))
    # Only a cue among the sentence's last words, or one whose clause the sentence reports
    # ("Coan argues that his client…"), makes its subject the voice that continues.
    rest = before[cues[-1].end() - lo :].split() if cues else []
    if not cues or (len(rest) > 3 and rest[0] != "that"):
        return None
    # "… claimed to be in contact with Michael Flynn, who was advising Trump.": the main
    # clause's cue, not the relative clause's, gives the voice that continues.
    relative = _RELATIVE_END.search(text, lo, cues[-1].start())
    found = left(text, lo, relative.start() if relative else cues[-1].end())
    if not found or not (is_named(found.words) or is_pronoun(found.words)):
        return None
    return Attr(found.words, found.at, found.cue, 0.6)


def _quoting(text: str, lo: int, hi: int) -> bool:
    """Say whether the sentence before a quotation holds one: any mark but a closing one with
    no opening mark before it in the paragraph, a quotation whose opening mark the writer left
    out ("This is a consequential election,” Nichols said."), whose cue names the voice that
    goes on."""
    before = text[lo:hi]
    if any(mark in before for mark in '"«»'):
        return True
    if "”" not in before and "“" not in before:
        return False
    return "“" in text[text.rfind("\n", 0, hi) + 1 : hi]


# A relative clause ending its sentence with a cue: "…, who was advising Trump."
_RELATIVE_END = re.compile(r",\s+who\s+(?:\w+\s+){0,2}$")


def _previous_paragraph(text: str, c: Cand) -> Attr | None:
    """Attribute a paragraph-opening quotation to the named subject of the paragraph before."""
    if text[c.sent_start : c.open_at].strip() or c.sent_start == 0:
        return None
    end = c.sent_start
    while end and text[end - 1].isspace():
        end -= 1
    lo = text.rfind("\n", max(0, end - 600), end)
    if lo < 0 and end > 600:
        return None  # a paragraph longer than the look-back: its first sentence is out of reach
    prev = text[lo + 1 : end]
    if not prev or any(mark in prev for mark in '“"«') or is_furniture(prev.strip()):
        return None  # a heading or a caption names no speaker for the paragraph after it
    noted = _AS_NOTED.search(prev)
    if noted:
        # "President Biden flew to New York …, as Julian Zelizer noted.⏎⏎“…”": the one whose
        # words the paragraph announces, not its subject.
        return Attr(noted.group(1), lo + 1 + noted.start(1), noted.group(2), 0.5)
    # Its first sentence's subject: "Но пока у модели это не получается. Она откровенно
    # рассказала, что …" (no English verb ends the subject) ran on into the second.
    breaks = sentence_breaks(text, lo + 1, end)
    words = sentence_subject(text[lo + 1 : breaks[0][0]] if breaks else prev)
    if not words or not is_named(words) or not _evidenced(text, words):
        return None
    start = lo + 1 + lead(text, lo + 1, words)
    return Attr(words, start, None, 0.4)


_AS_NOTED = re.compile(
    r",\s+as\s+((?:[A-Z][\w’'\-.]*\s+){0,3}[A-Z][\w’'\-]+)\s+"
    r"(noted|wrote|writes|put it|puts it|observed|explained|argued|argues|said|says)[.:]$"
)


def _subject(text: str, c: Cand) -> Attr | None:
    """Attribute a mid-sentence quotation to the sentence's subject when no cue names one."""
    sentence = text[c.sent_start : min(c.open_at, c.sent_start + 600)]
    words = sentence_subject(sentence)
    opening = _OPENING_CLAUSE.match(sentence)
    if not words and opening and _ends_clause(text, c):
        # "While Mr. Ryan … laid out a vision for ''…,'' Ben Carson …": the quotation closes
        # the opening clause, whose subject speaks, not the main clause's after it.
        words = without_trailing_adverb(sentence_subject(sentence[opening.end() :]))
    if not words or not _evidenced(text, words):
        return None
    at = c.sent_start + lead(text, c.sent_start, words)
    if not text[at + len(words) : c.open_at].strip() and all(w[0].isupper() for w in words.split()):
        # "Biden “kind of misspoke.”": a name right before the quotation is its subject, and
        # the voice is the one around it.
        return None
    return Attr(words, at, None, 0.45)


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
    # The cue's own clause, since the last comma: "As she spoke, the crowd … chanted, “…,” a
    # witness said" opens no clause of its own at "chanted".
    back = max(c.left_lo, cue.start() - 200)
    clause = max(back, text.rfind(",", back, cue.start()) + 1)
    opening = text[clause : cue.start()].lower().split()
    if not cue.group().endswith("ing") and not _SUBORDINATE.intersection(opening):
        return None  # "Nothing the president said “…,” the Florida senator said": one clause
    return left(text, c.left_lo, c.open_at)


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
        found = left(text, prev.left_lo, c.open_at)
        if found:
            return found
    nxt = cands[i + 1] if i + 1 < len(cands) else None
    if nxt and _title_in(text, nxt, c):
        # "Beijing “never yields to threat or blackmail” and will retaliate against the
        # “groundless” tariffs, … Wang Shouwen said …": the cue ending the sentence is read past
        # a short quotation after it, as it would be were that one not quoted.
        return right(text, c.close_end, nxt.right_hi, near=True) or right(
            text, c.close_end, nxt.right_hi, near=False
        )
    return None


def _across_apposition(text: str, cands: list[Cand], i: int) -> Attr | None:
    """Read a cue before a quotation across a title quoted in its subject's apposition: "David
    Rothkopf, … author of “Running the World,” a book about the U.S. National Security Council,
    said …: “…”" (the words after the title describe it; the name before it speaks)."""
    c = cands[i]
    prev = cands[i - 1] if i else None
    if prev is None or not _title_in(text, prev, c) or text[prev.end - 1] != ",":
        return None
    if not _DESCRIBES_TITLE.match(text, prev.close_end):
        return None  # "“…,” the Florida senator said, “…”": the first part of one quotation
    return left(text, prev.left_lo, c.open_at)


_DESCRIBES_TITLE = re.compile(r"\s+(?:a|an|the)\s+[a-z]+")


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
    return left(text, c.left_lo, c.open_at)


def _colon_then_source(text: str, c: Cand) -> Attr | None:
    """Attribute a quotation opened by "Stone emailed Sam Nunberg:" to that subject, though
    "according to the Wall Street Journal" follows it: the paper reports who wrote it."""
    if not text[c.left_lo : c.open_at].rstrip().endswith(":"):
        return None  # most quotations: no cue read after them here
    after = right(text, c.close_end, c.right_hi, near=True)
    return left(text, c.left_lo, c.open_at) if after and after.cue == "according to" else None


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
    found = left(text, sent_lo, lo + len(before) - 1)
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
    found = right(text, c.close_end, end, near=True)
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
