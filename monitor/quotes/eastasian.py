"""Names written family name first, as Chinese and Korean names are ("Xi Jinping", "Kim Jong
Un"), and the Chinese surname "He" that a pronoun's spelling hides ("He Lifeng said")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from monitor.quotes.lexicon import CHINESE_SURNAMES, KOREAN_SURNAMES


def family_first(words: Sequence[str]) -> bool:
    """Say whether a name (titles off) is written family name first: a Chinese surname and one
    given name ("Xi Jinping", "Wang Yi", "Chen Shui-bian"), or a Korean name ("Kim Jong Un")."""
    if len(words) == 2 and words[0].lower() in CHINESE_SURNAMES and words[1][1:].islower():
        return True
    return korean(words)


def korean(words: Sequence[str]) -> bool:
    """Say whether a name (titles off) is Korean, family name first: a Korean surname, then a
    given name of two short syllables ("Kim Jong Un", "Yoon Suk Yeol") or one hyphenated
    ("Moon Jae-in"); "Kim Kardashian West" is not."""
    if not words or words[0].lower() not in KOREAN_SURNAMES:
        return False
    given = words[1:]
    if len(given) == 2:
        return all(len(w) <= _SYLLABLE and w[:1].isupper() for w in given)
    parts = given[0].split("-") if len(given) == 1 else []
    return len(parts) == 2 and all(0 < len(p) <= _SYLLABLE + 1 for p in parts)


_SYLLABLE = 4  # letters of a romanised Korean syllable ("Yeol", "Jong")


# A pinyin syllable: an initial, then a final ("li" "feng", "jian" "xiong").
_PINYIN = re.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|"
    r"ui|ue|er|a|o|e|i|u))+"
)


def surname_he(word: str, after: str) -> bool:
    """Say whether "He" before a word is the Chinese surname ("He Lifeng", "He Jianxiong"), not
    the pronoun: the pronoun is followed by a verb in lower case, the surname by a given name
    in capitals that reads as pinyin."""
    return (
        word == "He"
        and after[:1].isupper()
        and after[1:].islower()
        and _PINYIN.fullmatch(after.lower()) is not None
    )
