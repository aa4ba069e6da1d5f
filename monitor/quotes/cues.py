"""Reporting verbs and phrases that attribute a quotation, and finding them near one."""

from __future__ import annotations

import functools
import re

_split = str.split  # word lists are written as text, one readable line each

# Base forms of reporting verbs; inflections are generated below.
_VERBS = _split(
    "say tell add warn urge accuse insist write tweet state claim argue ask note explain declare "
    "continue reply respond answer recall admit acknowledge announce suggest observe remark "
    "conclude concede caution counter complain contend maintain predict promise vow pledge joke "
    "quip shout yell post report emphasize emphasise stress agree boast lament charge allege "
    "testify muse thunder blast slam praise criticize criticise denounce describe brand label "
    "reiterate confirm deny retort assert affirm opine wonder tout proclaim exclaim scream "
    "whisper mutter demand threaten brag gush scoff fume blame condemn dismiss mock interject "
    "assure inform advise comment elaborate clarify recount characterize characterise acknowledge "
    "announce reveal lash hail decry cite quote read begin start finish tease plead beg chant "
    "sing preach lecture rant rail sniff snap growl grumble murmur stammer reason speculate "
    "theorize posit propose recommend implore invoke summarize declare call exhort bark "
    "surmise confess confide boom crack react thank question jeer blare indicate express mention "
    "riff gripe vent marvel"
)
_IRREGULAR = _split(
    "said says saying told tells telling wrote written writes writing spoke speaks read reads "
    "began begins sang sings emailed"
)
_DOUBLED = {"quip", "slam", "admit", "regret", "plan", "stop", "scan", "chat", "sob", "snap", "beg"}


def verb_forms(verb: str) -> set[str]:
    """Return the inflections of one regular reporting verb."""
    if verb in _DOUBLED:
        stem = verb + verb[-1]
        return {verb, verb + "s", stem + "ed", stem + "ing"}
    if verb.endswith("e"):
        return {verb, verb + "s", verb + "d", verb[:-1] + "ing"}
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return {verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    if verb.endswith(("sh", "ch", "ss", "x")):
        return {verb, verb + "es", verb + "ed", verb + "ing"}
    return {verb, verb + "s", verb + "ed", verb + "ing"}


def _all_cues() -> list[str]:
    """Return every cue word or phrase, longest first so alternation prefers it."""
    words: set[str] = set()
    for verb in _VERBS:
        words |= verb_forms(verb)
    words |= set(_IRREGULAR)
    phrases = {
        "went on",
        "goes on",
        "put it",
        "puts it",
        "pointed out",
        "points out",
        "according to",
        "in a statement",
        "in an interview",
        "in a tweet",
        "in a post",
        "in an email",
        "in a letter",
        "in a speech",
        "in remarks",
        "went on to say",
        "spoke of",
        # "A friend referred to him as “…”": what a speaker calls someone.
        "referred to",
        "refers to",
        "shot back",
        "shoots back",
        "fired back",
        "fires back",
        "chimed in",
        "chimes in",
        "weighed in",
        "weighs in",
        "issued a statement",
        "issues a statement",
    }
    return sorted(words | phrases, key=len, reverse=True)


_Trie = dict[str, "_Trie"]  # character -> the rest; "" marks the end of a cue


def _trie_pattern(words: list[str]) -> str:
    """Return a regex matching the longest of `words` that ends at a word boundary.

    Equivalent to the alternation of the words longest first, but shared prefixes are tried
    once: the flat alternation of several hundred cues was most of the quote finder's time.
    """
    tree: _Trie = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a cue ends here

    def node_pattern(node: _Trie) -> str:
        # Longer cues first (a child), then this one ending here: longest match wins.
        # A space in a phrase is any space: "issued a\xa0statement" is written with a hard one.
        branches = [
            (r"\s" if c == " " else re.escape(c)) + node_pattern(child)
            for c, child in node.items()
            if c
        ]
        if "" in node:
            branches.append(r"\b")
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    # The look-ahead for the cues' first letters rejects a word boundary before a space or a
    # mark with one test, where the branches would each be tried (case-insensitive branches
    # get no quick first-character test from the regex engine).
    firsts = "".join(re.escape(char) for char in sorted(tree))
    return rf"\b(?=[{firsts}])" + node_pattern(tree)


CUE_RE = re.compile(_trie_pattern(_all_cues()), re.I)
# Cues whose speaker follows them: "according to Lin", "as Lin put it" is handled as a subject.
FORWARD_CUES = frozenset({"according to"})
# "Clinton expressed confidence that … “…”": a verb whose object the quotation gives, never
# written after it like "said" ("“…,” after Brian Fallon expressed his support" is another's).
BEFORE_ONLY_CUES = frozenset(verb_forms("express"))
# Cues whose subject in the passive is who was addressed, named or blamed, never the speaker
# ("was accused of", "were told", "is called"); "is quoted as saying" keeps its speaker.
DONE_TO_CUES = frozenset(
    str.split(
        "accused alleged told asked warned urged called dubbed described criticized criticised"
    )
)
# Cues followed by whom the speaker addressed, never by the speaker: "thanked Obama for “…”".
ADDRESSEE_CUES = frozenset(verb_forms("thank"))
# Cues that only attribute when nothing better is in the sentence.
WEAK_CUES = frozenset(
    {
        "read",
        "reads",
        "begin",
        "begins",
        "began",
        "start",
        "starts",
        "started",
        "finish",
        "finished",
        "continue",
        "continues",
        "continued",
        "cite",
        "cites",
        "cited",
        "call",
        "calls",
        "called",
        "quote",
        "quoted",
        "describe",
        "described",
        "describes",
        "ask",
        "asked",
    }
)


_BARE = frozenset(_VERBS)
# Bare forms that are cues after any subject; "read" is also its own past ("the editorial read").
_PLAIN_VERBS = frozenset(_split("say tell add write ask warn argue insist explain read"))
_DETERMINERS = frozenset(
    _split("a an the his her its their our my your this that these those any no every such")
)


# Words that count more than one: a cue in -s after them is a plural noun ("two questions").
_PLURAL_COUNTS = frozenset(
    _split("two three four five six seven eight nine ten several many few both")
)
_ARTICLES = frozenset(_split("a an the"))
# "Russia continues to “seek to redraw …”", "it continues to “fuel the flames”": before "to"
# and the quoted verb these say that something goes on, not that anyone speaks ("started to
# portray it as a “workplace” issue" still reports what was said).
_ASPECT = frozenset(verb_forms("continue") | verb_forms("start") | {"begin", "begins", "began"})
_TO = re.compile(r"\s+to\s+[“\"‘']")


NAMING_CUES = frozenset(["referred to", "refers to"])
# "a group called Citizens for Trump", "A newly formed super PAC called Future 45 ran …": after a
# noun phrase an article opens (no comma), "called" and capitalised words give the name
# something goes by, not what someone said; unless a quotation follows them ("In a tweet Trump
# called Clinton “a liar”": Trump speaks).
_NAMING_A = re.compile(r"\b[Aa]n? (?:[\w-]+ ){0,3}[\w-]+ $")
_NAMED = re.compile(r"\s[A-Z](?![\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,3}\s+[“\"‘])")
_QUOTED_NAME = re.compile(r"\s*[\"“‘']")
_AS_QUOTE = re.compile(r"[^\"“”‘’\n]{0,80}?\sas\s+(?:[\w’'\-]+\s+){0,2}[\"“‘']")


_DEGREE = frozenset(_split("fully well better ill poorly properly adequately"))
_MODALS = frozenset(_split("could would will can may might should must did does do to they we i"))


def _bare_verb(before: list[str]) -> bool:
    """Say whether a bare form follows a modal or a plural subject ("could only quip")."""
    last = [w.lower().strip(",") for w in before[-2:]]
    if any(w in _MODALS for w in last):
        return True
    return bool(last) and last[-1].endswith("s") and not last[-1].endswith(("ss", "'s", "’s"))


# Cached: the rules that read one quotation's context ask for the same span more than once
# (the cue after it is read for a near speaker, then for a far one). A tuple: callers share it.
@functools.lru_cache(maxsize=256)
def cue_matches(text: str, start: int, end: int) -> tuple[re.Match[str], ...]:
    """Return the cue matches in text[start:end], in order."""
    return tuple(m for m in CUE_RE.finditer(text, start, end) if _lowercase_cue(m))


# Words before "states" that make it the noun ("Western states", "the Baltic states").
_STATES_OF = frozenset(
    str.split(
        "western eastern northern southern central baltic gulf nordic balkan arab african asian "
        "european pacific member nation island swing battleground neighboring neighbouring red "
        "blue other several many some all both these those nuclear small large federal border "
        "frontline front-line"
    )
)


def _lowercase_cue(m: re.Match[str]) -> bool:
    """Say whether a cue is written as a verb (a capitalised "Said" may still open a sentence)."""
    word = m.group()
    if not (word.islower() or word in ("Said", "Says", "According to", "Asked", "Wrote")):
        return False
    # "the so-called Brexit vote", "the self-described socialist": a verb a hyphen joins to the
    # word before it makes an adjective, never a report.
    if m.string[m.start() - 1 : m.start()] == "-":
        return False
    before = m.string[max(0, m.start() - 24) : m.start()].split()
    if word in _BARE and word not in _PLAIN_VERBS and not _bare_verb(before):
        return False
    if word == "called" and (a := _NAMING_A.search(m.string, max(0, m.start() - 40), m.start())):
        if a.group()[1:].islower() and _QUOTED_NAME.match(m.string, m.end()):
            return False  # "It's a phenomenon called "vagrancy."": what it is called
        return _NAMED.match(m.string, m.end()) is None  # "a group called Citizens for Trump"
    if word in _ASPECT and _TO.match(m.string, m.end()):
        return False
    if word == "states" and before and before[-1].lower() in _STATES_OF:
        return False  # "the needs of Western states than …", "member states": the noun
    if word in NAMING_CUES:
        # "referred to him as “…”": what the subject calls someone, not "whom X referred to".
        return _AS_QUOTE.match(m.string, m.end()) is not None
    # "a declarative answer", "his claims", "Ginsburg’s comments", "Vargas’ question": a noun, not
    # a reporting verb ("Trump’s said" is "has said").
    if not before:
        return True
    last = before[-1].lower()
    if word.endswith(("ed", "id")):
        # "said the reported suicide bomber had “…”": after an article a participle describes a
        # noun ("that reported" stays a verb; "his stated excuse" still names who stated it);
        # "keep Trump and his staff fully informed about the agreement “…”": after an adverb of
        # degree it is an adjective.
        return last not in _ARTICLES and last not in _DEGREE
    if word.endswith("s") and last in _PLURAL_COUNTS:
        return False  # "That's really two questions, I guess": a noun ("many say" is a verb)
    return last not in _DETERMINERS and not last.endswith(("’s", "'s", "s’", "s'"))
