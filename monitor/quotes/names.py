"""Word lists and per-name checks: given names and their gender, places, peoples, titles.

Everything here looks at a name alone (who "Ivanka Trump" is, whether "Latinos" can be "he");
mentions.py looks at where names stand in a text.
"""

from __future__ import annotations

import functools

_split = str.split  # word lists are written as text, one readable line each

MALE = frozenset(
    _split(
        "aaron adam adrian ahmed al alan albert alex alexander alexei ali andrew andy angel "
        "anthony antonin antony arnold arthur barack barry ben benjamin bernie bill billy bob "
        "bobby boris brad bradley brandon brendan brett brian bruce bryan carl carlos chad "
        "charles charlie chris christian christopher chuck clarence cliff clint cory craig dale "
        "dan daniel danny darrell dave david dennis derek devin dick don donald doug douglas "
        "duncan dwight ed eddie edward emmanuel eric ernest evan frank franklin fred gary gavin "
        "gene george gerald glenn gordon grant greg gregory harold harry hector henry howard hugh "
        "ian isaac jack jacob jake james jared jason jay jeb jeff jeffrey jeremy jerry jesse jim "
        "jimmy joe joel john johnny jon jonathan jorge jose joseph josh joshua juan justin keith "
        "ken kenneth kevin kurt kyle lamar lance larry lee leon lindsey lloyd louis luis lin "
        "marco marcus mario mark martin matt matthew max michael mike mitch mitt mohammed "
        "muhammad nathan neil newt nick nicholas noah oliver omar orrin oscar patrick paul pete "
        "peter phil philip rahm ralph rand randy raymond reince reggie ricardo richard rick rob "
        "robert rod rodney roger ron ronald roy rudy rush russ russell ryan sam samuel scott sean "
        "sergei seth shawn sheldon stephen steve steven stuart ted terry thomas tim timothy todd "
        "tom tommy tony travis trey troy tyler victor vince vincent vladimir walter wayne will "
        "william xi yuri zach eric barron rex dmitry recep shinzo narendra bashar volodymyr jens "
        "antony marc corey beau marty jeffery lou dinesh marvin wes jamal raynard cornell scot "
        "dexter trevor malcolm alfonso javier lionel rafael bernard massimo tad hank ethan eli "
        "norm lyndon jerome cory darren dylan gil manuel miguel pedro francisco fernando "
        "sergio ahmad mahmoud khalid abdul ibrahim yusuf benny ken kenny ray ricky stan "
        "wesley wilbur barney bret felix gus jesus jimmie leroy nathaniel ned rudolph sonny "
        "tobias"
    )
)
FEMALE = frozenset(
    _split(
        "abigail alexandra alice alicia alison amanda amy ana andrea angela angelina ann anna "
        "anne annie april ashley barbara becky betsy betty beverly brenda carly carol caroline "
        "carolyn catherine cathy charlotte cheryl christina christine cindy claire claudia connie "
        "cynthia dana debbie deborah debra denise diana diane donna dolores doris dorothy elaine "
        "eleanor elizabeth ellen emily emma erin eva evelyn fiona frances gabrielle gina gloria "
        "grace hannah heather heidi helen hillary holly huma irene jackie jacqueline jane janet "
        "janice jean jeanne jennifer jessica jill joan joanne jodi joy joyce judith judy julia "
        "julie karen kate katherine kathleen kathy katie kay kelly kellyanne kimberly kirsten "
        "laura lauren linda lisa loretta lori louise lucy lynn madeleine maggie marcia margaret "
        "maria marie marilyn marsha martha mary maxine megan megyn melania melanie melissa meryl "
        "michele michelle monica nancy natalie nicole nikki nina olivia pam pamela patricia patty "
        "paula peggy penny rachel rebecca regina rita roberta rosa rose ruth sally samantha "
        "sandra sara sarah sharon sheila shirley sonia sophia stephanie sue susan suzanne tammy "
        "tanya teresa theresa tiffany tina tracy ursula valerie vanessa victoria virginia wanda "
        "wendy yvonne ivanka chelsea condoleezza tulsi kamala dianne kirstjen elise juanita nicola "
        "federica kristalina jacinda liz melanne renee kelli rebekah libby mariam monique "
        "esther jeanette maryanne courtney jillian carole beth jen jenny kristen kristin krista "
        "erica tara gail joni lynne marianne patti sheryl kimberley katrina bonnie colleen "
        "darlene eileen gwen ingrid jeanine joanna josephine kristina lydia marjorie mildred "
        "miriam myra nadia naomi nora norma priscilla roxanne sylvia terri trish veronica "
        "vivian yolanda zoe ivana arianna"
    )
)
_MEN_IN_A = frozenset(
    _split(
        "joshua luca nikita ilya sasha misha dima kolya vova kostya mustafa hamza osama zakaria "
        "yahya attila garcia costa silva sousa"
    )
)
TITLES_MALE = frozenset(["mr.", "mr", "sir", "lord", "king", "prince", "father", "brother"])
TITLES_FEMALE = frozenset(["ms.", "ms", "mrs.", "mrs", "miss", "madam", "lady", "queen", "sister"])
PERSON_TITLES = frozenset(
    _split(
        "mr. mrs. ms. dr. sen. rep. gov. gen. prof. rev. lt. col. capt. sgt. president senator "
        "representative governor secretary minister spokesman spokeswoman spokesperson chancellor "
        "judge justice mayor ambassador chairman chairwoman director adviser advisor professor "
        "congressman congresswoman sheriff chief commissioner pope prince king queen"
    )
)

# Nouns for what a person is or does, written before a name ("Obama consultant Cornell Belcher")
# or after it in an apposition ("Raynard Jackson, a Republican campaign consultant").
ROLE_NOUNS = frozenset(
    _split(
        "analyst consultant strategist pollster adviser advisor aide official officer developer "
        "manager director executive founder owner partner lawyer attorney prosecutor counsel "
        "lobbyist activist organizer organiser volunteer delegate superdelegate candidate nominee "
        "lawmaker legislator congressman congresswoman senator governor mayor sheriff judge "
        "chairman chairwoman chair president secretary minister ambassador spokesman spokeswoman "
        "spokesperson commissioner leader head chief economist expert professor researcher "
        "scientist historian scholar author writer reporter correspondent columnist editor "
        "commentator journalist host anchor producer student teacher worker retiree veteran "
        "farmer businessman businesswoman entrepreneur investor donor fundraiser operative "
        "supporter voter resident member friend cousin brother sister father mother son daughter "
        "wife husband pastor priest bishop rabbi doctor physician nurse coach"
    )
)

# Family names written first in Chinese names ("Xi Jinping": "Xi" is the surname).
CHINESE_SURNAMES = frozenset(
    _split(
        "xi li wang zhang liu chen yang zhao huang zhou wu xu sun hu zhu gao lin he guo ma luo "
        "liang song zheng xie han tang feng yu dong xiao cheng cao yuan deng fu shen zeng peng "
        "lu su jiang cai jia ding wei xue ye yan pan du dai xia zhong tian ren fan fang shi yao "
        "tan liao zou xiong jin hao kong bai cui kang mao qiu qin gu hou shao meng long wan duan"
    )
)

# States and countries that follow a city or stand alone: never a person.
PLACES = frozenset(
    _split(
        "alabama alaska arizona arkansas california colorado connecticut delaware florida georgia "
        "hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland "
        "massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio "
        "oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin "
        "wyoming england france germany israel china russia japan india mexico canada iraq iran "
        "syria britain ukraine belarus poland hungary romania bulgaria serbia kosovo bosnia "
        "croatia slovakia slovenia czechia austria switzerland italy spain portugal greece "
        "turkey sweden finland norway denmark estonia latvia lithuania moldova netherlands "
        "belgium luxembourg ireland scotland wales iceland europe asia africa crimea donbas "
        "taiwan korea vietnam cambodia thailand malaysia indonesia singapore philippines "
        "australia pakistan afghanistan bangladesh nepal mongolia kazakhstan uzbekistan "
        "azerbaijan armenia egypt libya tunisia algeria morocco nigeria ethiopia kenya sudan "
        "somalia yemen lebanon gaza qatar kuwait bahrain oman brazil argentina chile colombia "
        "venezuela peru cuba nicaragua haiti moscow beijing kyiv kiev minsk warsaw brussels "
        "paris berlin london rome madrid vienna ankara istanbul tehran baghdad damascus kabul "
        "islamabad tokyo seoul pyongyang taipei hong shanghai delhi mumbai riyadh jerusalem "
        "geneva strasbourg"
    )
) | {
    "north korea",
    "south korea",
    "saudi arabia",
    "hong kong",
    "new delhi",
    "united states",
    "united kingdom",
    "european union",
    "tel aviv",
    "st. petersburg",
    "the hague",
    "west bank",
    "middle east",
    "new york",
    "new jersey",
    "new hampshire",
    "new mexico",
    "north carolina",
    "south carolina",
    "north dakota",
    "south dakota",
    "west virginia",
    "rhode island",
}


# Nationalities, written before a name as part of a role ("Ukrainian President …").
NATIONALITIES = frozenset(
    _split(
        "american russian chinese ukrainian european british french german italian spanish "
        "polish japanese korean taiwanese indian israeli iranian iraqi syrian turkish canadian "
        "mexican cuban african asian arab australian dutch belgian swedish finnish norwegian "
        "danish hungarian czech estonian latvian lithuanian romanian bulgarian greek"
    )
)
# Words for peoples, faiths and parties, and short country names, written capitalised but
# never a person's name on their own ("a Muslim American", "US-UK talks").
DEMONYMS = NATIONALITIES | frozenset(
    _split(
        "latino latina hispanic christian muslim jewish catholic protestant evangelical mormon "
        "sunni shia democratic republican conservative liberal socialist communist us uk eu un "
        "nato"
    )
)


@functools.lru_cache(maxsize=8192)  # asked of every mention, and names repeat
def gender_of(name: str) -> str | None:
    """Return "m" or "f" from a name's title or given name, None when neither tells."""
    # "Virginia Gov. Terry McAuliffe": a state before a title is no woman's given name.
    words = [w for w in name.lower().replace(",", " ").split() if w not in PLACES]
    given = [w for w in words if w not in PERSON_TITLES]
    # "Mattie Thomas", "Kelly James": a surname that is also a given name tells nothing.
    told = words[:-1] if len(given) >= 2 else words
    for word in told:
        if word in TITLES_MALE or word in MALE:
            return "m"
        if word in TITLES_FEMALE or word in FEMALE:
            return "f"
    # A given name unknown to the lists but ending in -a, -elle or -ette is mostly a woman's
    # (Arianna, Alyona, Noelle), except a few men's names in the news (Nikita, Ilya, Mustafa).
    if len(given) >= 2 and given[0].endswith(("a", "elle", "ette")) and len(given[0]) > 3:
        return None if given[0] in _MEN_IN_A else "f"
    return None


@functools.lru_cache(maxsize=8192)
def given_name_gender(name: str) -> str | None:
    """Return the gender of a name's first given name when the lists know it, else None.

    Stricter than gender_of: "Giovanni Maria Vian" is not a woman for her middle name, nor
    "Satya Nadella" for the ending of his.
    """
    words = [w for w in name.lower().replace(",", " ").split() if w not in PLACES]
    given = [w for w in words if w not in PERSON_TITLES and w not in TITLES_MALE | TITLES_FEMALE]
    if len(given) < 2:
        return None
    return "m" if given[0] in MALE else "f" if given[0] in FEMALE else None


@functools.lru_cache(maxsize=8192)
def looks_personal(name: str) -> bool:
    """Say whether a name carries a given name or a personal title."""
    return any(w in MALE or w in FEMALE or w in PERSON_TITLES for w in name.lower().split())


def name_like(word: str, text: str) -> bool:
    """Say whether a capitalised word that opens a sentence is shown to be a name in `text`.

    A sentence's first word is capitalised whatever it is ("Moreover", "Audiences", "Coal"). It is
    shown to be a name when it is a known given name, an acronym or has an inner capital, or is
    written capitalised after a lower-case word somewhere ("said Kasich").
    """
    word = word.strip(",.;:’'")
    low = word.lower()
    return (
        not word
        or low in MALE
        or low in FEMALE
        or any(ch.isupper() for ch in word[1:])
        or _mid_sentence(word, text)
    )


_ADVERB_ENDINGS = tuple(_split("ously ively ally ably edly ingly fully ately ently antly"))


def adverb_or_participle(word: str) -> bool:
    """Say whether a capitalised word is an adverb or a participle ("Variously", "Speaking",
    "Asked"), not a given name that ends like one ("Ted", "Sally", "Kimberly")."""
    low = word.lower()
    if low in MALE or low in FEMALE:
        return False
    participle = len(low) > 4 and low.endswith(("ing", "ed"))
    return participle or (len(low) > 6 and low.endswith(_ADVERB_ENDINGS))


def not_a_name(word: str, text: str) -> bool:
    """Say whether a sentence's capitalised first word is surely no name ("Coal miners…").

    Weaker than the opposite of name_like: a surname may open its only sentence ("Cruz openly
    admitted"). It is surely no name when the text also writes it in lower case, or it reads as
    an adverb, a participle or a connective ("Finally", "Speaking", "Moreover").
    """
    if name_like(word, text):
        return False
    low = word.strip(",.;:’'").lower()
    if low in _CONNECTIVES or low.endswith(_NOT_NAME_ENDINGS):
        return True
    return _as_word(low, text)


def _as_word(word: str, text: str) -> bool:
    """Say whether `word` occurs in `text` as a whole word (str.find: no pattern to compile)."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not text[at - 1].isalnum()) and not text[end : end + 1].isalnum():
            return True
        at = text.find(word, at + 1)
    return False


def _mid_sentence(word: str, text: str) -> bool:
    """Say whether `word` is written capitalised after a lower-case word or a comma."""
    at = text.find(" " + word)
    while at > 0:
        after = text[at + 1 + len(word) : at + 2 + len(word)]
        if (text[at - 1].islower() or text[at - 1] == ",") and not after.isalnum():
            return True
        at = text.find(" " + word, at + 1)
    return False


# Adverbs, participles and adjectives ("Finally", "Speaking", "Charismatic", "Generous").
_NOT_NAME_ENDINGS = tuple(_split("ly ing ed ous ive ful able ible less ical atic etic istic"))
_CONNECTIVES = frozenset(
    _split(
        "moreover furthermore meanwhile however still also thus hence indeed instead nevertheless "
        "nonetheless otherwise besides again then now so yet but and or amid despite unless "
        "although though while whereas because since after before until once"
    )
)


# Per-name checks, without the text: who a name is, and what it cannot be.

NOT_PERSON = frozenset(
    _split(
        "House Senate Congress Party Committee Department Ministry News Times Post Journal Street "
        "University College Institute Center Centre Council Union Association Foundation Company "
        "Corp Inc Group Office Agency Administration Court Campaign Network Press Television "
        "Radio States Kingdom Republic America Washington York Island County City State Airport "
        "Park Church Bank Fund Board Service Services Commission Organization Forces Army Navy "
        "Police Reuters Twitter Facebook Fox CNN NBC ABC CBS MSNBC NPR BBC AP Day Week Monday "
        "Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
        "July August September October November December Convention Debate Act Club Institution "
        "Show Program Programme Podcast Magazine Hour Review American Americans"
    )
) | frozenset(
    # What a company's name ends in ("Marc Fisher Footwear", "Trump Plaza Hotel and Casino").
    _split(
        "Footwear Apparel Brands Industries Holdings Enterprises Corporation Corp. Inc. Ltd LLC "
        "Airlines Motors Pharmaceuticals Technologies Systems Studios Pictures Records "
        "Entertainment Hotel Hotels Casino Resort Resorts Restaurant Foods Stores Partners"
    )
)


# Words of NOT_PERSON that are also surnames, after a known given name ("Theresa May").
SURNAMES_TOO = frozenset(_split("May Washington York Day Park Church Post Street Young"))
SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv"])


_BARE_TITLES = frozenset(t.rstrip(".") for t in PERSON_TITLES) | {"mrs", "ms", "mr", "dr"}


# Plural endings of peoples, parties and crowds; a surname with one of them ("Evans") is a person
# by its full form or title, and only a name that is no person is asked.
_GROUP_ENDINGS = tuple(_split("ans ims ists ites ats nos ors ents ics ines ions"))


@functools.lru_cache(maxsize=8192)
def person_key(name: str) -> str:
    """Return the given name and surname a person's forms share ("Ivanka Trump" is not Donald).

    A name without a given name ("Mr. Trump", "Mrs Merkel") keeps its surname alone.
    """
    words = _given_names(name)
    return f"{words[0]} {surname(name)}" if words else surname(name)


@functools.lru_cache(maxsize=8192)
def _given_names(name: str) -> tuple[str, ...]:
    """Return the words of a name before its surname, without titles ("Anna Paulina" Luna)."""
    words = [
        w for w in name.split() if w.lower().rstrip(".") not in _BARE_TITLES and w[:1].isupper()
    ]
    while len(words) > 2 and words[-1].lower().strip(".,") in SUFFIXES:
        words.pop()
    return tuple(words[:-1])


@functools.lru_cache(maxsize=4096)  # names repeat within and across articles
def dated(name: str) -> bool:
    """Say whether a name is a weekday, a month or a lone place, which nothing can describe."""
    return all(t in NOT_PERSON for t in name.split()) or name.lower() in PLACES


def word_of_kind(name: str) -> bool:
    """Say whether a one-word name is a people's, a faith's or a country's word ("Muslim",
    "US-UK"), which an adjective or a place, not a person, is written with."""
    parts = name.lower().split("-")
    return name.lower() in DEMONYMS or all(p in PLACES or p in DEMONYMS for p in parts)


def shared_surnames(found: list[tuple[int, str]]) -> set[str]:
    """Return the surnames two people share in one text (Donald and Ivanka Trump), not the
    forms of one person ("Paulina Luna" is Anna Paulina Luna)."""
    given: dict[str, set[frozenset[str]]] = {}
    for _, name in found:
        words = _given_names(name)
        if words:
            given.setdefault(surname(name), set()).add(frozenset(words))
    return {family for family, sets in given.items() if _two_people(sets)}


def _two_people(sets: set[frozenset[str]]) -> bool:
    """Say whether two sets of given names cannot be one person's (neither holds the other)."""
    return any(not (a <= b or b <= a) for a in sets for b in sets)


def lone_given_name(name: str) -> bool:
    """Say whether a one-word name is a known given name and no place ("Brad", not "Georgia")."""
    low = name.lower()
    return " " not in name and (low in MALE or low in FEMALE) and low not in PLACES


def organisation(name: str) -> bool:
    """Say whether a name ends in an organisation's word ("Wall Street Journal"): never "he"."""
    last = surname(name)
    return " " in name and (last in NOT_PERSON or last.rstrip("s") in NOT_PERSON)


def group(name: str) -> bool:
    """Say whether a one-word name is a plural group ("Latinos", "Democrats"), never "he"."""
    return " " not in name and name.endswith(_GROUP_ENDINGS)


@functools.lru_cache(maxsize=8192)  # called for every mention, many times over
def surname(name: str) -> str:
    """Return the last word of a name, the key shared by its full and short forms."""
    return without_country(name.split())[-1].strip(".,’'")


def without_country(words: list[str]) -> list[str]:
    """Drop the country written after a name: "President Vladimir V. Putin of Russia" is Putin.

    The country says whose president he is; in "Secretary of State Antony Blinken" the "of"
    belongs to the title, with one word before it.
    """
    if len(words) > 3 and words[-2] == "of" and words[-1].lower().strip(".,") in PLACES:
        return words[:-2]
    return words
