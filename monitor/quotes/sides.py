"""Read a speaker from a reporting verb on either side of a quotation.

After it: "…,” Lin said; said Lin; “…,” Lin told reporters. Before it: Lin said: “…”; according
to Lin, “…”; Sanders compared himself to Clinton, saying “…”. Each reader returns the speaker's
words, where they stand, the cue and how sure it is; attribution.py decides which reader to ask.
"""

from __future__ import annotations

import re

from monitor.quotes.cues import (
    ADDRESSEE_CUES,
    BEFORE_ONLY_CUES,
    DONE_TO_CUES,
    FORWARD_CUES,
    NAMING_CUES,
    WEAK_CUES,
    cue_matches,
)
from monitor.quotes.opening import described_subject, sentence_subject
from monitor.quotes.plausible import TAIL_NAME_RE, is_named, named_tail, plausible
from monitor.quotes.records import Attr
from monitor.quotes.speakers import (
    coordinated_subject,
    infinitive_subject,
    subject_after,
    subject_before,
)
from monitor.quotes.tidy import WEEKDAYS

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
    rf"\s+(?!(?:{WEEKDAYS})\b)"
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


# A writing verb followed by the verb of its clause's subject sits in a relative clause ("the
# letter Mike wrote was"); what the quotation says is reported by the sentence's earlier cue.
_REDUCED_RELATIVE = re.compile(r"\s+(?:was|is|were|are)\s")
# Verbs whose object such a clause is about ("which he said was" is his own aside: he speaks).
_WRITTEN = frozenset(_split("wrote writes posted posts sent sends tweeted tweets published"))
# A cue after a modal before a quotation is what someone would do ("the U.S. would respond"),
# unless it is a verb of speech itself; after a quotation only the modals of possibility count,
# as "“…,” he would later say" reports.
_MODAL = re.compile(r"\b(?:would|could|might|may|will|should|must|can)\s+(?:not\s+)?$")
_HYPOTHETICAL = re.compile(r"\s(?:could|might|may|should|must)\s+(?:not\s+)?$")


# The same after a comma inside the closing mark: "Someone called it a "quiet revolution," and I
# agree." ("I" agrees, "Someone" said it).
# "… as a “crazy old woman,” and a CNN report cited …": a noun phrase after "and" opens one too.
_AND_CLAUSE = re.compile(r"\s*(?:and|but)\s+(?:(?=[A-Z])|(?:a|an|the)\s)")


def _comma_closed(text: str, lo: int) -> bool:
    """Say whether the quotation ending at `lo` closes with a comma inside its mark (“…,”)."""
    return text[max(0, lo - 3) : lo].rstrip(_MARKS).endswith(",")


# Prepositions that open a phrase after a quotation, not its attribution.
_PHRASE_OPENERS = frozenset(_split("in on at for of to with by about from into against over"))


# A clause of its own inside a sentence, whose subject an "-ing" cue after it belongs to.
_CLAUSE_START = re.compile(r"[,;]\s+(?:as|while|when|after|and|but|though|although)\s+(?=[A-Z])")


# "Clinton proposed a debate on April 4 - but the Sanders campaign rejected the idea as “…”":
# a clause opened by "but" with a subject of its own comes between the cue and the quotation.
_BUT_CLAUSE = re.compile(r"(?:[,;]|\s[-—–])\s+but\s+(?=(?:the\s+|a\s+)?[A-Z])")


_RELATIVES = frozenset(["who", "which", "that"])
# Verbs of speech: a "but" clause after one is still what was said ("Trump said … that he liked
# parts of the plan, but Democrats must end “…”"), unlike after "proposed" or "offered".
SPEECH_VERBS = _INVERTIBLE | {"told", "tells"}
_WHO = re.compile(r",\s+who\s")
_AGE = re.compile(r",\s*\d+$")


def right(text: str, lo: int, hi: int, *, near: bool) -> Attr | None:
    """Attribute from a cue after the quotation ("…,” Lin said / said Lin)."""
    for m in cue_matches(text, lo, hi):
        gap = text[lo : m.start()]
        if near and not _attached(text, lo, gap):
            return None
        if _NEW_CLAUSE.search(gap) or (_AND_CLAUSE.match(gap) and _comma_closed(text, lo)):
            # "“…,” while Maine Sen. Susan Collins suggested", "“…,” for instance, and Trump
            # vowed": the verb after is another subject's, in a clause of its own.
            return None
        if not near and ": " in gap:  # not a clock time's colon ("3:30 p.m.")
            # "talk … about “decoupling” … is running into a challenging reality: … investment
            # … into China continues": after a colon the sentence says something else.
            return None
        cue = m.group().lower()
        if cue in BEFORE_ONLY_CUES or _HYPOTHETICAL.search(gap):
            # "“distasteful,” Santilli expressed a desire to “…”": the next one's; "a “de facto
            # economic war” and Russia could react with …, Kremlin Spokesman Dmitry Peskov
            # said": what someone could do is not what they said, the verb after it tells.
            continue
        if cue.endswith("ing") or cue in ADDRESSEE_CUES or _object_next(gap, cue):
            # "…,” promising the Friends of Abe will return", "…,” thanked Obama for": what
            # follows is the object; the sentence's subject speaks, found by a later rule.
            return None
        stripped = gap.lstrip(
            _MARKS
        )  # a nested quotation ends in one mark more: “…'S out of them,'”
        start = lo + len(gap) - len(stripped)  # where the stripped gap starts in the text
        gap = stripped
        if gap.strip().lower() in _RELATIVES:
            # "officers confronted “dozens of young lawbreakers” who began a procession": the
            # clause is about the words quoted, not its attribution.
            return None
        if not gap.strip(" ,—–-") or cue in FORWARD_CUES or _inverted(text, gap, cue, m.end()):
            words = named_tail(subject_after(text[m.end() : hi]))
            at = m.end() + lead(text, m.end(), words)
        else:
            words = named_tail(subject_before(gap))
            at = start + gap.rfind(words.split(",")[0]) if words else start
        if words and plausible(words):
            weak = cue in WEAK_CUES
            return Attr(words, at, cue, (0.9 if near else 0.7) - (0.2 if weak else 0.0))
        if near:
            return None
    return None


# Verbs whose object, not their speaker, follows them right after a quotation: "Fanone, who
# wanted “…,” cited … Mayor Eric Adams’s remark" (the sentence's subject speaks).
_OBJECT_NEXT = frozenset(
    f"{stem}{end}"
    for stem in _split("cit quot invok prais criticiz denounc")
    for end in ("e", "es", "ed")
) | frozenset(_split("slammed blasted mocked dismissed condemned blamed hailed decried"))


def _object_next(gap: str, cue: str) -> bool:
    """Say whether a cue right after a quotation takes the object after it ("“…,” cited")."""
    return cue in _OBJECT_NEXT and not gap.strip(" ,—–-" + _MARKS)


def _inverted(text: str, gap: str, cue: str, after: int) -> bool:
    """Say whether a cue after a comma is followed by its speaker (…, said Christine Link)."""
    return (
        cue in _INVERTIBLE
        # “…” was to be a “cautionary tale,” said Susan Crawford: a second quotation's comma
        # sits inside its closing mark.
        and gap.rstrip().rstrip(_MARKS).endswith(",")
        and _SPEAKER_NEXT.match(text, after) is not None
    )


def left(text: str, lo: int, hi: int) -> Attr | None:
    """Attribute from a cue before the quotation (Lin said: “…” / according to Lin, “…”)."""
    matches = cue_matches(text, lo, hi)
    for k, m in reversed(list(enumerate(matches))[-3:]):
        cue = m.group().lower()
        if cue.endswith("ing") and k > 0 and _object_before(text, lo, m.start()):
            continue  # "Stanton wrote a letter to Lynch asking": the letter's writer speaks
        if cue.endswith("ing") and k == 0 and _thing_doing(text, lo, m.start()):
            continue  # "He called X “fatuous” and her comments suggesting … “absurd.”": his
        if cue.endswith("ing") and k > 0 and not text[matches[k - 1].end() : m.start()].strip(", "):
            continue  # "…next week, Spicer said, adding": the subject of "said" speaks
        if cue in BEFORE_ONLY_CUES and (
            _passive(text, lo, m.start()) or _CLAUSE_BREAK.search(text, m.end(), hi)
        ):
            # "The concerns being expressed by many Jewish leaders": not the concerns'; "Craig
            # said while voters expressed concerns … – and that she’s “…”": the quotation is
            # not what was expressed.
            continue
        if cue in DONE_TO_CUES and _passive(text, lo, m.start()):
            continue  # "Britain's Conservative Party was accused … of": accused, not speaking
        if cue in NAMING_CUES and k > 0:
            continue  # "Maddow pointed out that Sanders refers to it as": the report's source
        if k > 0 and cue not in SPEECH_VERBS and _MODAL.search(text, m.start() - 16, m.start()):
            continue  # "Sullivan said the U.S. would respond “decisively”": said, not responded
        if k > 0 and cue in _WRITTEN and _REDUCED_RELATIVE.match(text, m.end()):
            continue  # "Martha added that … the letter Mike wrote was “kind”": Martha's words
        if cue.startswith("in ") and k > 0 and _adjunct_of(text, matches[k - 1].end(), m.start()):
            continue  # "Davis responded to Trump in a statement:": the verb's subject speaks
        # Right after a quotation "said Lin" names the speaker, "adding that Trump" an object.
        if cue in FORWARD_CUES or (not text[lo : m.start()].strip() and cue in _INVERTIBLE):
            words = named_tail(subject_after(text[m.end() : hi]))
            at = m.end() + lead(text, m.end(), words)
        elif cue.endswith("ing") and text[lo : m.start()].rstrip().endswith((",", " by")):
            # "Sanders compared himself to Clinton, saying", "Bolton distanced himself … by
            # saying": the clause's subject speaks.
            first = _last_clause(text, lo, m.start())
            clause = text[first : min(m.start(), first + 600)]
            # Without the comma before the cue: "In May 2011 Walesa declined to meet with
            # Obama, telling" opens with no phrase set off, however its date reads.
            words = sentence_subject(clause.rstrip().rstrip(","))
            who = None if words else _WHO.search(clause)
            if who:
                # "The senator was rallying for … Eric Kingson, who is running for Congress and
                # who worked the crowd, praising": with no name opening the sentence, the
                # relative clause's own name speaks ("Clinton thanked X, who …, saying" is hers).
                named = _AGE.sub("", clause[: who.start()])  # "Kashiya Nwanguma, 21, who"
                tail = TAIL_NAME_RE.search(named)
                words = tail.group() if tail else named_tail(subject_before(named))
            else:
                words = words or described_subject(clause)
            if words.lower() == "it":
                continue  # "It was a potent one-two punch…, saying": no one is "it"
            at = first + lead(text, first, words)
        elif cue not in SPEECH_VERBS and (but := _BUT_CLAUSE.search(text, m.end(), hi)) is not None:
            # The quotation is in the "but" clause: its subject, not the cue's, says it.
            words = sentence_subject(text[but.end() : hi])
            at = but.end() + lead(text, but.end(), words)
        else:
            before = text[max(lo, m.start() - 300) : m.start()]
            words = (
                named_tail(subject_before(before))
                or coordinated_subject(before)
                or infinitive_subject(before)
            )
            at = m.start() - len(before) + before.rfind(words.split(",")[0]) if words else lo
            if words and k > 0 and _closed_clause(text, lo, at, m.end(), hi):
                continue  # "Mrs. Clinton said that when Ms. Warren railed …, “…”": the main cue
            if words and _clause_before_subject(text, lo, at, m.end(), hi):
                continue  # "after the briefing concluded, Milley … told reporters: “…”"
            if k > 0 and _inside_adverbial(text, matches[k - 1].end(), m.start(), m.end(), hi):
                continue  # "Sawyer said while some voters made snide comments …, he wanted"
            if k > 0 and _reported_pronoun(text, lo, matches[k - 1], cue, words, at):
                continue  # "One commenter noted that he agrees …": the one who noted it speaks
        if words and plausible(words):
            return Attr(words, at, cue, 0.85 - (0.2 if cue in WEAK_CUES else 0.0))
    return None


def _reported_pronoun(
    text: str, lo: int, outer: re.Match[str], cue: str, words: str, at: int
) -> bool:
    """Say whether the pronoun `words` at `at` opens the clause an earlier cue reports and the
    earlier cue's subject, a description, is the one to name ("One commenter noted that he")."""
    if words.lower() not in ("he", "she") or cue in ("told", "tells") or outer.end() > at:
        return False  # "prosecutors say that he told one FBI agent, “…”": he speaks
    # Not across a comma: "The documents indicate, he said …, that" sets off the speaker.
    if text[outer.end() : at].strip(" ").lower() not in ("", "that"):
        return False
    # A name before is what "he" resolves to anyway ("Trump at the time said he'd asked").
    subject = named_tail(subject_before(text[max(lo, outer.start() - 300) : outer.start()]))
    return bool(subject) and not is_named(subject) and plausible(subject)


# A dash, a semicolon or "and that" between a verb and a quotation: another clause holds it.
_CLAUSE_BREAK = re.compile(r"[;–—]|\s-\s|\b(?:and|but)\s+(?:that|then)\b")


_ADJUNCT_WORDS = 4  # "responded to President Trump": the verb's object, then the phrase


def _adjunct_of(text: str, verb_end: int, phrase_at: int) -> bool:
    """Say whether a cue phrase like "in a statement" completes the verb cue just before it in
    one clause ("responded to Trump in a statement"): the words between are the verb's object,
    not the speaker."""
    between = text[verb_end:phrase_at]
    return len(between.split()) <= _ADJUNCT_WORDS and not any(p in between for p in ',;:.—–“”"')


def _word_before(text: str, lo: int, at: int) -> str:
    """Return the last word of text[lo:at], lower-cased ("" when there is none)."""
    words = text[lo:at].split()
    return words[-1].lower() if words else ""


def _passive(text: str, lo: int, at: int) -> bool:
    """Say whether the cue at `at` follows a form of "be" ("being expressed", "was expressed")."""
    return _word_before(text, max(lo, at - 12), at) in ("was", "were", "been", "being", "is", "are")


# Words opening a clause of time or condition, closed by a comma before the main clause goes
# on ("as" is left out: "as Lin put it, “…”" attributes what follows).
_ADVERBIAL = frozenset(
    _split("when whenever after before while because if although though since until")
)


def _closed_clause(text: str, lo: int, at: int, cue_end: int, hi: int) -> bool:
    """Say whether a cue sits in a clause of time or condition closed by a comma or a colon
    right before the quotation ("that when Ms. Warren railed against Wall Street, “…”", "he
    tweeted after she finished: “…”"): the quotation is the main clause's."""
    opener = _word_before(text, max(lo, at - 20), at)
    return opener in _ADVERBIAL and text[cue_end:hi].rstrip().endswith((",", ":"))


# A comma closing a clause and a capitalised subject opening the main clause after it.
_MAIN_SUBJECT = re.compile(r"\s*,\s+(?:(?:the|a|an)\s+)?[A-Z][\w’'.\-]*\s+[a-z]")


def _clause_before_subject(text: str, lo: int, at: int, cue_end: int, hi: int) -> bool:
    """Say whether a cue ends a clause of time or condition after which the main clause has
    a subject of its own ("About five minutes after the briefing concluded, Milley made a
    phone call and returned to tell reporters: “…”"): that subject, not the clause's, speaks."""
    if _word_before(text, max(lo, at - 20), at) not in _ADVERBIAL:
        return False
    return _MAIN_SUBJECT.match(text, cue_end, hi) is not None


# A main clause after a comma, opened by its own subject pronoun and verb: ", he wanted".
_MAIN_PRONOUN = re.compile(r",\s+(?:he|she|they|we|I)\s+[a-z]")


def _inside_adverbial(text: str, said_end: int, at: int, cue_end: int, hi: int) -> bool:
    """Say whether a cue sits in a clause of time or contrast opened after an earlier cue and
    closed by a comma before a main clause of its own ("Selectman Richard Sawyer said while
    there were some voters who made snide comments to election officials, he wanted to remind
    them that they are all volunteers who are “…”"): the earlier cue's subject speaks."""
    opens = text[said_end:at].split()[:1]
    return (
        bool(opens)
        and opens[0] in _ADVERBIAL
        and _MAIN_PRONOUN.search(text, cue_end, hi) is not None
    )


_CLOSING = frozenset("”\"’'»")


def _thing_doing(text: str, lo: int, at: int) -> bool:
    """Say whether an "-ing" cue right after a quotation's words describes a thing named no
    one's ("… “fatuous” and her comments suggesting a parallel … “absurd.”"): the verb before
    the earlier quotation speaks ("– Ryan saying … and Trump calling it" names its speaker)."""
    if text[lo - 1 : lo] not in _CLOSING:
        return False
    before = text[lo:at].rstrip()
    words = subject_before(before)
    return bool(words) and not before.endswith(",") and not is_named(words)


def _object_before(text: str, lo: int, at: int) -> bool:
    """Say whether an "-ing" cue follows a verb's object ("wrote a letter to Lynch asking"), not
    its own subject set off before it ("with Senator John McCain telling", "– Ryan saying")."""
    before = text[max(lo, at - 300) : at].rstrip()
    if before.endswith(","):
        return False
    words = subject_before(before)
    if not words or not is_named(words):
        return True
    return _word_before(before, 0, before.rfind(words)) not in ("with", "-", "–", "—")


def _last_clause(text: str, lo: int, hi: int) -> int:
    """Return where the last clause before hi starts ("…, as Mrs. Clinton echoed it, saying")."""
    ends = [m.end() for m in _CLAUSE_START.finditer(text, lo, hi)]
    return ends[-1] if ends else lo


def _attached(text: str, lo: int, gap: str) -> bool:
    """Say whether the words after a quotation can be its attribution (not a new clause)."""
    if len(gap.split()) > 30:
        return False
    # The character before the closing marks; a window, not a copy of the text before.
    before_mark = text[max(0, lo - 8) : lo].rstrip("\"'”’»」』`")[-1:]
    if before_mark in ",!?—–-" or gap.lstrip()[:1] in ",—–-(":
        return True
    words = gap.split()
    if words and words[0].lower() in _PHRASE_OPENERS and "," not in gap:
        # "''a betrayal of our values'' in the way the United States responds": the verb is in a
        # phrase about the quotation, whose speaker is before it.
        return False
    return not _CLAUSE.search(gap) and len(words) <= 6


def lead(text: str, at: int, words: str) -> int:
    """Return how far past `at` the speaker's words start."""
    k = text.find(words[:20], at) if words else -1
    return k - at if k >= 0 else 0
