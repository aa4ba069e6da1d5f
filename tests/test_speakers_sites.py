"""Speakers on other sites: failures read from half X1 of bench/site_speakers.jsonl, the true
article bodies of ../shared/data/extraction/scrapinghub (ground_truth.json).

Each case quotes the sentence as the article has it and names the page by its id there; the
texts are read from the shared data, never copied here beyond the quoted sentence.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from monitor.quotes import extract_quotes
from monitor.quotes.names import person_like
from monitor.quotes.persons import speaker_kind
from monitor.quotes.tidy import tidy_speaker
from tests.support.quotes import quote_near

pytestmark = pytest.mark.shared_data

DATA_FILE = "extraction/scrapinghub/ground_truth.json"

# (page id, the sentence as written, start of the quotation, the speaker the program gave at
#  9f23d01, the speaker wanted)
CASES = [
    # "“…," Jessica Caldwell, Edmunds' executive director of industry analysis, said in a
    # statement.": an owner's possessive written s' sets off a role as 's does.
    ("9ebb3af65694a953005df5bd3869b2cefc263e1dea0471e3ef361c66a264cdd3",
     "Jessica Caldwell, Edmunds' executive director", "The end of the calendar year",
     "Edmunds' executive director of industry analysis", "Jessica Caldwell"),
    # A press release's job in capitals, and a company's suffix set off by its own comma:
    # "Steve Menet, Senior Vice President of Sales for Dräger, Inc., says: “…”", "Rob Goldman,
    # President Ascom North America, says: “…”".
    ("c69e539d689a8335a69042727f1b58edab09d5d99fb607ec625a63151a537dc2",
     "Steve Menet, Senior Vice President of Sales", "Effective clinical alarm management",
     "Senior Vice President of Sales for Dräger", "Steve Menet"),
    ("c69e539d689a8335a69042727f1b58edab09d5d99fb607ec625a63151a537dc2",
     "Rob Goldman, President Ascom North America, says", "By collaborating with Dräger",
     "President Ascom North America", "Rob Goldman"),
    # "“…,” Kurinji Selvaraj, a research analyst at the Delhi-based Council on Energy,
    # Environment and Water think tank told CBS News.": the comma is the name's list.
    ("16c30add7e96315e9cc957d85aa876ccb6b70055f0ddab51547a586117cc1f56",
     "Kurinji Selvaraj, a research analyst", "This is mainly due to the change",
     "Water think tank", "Kurinji Selvaraj"),
    # An opening phrase before a subject with a relative clause: "In a reflection of the
    # confusion, the Electoral Commission, which regulates campaign finances, issued a statement
    # warning that “…”"; "On Monday, the People’s Daily, the mouthpiece of the Communist party,
    # warned that there is “…”" (no speaker before).
    ("e7994d5500875202d93e736e8f0c8a0436107d10add94ce3789001b8c5c32358",
     "the Electoral Commission, which regulates campaign finances", "voters are entitled",
     "regulates campaign finances", "the Electoral Commission"),
    ("5fa3154ec031ab35411a457d78eb5aa92c0e803c5329bd05c001e6d64009e206",
     "On Monday, the People’s Daily, the mouthpiece", "absolutely no room for compromise",
     None, "the People’s Daily"),
    # "“We all miss Steve so much,” Benioff weighed in, telling Cook, “…”": "weigh in" reports
    # speech as "chime in" does (the paragraph before was about Jobs).
    ("291a8bf33ee49074f33dcff37544ac40506cae450db83b6cb63f02b9920b51c2",
     "Benioff weighed in, telling Cook", "We all miss Steve so much", "CEO Steve Jobs",
     "CEO Marc Benioff"),
    # "According to AFP, one user on Weibo, which is essentially China’s version of Twitter,
    # posted: “…”": the opening "according to" names the source, the subject the speaker; a
    # platform's user is one noun phrase ("Biden on Monday said" is not).
    ("ba4dfe2d3e817ff7b8b01172ccc307850fc5469bcdd26c3c48ca046cb88ab7cf",
     "According to AFP, one user on Weibo", "I just want to know", "AFP", "one user on Weibo"),
    # "“…,” said planetary geologist Rosaly Lopes of NASA's Jet Propulsion Laboratory in
    # California.": the name before what it is of, not the body after it.
    ("359fee228518d55b921194561e9ca88e428df81940246f8fac7a75398377daea",
     "said planetary geologist Rosaly Lopes of NASA", "Organics are very important",
     "NASA's Jet Propulsion Laboratory", "Rosaly Lopes"),
    # "“It was an attempt to mislead voters,’’ Will Moy, chief executive of …, told the BBC.
    # “And I think …”": two curly apostrophes close the quotation, so the next one opens after
    # the attribution and is his too (no speaker before).
    ("e7994d5500875202d93e736e8f0c8a0436107d10add94ce3789001b8c5c32358",
     "told the BBC. “And I think it is inappropriate", "And I think it is inappropriate",
     None, "Moy"),
    # "China’s ambassador to Britain accused the UK and the US of meddling … and warned that the
    # Chinese government “will not sit on our hands”": the subject shared across "and" is the
    # noun the owner owns, not the owner; and the page writes the same description with his
    # name two paragraphs on ("China’s ambassador to Britain Liu Xiaming has said"), as readers
    # name him.
    ("624fcd903d56fc7055fa7097b330629450c095ad6937318deb027be7803bbf35",
     "China’s ambassador to Britain accused", "will not sit on our hands", "China",
     "Liu Xiaming"),
    # "Martha added that shortly before their father’s death, he and Mike had corresponded, and
    # the letter Mike wrote was “kind and loving.”": the writing verb sits in a relative clause
    # about the letter; the sentence's "added" reports the words ("the letter Mike" before).
    ("851498a2b9f4f0b578ac9700c245253dbc147a06c0fb3499adebf1c2d5663c29",
     "Martha added that shortly before", "kind and loving", "the letter Mike", "Martha"),
    # "Following a performance of their sing-along jam “Black Water,” Simmons teed up
    # McDonald’s cameo. “…,” he said.": the name after a long opening phrase (its comma inside
    # the closing mark) is the sentence's subject, and "he" (McDonald before).
    ("ac1bfdd4c510f679c58f1b62101630d40fda20a16703235ae0f56b65a465e423",
     "Simmons teed up McDonald’s cameo.", "You might remember him", "Michael McDonald",
     "Patrick Simmons"),
    # "The company that runs the AMAs, Dick Clark Productions, denies … ⏎⏎“…,” they said.": a
    # company's last word is no person's, so the company can be "they" (lexicon.COMPANY_WORDS,
    # one list for mentions and speakers; before, "Dick Clark" made it a man).
    ("70cb2d5bca75ab5a8f6bb378a38a52f882f6bda508de93b12502e74936d86ff2",
     "The company that runs the AMAs, Dick Clark Productions, denies", "Any final agreement",
     "AMAs", "Dick Clark Productions"),
    # "Two United States service members have been killed …, the US military said in a
    # statement on Wednesday.⏎⏎"…," the statement said.": the body that said it in a statement
    # speaks, though the sentence before held no quotation of its own.
    ("7916ecca969ffdd8f6fc32d171fbe0dd63db40fe4c1d2ade02b1dec5929a162f",
     "the US military said in a statement on Wednesday", "The cause of the crash",
     "the statement", "the US military"),
    # "Here are some of the highlights:⏎⏎"My fears have been realized"⏎⏎Morrison told the
    # Intelligence Committee, "… My fears have been realized."": a list's heading after a
    # colon takes the speaker of the quotation that holds its words.
    ("7a664e40d256470fdb12d10c3f8d1c6db0581e9b080c71765e55f273a3ac7d03",
     "Here are some of the highlights:", "My fears have been realized", None, "Tim Morrison"),
    # "Web of Angels was the first novel she ever sold. … “When I started, …,” she said.
    # “I just can’t bring myself …”": a title with "of" after a common word is no person, so
    # "she" is Valerie Smith.
    ("851498a2b9f4f0b578ac9700c245253dbc147a06c0fb3499adebf1c2d5663c29",
     "Her heartbreak over Mike Ford’s death", "I just can’t bring myself",
     "Web of Angels", "Valerie Smith"),
]  # fmt: skip


@pytest.mark.parametrize(("ident", "sentence", "starts", "reported", "wanted"), CASES)
def test_site_speaker_failures(
    shared_data: Path, ident: str, sentence: str, starts: str, reported: str | None, wanted: str
) -> None:
    text = _bodies(shared_data)[ident]
    assert sentence in text, f"{DATA_FILE}: {ident} no longer has the sentence"
    quote = quote_near(text, sentence, starts, back=200, reach=200)
    assert quote.speaker != reported
    assert quote.speaker == wanted


def test_a_place_speaks_as_an_organisation(shared_data: Path) -> None:
    # "Hong Kong" is the place, never a person "Kong" titled "Hong" (a family name too).
    text = _bodies(shared_data)["5fa3154ec031ab35411a457d78eb5aa92c0e803c5329bd05c001e6d64009e206"]
    hong_kong = [q for q in extract_quotes(text) if q.speaker == "Hong Kong"]
    assert hong_kong, "the page no longer gives Hong Kong as a speaker"
    assert all(q.speaker_kind == "organization" and q.person is None for q in hong_kong)


def test_an_owned_one_word_name_after_the_is_a_body(shared_data: Path) -> None:
    # "On Monday, the People’s Daily, the mouthpiece of the Communist party, warned": the
    # newspaper, not a person "Daily" ("The Post’s Chris Cillizza" stays a person).
    text = _bodies(shared_data)["5fa3154ec031ab35411a457d78eb5aa92c0e803c5329bd05c001e6d64009e206"]
    quote = quote_near(
        text,
        "On Monday, the People’s Daily",
        "absolutely no room for compromise",
        back=200,
        reach=200,
    )
    assert (quote.speaker_kind, quote.person) == ("organization", None)
    assert speaker_kind("The Post’s Chris Cillizza", None) == "person"


def test_two_curly_apostrophes_close_a_quotation() -> None:
    text = "“It was an attempt to mislead voters,’’ Will Moy told the BBC. “It was wrong.”"
    quotes = extract_quotes(text)
    assert [q.text for q in quotes] == ["It was an attempt to mislead voters,", "It was wrong."]


@cache
def _bodies(data: Path) -> dict[str, str]:
    with (data / DATA_FILE).open(encoding="utf-8") as handle:
        return {ident: page["articleBody"] for ident, page in json.load(handle).items()}


@pytest.mark.parametrize(
    ("speaker", "kind"),
    [
        # What a company's name ends in, and a company a name alone tells (half X1: "Kotak
        # Institutional Equities said", "Google recommends"; real news: "Exxon maintains").
        ("Kotak Institutional Equities", "organization"),
        ("Dick Clark Productions", "organization"),
        ("Google", "organization"),
        ("Exxon", "organization"),
        # Firms and a magazine named as people are ("Goldman Sachs", "Mother Jones": S1).
        ("Goldman Sachs", "organization"),
        ("Mother Jones", "organization"),
        ("Morgan Stanley", "organization"),
        ("Lloyd Blankfein", "person"),
        # Guards: people whose names hold no such word.
        ("Jay Monahan", "person"),
        ("one user on Weibo", "description"),
        ("another Twitter user", "description"),
        ("Google spokesperson Jane Doe", "person"),
        # A name the word before calls a body (PolNeAR train, half A: wash-post 2016-03-24
        # "republicans-building-firewall-be", "…, Law's advocacy group One Nation"; wash-post
        # 2015-12-10 "netanyahu-rejects-trump-s-remark", "The Israeli newspaper Haaretz").
        ("Law's advocacy group One Nation", "organization"),
        ("The Israeli newspaper Haaretz", "organization"),
        ("Band member Flea", "person"),
        ("Deputy Head of the Security Council Dmitry Medvedev", "person"),  # a body in a title
        # A job "inside" a place is the job's (politico 2016-05-05 "paul-ryan-says-he-s-not-ready-
        # to", "One operative inside Trump Tower" gave the person "Trump Tower").
        ("One operative inside Trump Tower", "description"),
        ("a source inside the White House", "description"),
        # People described by what they do or are, with no name of their own (X1 702d1da6…:
        # "American negotiators are now left with …"; PolNeAR train, half A: "one Obama
        # insider", "a Democratic staffer in the room", "one Republican") were organisations.
        ("American negotiators", "description"),
        ("one Obama insider", "description"),
        ("a Democratic staffer in the room", "description"),
        ("one Republican", "description"),
        # Guards: a writing stands for the body that issued it, as the readers of S1 label it
        # ("the Kremlin readout"); a campaign is a body.
        ("the Kremlin readout", "organization"),
        ("the Clinton campaign", "organization"),
    ],
)
def test_company_names_are_organisations(speaker: str, kind: str) -> None:
    assert speaker_kind(speaker, None) == kind


def test_a_filing_speaks_for_who_filed_it() -> None:
    # "According to a 52-count civil complaint filed by the federal Securities and Exchange
    # Commission …" (PolNeAR dev): the filer, not the words before it cut at ten.
    assert tidy_speaker("a civil complaint filed by the Justice Department") == (
        "the Justice Department"
    )
    assert tidy_speaker("a lawsuit brought by Vermont") == "Vermont"


@pytest.mark.parametrize(
    ("words", "wanted"),
    [
        # Half X1: a heading's question before the words cut as the speaker; train: a slogan.
        ("Google Stadia the future? That's really two", "That's really two"),
        ("Lose safety? Lose work? No", "No"),
        ("the ministry. The Kremlin", "The Kremlin"),
        # Guards: a title's or an initial's full stop ends no sentence.
        ("Sen. Bernie Sanders", "Sen. Bernie Sanders"),
        ("Rep. G.K. Butterfield", "Rep. G.K. Butterfield"),
        ("the U.S. Army", "the U.S. Army"),
    ],
)
def test_a_speaker_never_crosses_a_sentence(words: str, wanted: str) -> None:
    assert tidy_speaker(words) == wanted


@pytest.mark.parametrize(
    ("sentence", "starts", "reported", "wanted"),
    [
        # "“…,” says Parata, bristling with anger.⏎⏎whale strandings⏎⏎“When will we talk …”":
        # a heading between two of one voice's paragraphs does not stop it.
        ("says Parata, bristling with anger", "When will we talk", None, "Hori Parata"),
        # "“…,” says Te Kaurinui.⏎⏎Whangārei Harbour seen from Tamaterau, with mangrove …⏎⏎
        # “We are not foreigners …”": a photo caption names no speaker.
        (
            "with mangrove sprouts coming up",
            "We are not foreigners",
            "Whangārei Harbour seen",
            "Te Kaurinui",
        ),
    ],
)
def test_a_heading_or_caption_between_paragraphs(
    shared_data: Path, sentence: str, starts: str, reported: str | None, wanted: str
) -> None:
    # extraction/readability/ground_truth.json, page guardian-1 (half Y1 of page_speakers).
    path = shared_data / "extraction" / "readability" / "ground_truth.json"
    text = json.loads(path.read_text(encoding="utf-8"))["guardian-1"]["articleBody"]
    assert sentence in text, f"guardian-1 no longer has {sentence!r}"
    quote = quote_near(text, sentence, starts, back=200, reach=200)
    assert quote.speaker != reported
    assert quote.speaker == wanted


def test_a_title_heading_in_a_list_takes_no_voice(shared_data: Path) -> None:
    # Guard (PolNeAR train, a listicle): "…⏎⏎7⏎“Broad City” Star Asked Actors To Act Whiter
    # …⏎⏎Getty.⏎⏎“Broad City” star Arturo Castro turned the tables": a title opening a list's
    # heading or its paragraph is no paragraph of the voice before it.
    path = shared_data / "quotes" / "polnear-train.jsonl"
    ident = "polnear/train/huff-post_2015-12-22_of-the-most-powerful-things-lati/ef2d"
    with path.open(encoding="utf-8") as handle:
        text = next(a["text"] for a in map(json.loads, handle) if a["id"] == ident)
    at = text.index("“Broad City” star Arturo Castro turned the tables")
    after = [q for q in extract_quotes(text) if at <= q.start < at + 400]
    assert [q.text for q in after][:2] == ["Broad City", "Flip the Script with Liz Plank"]
    assert [q.speaker for q in after][:2] == [None, None]


def test_a_day_after_on_is_no_platform() -> None:
    # Guard for "user on Weibo": "on" joins a platform to its user only.
    quotes = extract_quotes("Biden on Monday said “we will not back down.”")
    assert [q.speaker for q in quotes] == ["Biden"]


def test_a_release_number_is_no_speaker() -> None:
    # readability lwn-1 (half Y1): "Apache OpenOffice has made two releases …: 4.1 in April 2014
    # and 4.1.1 (described as "a micro update" in the release announcement) in August."
    text = (
        "Apache OpenOffice has made two releases in the past year: 4.1 in April 2014 and 4.1.1 "
        '(described as "a micro update" in the release announcement) in August.'
    )
    assert [q.speaker for q in extract_quotes(text)] == [None]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # Real news S1 (allsides:yaRLUuWMwoJA80W0) and Y1 (readability salon-1): a book's title
        # and subtitle is no one's words, however long.
        (
            "Patrick Buchanan wrote “The Greatest Comeback: How Richard Nixon Rose From Defeat "
            "to Create the New Majority” in 2014.",
            True,
        ),
        (
            "Rebecca Solnit, author of “A Paradise Built in Hell: The Extraordinary Communities "
            "that Arise in Disaster,” said so.",
            True,
        ),
        # Guard (PolNeAR train): a chant with a colon goes on in lower case.
        (
            "The protesters chanted “Chris Christie: Bad for New Jersey, bad for you.”",
            False,
        ),
    ],
)
def test_a_title_with_a_subtitle_is_no_ones_words(text: str, title: bool) -> None:
    (quote,) = extract_quotes(text)
    assert (quote.kind == "scare" and quote.speaker is None) is title


@pytest.mark.parametrize(
    ("text", "name_only"),
    [
        # Real news S1 (allsides:4UtlRM7b4OQfH09A): a fake persona's name in marks.
        ("“Mikael Virtanen,” a fake Finnish businessman who wrote about it, was invented.", True),
        ("The Daily Beast wrote that officers are behind “Guccifer 2.0,” a leading figure.", True),
        # Guards: the first part of a quotation its cue splits, a shouted phrase.
        ("“As President,” she said, “I will fight for the workers of this country.”", False),
        ("“GROWING PARTY,” he said, “that is what we are doing here.”", False),
        ("“Remember,” he said, “the vote is on Tuesday and it matters.”", False),
    ],
)
def test_a_name_in_marks_is_no_ones_words(text: str, name_only: bool) -> None:
    first = extract_quotes(text)[0]
    assert (first.kind == "scare" and first.speaker is None) is name_only


def test_a_speaker_holds_no_stray_quotation_mark() -> None:
    # S1 (allsides:4UtlRM7b4OQfH09A): "“Lin Nguyen” placed a similarly themed piece … about
    # “misinformation becoming …”" gave the speaker "Lin Nguyen”".
    assert tidy_speaker("Lin Nguyen”") == "Lin Nguyen"
    assert tidy_speaker("the so-called “experts”") == "the so-called “experts”"


@pytest.mark.parametrize(
    ("said", "speaker"),
    [
        ("the US military said in a statement on Wednesday", "the US military"),
        # A person's statement stays "the statement", as PolNeAR keeps it.
        ("Senator Jane Doe said in a statement on Wednesday", "the statement"),
    ],
)
def test_a_statement_speaks_for_the_body_that_issued_it(said: str, speaker: str) -> None:
    text = (
        f"Two soldiers were killed in a crash, {said}.\n\n"
        "“The cause of the crash is under investigation,” the statement said."
    )
    [quote] = extract_quotes(text)
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("Web of Angels", False),
        ("House of Cards", False),
        # A given name or a title before "of", or "of" after the name: a person.
        ("Catherine of Aragon", True),
        ("Duke of Sussex", True),
        ("Senator Lindsey Graham of South Carolina", True),
    ],
)
def test_a_name_opening_with_a_word_and_of_is_a_persons_only_after_a_title(
    name: str, person: bool
) -> None:
    assert person_like(name) is person


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        # readability nytimes-2 (half Y1): "Yahoo is not all of the assets or even “substantially
        # all” – the Alibaba shares being left behind in Remain Co. are worth about $28 billion".
        (
            "Yahoo is not all of the assets or even “substantially all” – the Alibaba shares "
            "being left behind in Remain Co. are worth about $28 billion.",
            None,
        ),
        # PolNeAR train (half A), nyt_2016-07-31_sisterhood-of-the-skateboard: "Indeed, the name
        # ''Brujas'' -- Spanish for ''witches'' -- comes from the title of a 1986 video".
        (
            "Indeed, the name ''Brujas'' -- Spanish for ''witches'' -- comes from the title of a "
            "1986 video.",
            None,
        ),
        # Guards: a quotation standing as its sentence, its source after the dash; a quotation
        # inside a sentence whose source ends the line after the dash (PolNeAR dev's testimonials,
        # "And that’s all he has “the root of all evil’.” ― Christina Lastra.", as a probe).
        (
            "“We will not sit on our hands.” — Lin Jian, Chinese foreign ministry spokesman",
            "Lin Jian",
        ),
        ("And that is all he has, “the root of all evil.” ― Maria Lopez.\n\nNext.", "Maria Lopez"),
    ],
)
def test_a_dash_after_a_quoted_term_in_prose_names_no_source(text: str, wanted: str | None) -> None:
    assert [q.speaker for q in extract_quotes(text)][0] == wanted
