"""Cut the speaker's words out of an attribution: the noun phrase before or after a cue, past
appositions and asides ("Lael Brainard, a Fed governor, said"). opening.py reads a sentence's
subject from its start; plausible.py says whether the words can speak; resolve.py turns them
into a name."""

from __future__ import annotations

import functools
import re

from monitor.quotes.appositions import (
    ARTICLE_START,
    RELATIVE,
    before_inserted,
    name_before_role,
    names_the_description,
    relative_of_apposition,
    unclosed_apposition,
)
from monitor.quotes.cues import verb_forms
from monitor.quotes.eastasian import surname_he
from monitor.quotes.lexicon import PERSON_TITLES, SUBJECT_PRONOUNS
from monitor.quotes.opening import sentence_subject, without_intro
from monitor.quotes.persons import speaker_kind
from monitor.quotes.plausible import SPEAKER_NOUNS
from monitor.quotes.relative import relative_antecedent
from monitor.quotes.tidy import WEEKDAYS, is_when, tidy_speaker
from monitor.rules.segment import ABBREVIATIONS

_split = str.split  # word lists are written as text, one readable line each

# Words that end a noun phrase when reading backwards from a reporting verb ("led to what aide
# Kevin Phillips called": "what" opens the clause its speaker is the subject of).
_BOUNDARY = frozenset(
    _split(
        "that and but because while when as after before if where since though although so then "
        "which whom whose than or nor for yet with by about of to in on at from into over against "
        "during had has have was were is are be been would will could should can may might did "
        "does do not never also later earlier then once again recently previously further simply "
        "repeatedly flatly publicly bluntly privately this week month year today yesterday said "
        "says told tells added adds wrote writes what including"
    )
)
_LOCATIVE = frozenset(["in", "at", "from", "near", "outside", "across"])
_ON_PLATFORM = frozenset(_split("user users commenter commenters poster posters account accounts"))
_SCENE = frozenset(["in", "on", "at", "during", "into"])
_PHRASE_OF_TIME = re.compile(
    r"^(?:one|some|that|this|the same|a later|an earlier)\s+(?:point|time|stage|moment)$", re.I
)
_POSSESSIVES = frozenset(["his", "her", "its", "their", "the", "a", "an"])
_LINKS = frozenset(["of", "to", "for", "with", "at", "in", "from"])
_LEADING = frozenset(
    _split(
        "but and so yet still meanwhile however also now then instead indeed later and, thus "
        "hence moreover furthermore even only just"
    )
)
_TRAILING = re.compile(
    rf"(?:\s+(?:(?:on\s+|last\s+|this\s+)?(?-i:{WEEKDAYS})"
    r"(?:\s+(?:morning|afternoon|evening|night))?|also|later|earlier|then|has|had|have|was|is|"
    r"meanwhile|never|however|instead|still|"  # "Olaf Scholz meanwhile called": not who
    r"(?<!\bthe\s)(?-i:first)|"  # "Right Wing Watch first reported"; "America First" stays
    r"would|will|could|did|once|again|in\s+the\s+past|further|just|already|has\s+long|"
    # An -ly adverb ("previously", "repeatedly"), not a noun after its article ("the rally
    # denounced"). No other alternative may match an -ly word: two ways to match one word
    # would make the engine try 2^n ways on a run of them before "$" fails.
    r"(?<!\bthe\s)(?<!\ba\s)(?<!\bits\s)(?<!\bhis\s)(?<!\bher\s)(?-i:[a-z]+ly)))+\s*$",
    re.I,
)
_TRAIL_REACH = 300  # characters at the end of a phrase where trailing words are looked for
_CONTRACTED = re.compile(r"^(he|she|they|we|i|it)[’'](?:s|d|ll|re|m|ve)$", re.I)
# "A front page commentary from the Communist Party’s propaganda department headlined ‘No Power
# Can Stop the Chinese People …’ said": the title in quotation marks names what was written, the
# words before it who wrote it.
_TITLED = re.compile(r"\s+(?:headlined|titled|entitled)\s+[‘'“\"][^’'”\"]{1,150}[’'”\"]$")
# "Sen. Chuck Schumer (D-N.Y.) said", "Gov. Phil Bryant (R) said": a party and state written
# after a name in parentheses belong to the name before them; they are not the subject.
_PARTY_TAG = re.compile(r"\s*\([DRI](?:-\s?[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)?\),?$")
# A post held "to" a country or a body, written before the holder's name.
_ENVOY = re.compile(r"\b(?i:ambassador|envoy|representative|emissary|delegate)$")
_POST = re.compile(r"(?:the )?[A-Z]")  # where the post is held: "Ukraine", "the U.S.", "NATO"
_FORWARD_STOP = re.compile(
    r"[,.;:!?—–()\[\]\"“”\n]|\s(?:in|on|at|during|that|who|when|as|after|before|while|because|"
    r"and\s+(?:a|an|the)\s|told|said|says|to)\s"
)


def _tail_words(segment: str) -> str:
    """Return the noun phrase at the end of a segment, stopping at clause words."""
    words = segment.split()
    k = len(words)
    while k > 0:
        low = words[k - 1].lower()
        if low in _BOUNDARY and not _inner_preposition(words, k - 1):
            break
        k -= 1
    tail = words[k:]
    article = _new_phrase(tail)
    if article:
        # "In its decision to overturn Roe v. Wade the Supreme Court majority wrote": an opening
        # phrase with no comma after it; the article opens the subject.
        return " ".join(tail[article:][-12:])
    if (
        k > 0
        and words[k - 1].lower() in _LOCATIVE
        and (len(tail) == 1 or _PHRASE_OF_TIME.match(" ".join(tail)))
    ):
        # "leaders gathered in Wales pledged", "at one point calling": after "in" or "at" comes
        # a place or a time, not the subject.
        return ""
    if k > 1 and words[k - 1].lower() in _SCENE and tail and tail[0].lower() in _POSSESSIVES:
        # "Trump in his announcement speech called": the phrase after "in" sets the scene.
        return _tail_words(" ".join(words[: k - 1]))
    if k > 0 and words[k - 1].lower() == "to" and tail and tail[0][:1].islower():
        # "an official who spoke to discuss strategy said": skip the infinitive to the noun.
        who = [j for j in range(k) if words[j].lower() in ("who", "which", "that")]
        return _tail_words(" ".join(words[: who[-1]])) if who else ""
    for j in range(len(tail) - 1, -1, -1):
        if tail[j].lower() in SUBJECT_PRONOUNS and not surname_he(tail[j], _next(tail, j)):
            # "On Monday he said": the pronoun is the subject, not the words before it.
            tail = tail[j:]
            break
    while tail and tail[0].lower() in _LEADING:
        tail = tail[1:]
    # "White America embracing Obama announced": the name after a participle is its object.
    for j in range(1, len(tail) - 1):
        if tail[j].endswith("ing") and tail[j].islower() and tail[j + 1][:1].isupper():
            tail = tail[:j]
            break
    return " ".join(tail[-12:])


def _next(words: list[str], j: int) -> str:
    """Return the word after words[j], or "" at the end."""
    return words[j + 1] if j + 1 < len(words) else ""


def _new_phrase(tail: list[str]) -> int:
    """Return where an article opens a second noun phrase in `tail` (0 when none does): an
    article right after a capitalised word ("On Wednesday the Kremlin"), not after a
    preposition ("envoy to the EU") nor inside a title ("Face the Nation’s Jeff Glor")."""
    for j in range(len(tail) - 2, 0, -1):
        if tail[j] in ("the", "a", "an") and tail[j - 1][:1].isupper():
            if tail[j + 1].endswith(("’s", "'s")):
                return 0
            # Only after an opening phrase: a date, or words in lower case ("Roe v. Wade");
            # "Meet the Press host Chuck Todd" and "Trump the businessman" are one phrase.
            opening = tail[:j]
            return j if is_when(opening[-1]) or any(w[:1].islower() for w in opening) else 0
    return 0


def _inner_preposition(words: list[str], i: int) -> bool:
    """Say whether words[i] links two parts of one noun phrase (envoy to the EU)."""
    if i == 0 or i + 1 >= len(words):
        return False
    before, after = words[i - 1], words[i + 1]
    if words[i] == "on":
        # "one user on Weibo posted": a platform's user ("Biden on Monday said" is a day's).
        return before.lower() in _ON_PLATFORM and after[:1].isupper()
    if words[i].lower() not in _LINKS:
        return False
    if before.lower() in _BOUNDARY or before.lower().endswith(("ed", "ing")):
        return False
    if words[i].lower() == "of" and before.lower() in PERSON_TITLES:
        return True  # "former secretary of state said": a title's own complement
    return after[:1].isupper() or after.lower() in ("the", "a", "an")


@functools.lru_cache(maxsize=4096)  # several rules read the words before the same cue
def subject_before(text: str) -> str:
    """Return the speaker noun phrase that ends `text` (the words before a reporting verb)."""
    # "He’s claiming": the pronoun speaks, the contracted auxiliary is not part of the subject.
    return _CONTRACTED.sub(r"\1", _subject_before(text))


# "…, furrowed his brow and said", "as she thanked her home state and then boomed": the verb
# shares the subject of the one before "and".
_AND_END = re.compile(r"\band(?:\s+(?:then|later|[a-z]+ly))*\s*$")  # "finally": [a-z]+ly


def coordinated_subject(text: str) -> str:
    """Return the subject of a verb joined by "and" to the one before it (he looked … and said)."""
    m = _AND_END.search(text)
    if not m:
        return ""
    # "When asked whom she supported, Ms. Sherry smiled and said": not the opening phrase's "she".
    clause = without_intro(text[: m.start()])
    pronoun = next((w for w in reversed(clause.split()) if w.lower() in SUBJECT_PRONOUNS), "")
    if pronoun:
        return pronoun if pronoun.lower() != "it" else ""
    # "Mrs. Clinton shook her head and said", "Carson took the stage Tuesday and said": the
    # name, not the verb phrase read on after it; "the Sanders campaign" keeps its head noun.
    words = (sentence_subject(clause) or _set_off_subject(clause)).split()
    caps = [i for i, word in enumerate(words) if word[:1].isupper() and not is_when(word)]
    if not caps:
        return ""
    end = caps[-1] + 1
    # "China’s ambassador to Britain accused … and warned": an owner is not the subject, the
    # noun it owns is.
    if end < len(words) and words[end - 1].endswith(("’s", "'s")) and words[end][:1].islower():
        end += 1
    if end < len(words) and words[end].lower() in SPEAKER_NOUNS:
        end += 1
    return " ".join(words[:end])


# A reporting verb in the infinitive ("took to Twitter to call"), and where the clause of the
# verb it completes begins: the sentence, or a clause joined by a comma and "and", "but" or
# "with" ("…, with Lewandowski taking to Twitter to call Fields “…”").
_CLAUSE_OPENS = re.compile(r"(?:[.;!?]|,\s+(?:and|but|with))\s+")
# Verbs whose subject goes on to the infinitive ("took to Twitter to call", "went on CNN to
# say", "used his speech to"), unlike "drives candidate to say" or "asked Christie to".
_TAKES_TO = frozenset(
    {"took", "taken", "went", "gone", "came"}.union(
        *map(verb_forms, _split("take go use come turn step appear return seize pause rush hasten"))
    )
)
# A verb that has someone speak, that someone's name, and "to": "spurred WikiLeaks to", "urged
# Senator John Smith to", "asked Christie to".
_TOLD_TO = re.compile(
    r"\b(?:spurr|prompt|urg|ask|push|press|forc|encourag|invit|challeng|lead|led)(?:ed|d|s|es)?"
    r"\s+((?:[A-Z][\w’'.\-]*\s+){0,3}[A-Z][\w’'\-]*)\s+to$"
)
# Words after which a capitalised word is a place or a channel, not someone the verb acts on.
_LEADS_IN = frozenset(_split("to on in at with during before after from via for the a an his her"))


def infinitive_subject(before: str) -> str:
    """Return the subject of the verb an infinitive cue completes ("Lewandowski taking to
    Twitter to", "Trump took to Twitter overnight to"), or the one a verb has speak ("Trump
    asked Christie to", "spurred WikiLeaks to"); none when another verb's object may be the one
    to speak ("drives candidate to say")."""
    before = before.rstrip()
    if not before.endswith(" to"):
        return ""
    told = _TOLD_TO.search(before)
    if told:
        return told.group(1)  # "spurred WikiLeaks to tweet that …": the one urged speaks
    opens = [m.end() for m in _CLAUSE_OPENS.finditer(before, 0, len(before) - 3)]
    clause = before[opens[-1] if opens else 0 : len(before) - 3]
    words = tidy_speaker(sentence_subject(clause)) or ""
    at = clause.find(words) if words else -1
    if at < 0:
        return ""
    rest = clause[at + len(words) :].split()
    if not rest or rest[0] not in _TAKES_TO:
        return ""  # "drives candidate to say": the object's words, not the subject's
    # A name's first word after a verb ("asked Christie"), not one after "on" ("on Fox News").
    objects = (
        w
        for i, w in enumerate(rest[1:], 1)
        if w[:1].isupper() and rest[i - 1] not in _LEADS_IN and not rest[i - 1][:1].isupper()
    )
    return "" if next(objects, None) else words


def _set_off_subject(clause: str) -> str:
    """Return the phrase set off by commas before a clause's verb ("One of Grayson's former
    supporters …, former Colorado Rep. Pat Schroeder, lives in his district"): a long subject
    with an apposition that the sentence's opening words do not give."""
    head, comma, verb_phrase = clause.rpartition(", ")
    if not comma or not verb_phrase[:1].islower():
        return ""
    if ARTICLE_START.match(verb_phrase) or RELATIVE.match(verb_phrase):
        return ""  # "…, a former aide and": an apposition or a relative clause, not the verb
    return subject_before(head)


def _subject_before(text: str) -> str:
    """Return the noun phrase that ends `text`, contractions left on."""
    text = _PARTY_TAG.sub("", _TITLED.sub("", text.rstrip()))
    # Only the end can trail: the pattern tried from every offset of a long run of adverbs or
    # auxiliaries would take quadratic time on hostile text.
    text = text[:-_TRAIL_REACH] + _TRAILING.sub("", text[-_TRAIL_REACH:])
    # "author of ''America's Unwritten Constitution,'' put it": a title's closing marks after its
    # comma are no segment of their own, nor the space after them ("…,” a book about").
    segments = [s.strip().strip(_MARK_CHARS).strip() for s in _SEGMENT_RE.split(text)]
    parenthetic = len(segments) >= 2 and not segments[-1]
    while segments and not segments[-1]:
        segments.pop()
    if not segments:
        return ""
    if parenthetic and names_the_description(segments, _tail_words):
        # "Giovanni Maria Vian, the editor in chief of the Vatican's official newspaper,
        # L'Osservatore Romano, said": the last name is the description's, not the speaker.
        segments.pop()
    last = _tail_words(segments[-1])
    return (
        relative_antecedent(segments, last, _tail_words)  # "said Reed, the …, who added"
        or relative_of_apposition(segments, last, _tail_words)
        or (name_before_role(segments, _tail_words) if parenthetic else "")
        or (before_inserted(segments, last, _tail_words) if parenthetic else "")
        or ("" if parenthetic else unclosed_apposition(segments, _tail_words))
        or last
    )


_MARK_CHARS = "\"'“”‘’"


_SEGMENT_RE = re.compile(r"[,;:—–(){}\[\]]|\s--?\s")  # what sets off a phrase; "Trump --"


def subject_after(text: str) -> str:
    """Return the speaker noun phrase that starts `text` (the words after an inverted verb)."""
    text = text.lstrip(" ,:")
    end = len(text)
    for m in _FORWARD_STOP.finditer(text):
        if m.group() == "." and abbreviated(text, m.start()):
            continue
        if m.group() == " to " and _ENVOY.search(text, 0, m.start()) and _POST.match(text, m.end()):
            continue  # "said Chinese Ambassador to the U.S. Xie Feng": the title's complement
        if m.group() == " in " and (whole := _body_in_title(text, m)):
            return whole
        end = m.start()
        break
    if text.startswith(",", end) and _DESCRIPTION_START.match(text):
        # "said the U.S. ambassador to NATO, Julianne Smith.": the name set off after a
        # description is who the description is.
        named = _NAMED_AFTER.match(text, end)
        if named and speaker_kind(named.group(1), None) == "person":
            return named.group(1)
    words = text[:end].split()[:10]
    if len(words) > 1 and words[0].lower() in SUBJECT_PRONOUNS and all(map(_manner, words[1:])):
        return words[0]  # "said he mildly": how it was said, not who
    return " ".join(words).rstrip(".")


def _manner(word: str) -> bool:
    """Say whether a word after a pronoun only says how it spoke ("mildly", "quietly")."""
    bare = word.rstrip(".")
    return bare.islower() and bare.endswith("ly") and len(bare) > 4


def _body_in_title(text: str, m: re.Match[str]) -> str:
    """Return a title naming a body with "in" in its name and the person it ends with ("said
    former Organization for Security and Cooperation in Europe (OSCE) Parliamentary Assembly
    President Christine Muttonen." is "OSCE Parliamentary Assembly President Christine
    Muttonen"), or "" where "in" sets the scene ("said Lin in Beijing")."""
    before = text[: m.start()]
    if not before[:1].isupper() and not before.startswith(("former ", "the ")):
        return ""
    rest = text[m.end() : m.end() + 160]
    acronym = _ACRONYM_SET_OFF.search(rest)
    run = _CAPITALS_TO_STOP.match(rest.replace(acronym.group(), "") if acronym else rest)
    if not run or speaker_kind(before, None) == "person":
        return ""
    if speaker_kind(" ".join(run.group(1).split()[-2:]), None) != "person":
        return ""
    # The body by its acronym, then the title and the name after it; else the whole title.
    title = run.group(1)[acronym.start() :].strip() if acronym else ""
    return f"{acronym.group(1)} {title}" if acronym and title else f"{before} in {run.group(1)}"


_ACRONYM_SET_OFF = re.compile(r"\s*\(([A-Z]{2,6})\)")  # "(OSCE)" after a body's name
# Capitalised words up to the end of the clause, the last two a name.
_CAPITALS_TO_STOP = re.compile(r"((?:[A-Z][\w’'\-]*\s+){1,8}[A-Z][\w’'\-]+)\s*(?:[,.;:!?]|$)")


# A description opens with an article or an owner ("the bureau's director", "Vladimir Putin’s
# spokesman"), or in lower case ("former adviser").
_DESCRIPTION_START = re.compile(r"(?i:an?|the)\s|[^,]*?[’']s\s+[a-z]|[a-z]")
# A name of two to four capitalised words set off after the description, ending the sentence
# or set off again ("…, Lin Jian, at a briefing").
_NAMED_AFTER = re.compile(r",\s+((?:[A-Z][\w’'\-]*\.?\s+){1,3}[A-Z][\w’'\-]+)\s*(?:[.!?,]|$)")


_DOTTED = re.compile(r"(?:[A-Z]\.)+[A-Z]$")


def abbreviated(text: str, dot: int) -> bool:
    """Say whether the period at `dot` ends a title or an initial (Rep., J.)."""
    word = text[:dot].split()[-1] if text[:dot].split() else ""
    # "S.C.", "N.Y." before a title: letters with dots between are one abbreviation.
    return len(word) == 1 or word.lower().strip(".") in ABBREVIATIONS or bool(_DOTTED.match(word))
