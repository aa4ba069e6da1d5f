"""Speakers on real news: every failure of issue 15, from ../shared/data/relevance/dev.jsonl.

Each case quotes the sentence as the article has it (with the page furniture before it, where
that was the trouble) and names the article by its id in that file. The texts are read from the
shared data, never copied here beyond the quoted sentence.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from monitor.models import Quote
from monitor.quotes import extract_quotes
from monitor.quotes.tidy import MAX_WORDS, is_when

pytestmark = pytest.mark.shared_data

DATA_FILE = "relevance/dev.jsonl"

# (article id in relevance/dev.jsonl, the sentence as written, start of the quotation,
#  the speaker the issue reported, the speaker wanted; None = no speaker rather than a wrong one)
CASES = [
    # A byline glued to the name: "David Jackson⏎⏎USA TODAY⏎⏎President Trump".
    ("allsides:TANF72h7iaGnFfjD",
     "Trump told reporters aboard Air Force One, \"We want Putin's help on North Korea.\"",
     "We want Putin", "David Jackson\n\nUSA TODAY\n\nPresident Trump", "President Trump"),
    # A live-blog timestamp on the line before: "11:31 a.m. EST".
    ("allsides:Act9hgLHag3VWQNl", "11:31 a.m. EST\n\n'All of our soldiers are safe'",
     "All of our soldiers", "11:31 a.m. EST", None),
    # A photo credit on the line before: "Getty Images⏎⏎German Chancellor Angela Merkel".
    ("allsides:pPoy4u5LV4eURS46",
     "Mrs Merkel described the 2015 international accord as a \"first step\"",
     "first step", "Getty Images\n\nGerman Chancellor Angela Merkel", "Mrs Merkel"),
    # An "Enlarge this image" label and a headline before the paragraph.
    ("allsides:rVzbHmroQvlsJV0Z", "\"We will not be intimidated,\" Obama said, according to Time.",
     "We will not be intimidated", "Obama Warns The Islamic State\n\nEnlarge", "President Obama"),
    # "Story Continued Below" between paragraphs.
    ("allsides:YOX8psR0XRMHm3q4", "First, he wrote, “Many NATO countries have agreed",
     "Many NATO countries", "Story Continued Below\n\nTrump", "President Donald Trump"),
    # Section headings and "Advertisement" labels: "Advertisement⏎⏎RUSSIA⏎⏎Tillerson".
    ("allsides:Q0f7F3IF2G0Ey6nb",
     "Tillerson objected that a mandatory-sanctions package “leaves the executive branch",
     "leaves the executive branch", "Advertisement\n\nAdvertisement\n\nRUSSIA\n\nTillerson",
     "Rex Tillerson"),
    # A heading that is a name in another sentence: "Never Trump Republicans".
    ("allsides:ibQJfZxiShiJyCfi",
     "Trump was quoted secondhand as having called Haiti and other formerly Third World "
     "countries “sh**hole” countries",
     "sh**hole", "Advertisement\n\nAdvertisement\n\nNever Trump Republicans", "President Trump"),
    # A weekday: "Eric Trump, meanwhile, on Thursday said".
    ("allsides:xqgUJ1LdWtOCtJoH",
     "Eric Trump, meanwhile, on Thursday said his father “absolutely” believes in NATO.",
     "absolutely", "Thursday", "Eric Trump"),
    ("rtqa:810824094b49",
     "Russian President Vladimir Putin on Thursday praised China’s “balanced position”",
     "balanced position", "Thursday", "Russian President Vladimir Putin"),
    # A date after a dash: "— Aug. 30, 2013, in a tweet".
    ("allsides:bVA2pp6HUyXe27LO",
     "\"The President must get Congressional approval before attacking Syria-big mistake if he "
     "does not!\" — Aug. 30, 2013, in a tweet",
     "The President must get", "Aug. 30", None),
    ("allsides:bVA2pp6HUyXe27LO",
     "\"The Secretary General and I had a productive discussion about what more NATO can do",
     "The Secretary General and I", "Thursday", None),
    # "Not Donald Trump": a heading word glued to a name.
    ("allsides:bVA2pp6HUyXe27LO",
     "\"I will direct the Secretary of the Treasury to label China a currency manipulator.\" — "
     "Trump in his \"Contract with the American Voter\"",
     "I will direct", "Not Donald Trump", "Donald Trump"),
    # A place alone: "Leaders of … member gathered in Wales pledged today".
    ("allsides:JEUjURzC5ykhhNfa",
     "Leaders of North Atlantic Treaty Organization member gathered in Wales pledged today to "
     "contribute troops to an alliance-wide \"rapid reaction\" force.",
     "rapid reaction", "Wales", None),
    # A sentence fragment: "The White House sought". The quotation's own attribution follows it,
    # after a long title: "…,” National Security Council coordinator … John Kirby told CNN.
    ("rtqa:810824094b49",
     "The White House sought to downplay the meeting between Putin and Xi on Thursday",
     "Our message to China", "The White House sought", "John Kirby"),
    # A fragment: "another tweet President Trump".
    ("allsides:FEoKbOtRguYDWHfr",
     "And in another tweet President Trump wrote: “NATO countries must pay MORE",
     "NATO countries must pay", "another tweet President Trump", "President Trump"),
    # A fragment: "I often" (a transcript: "I often say, “God, …”").
    ("allsides:33b5JOGfxIoPvQEW", "I often say, “God, this is the best carrot cake",
     "God, this is the best", "I often", "I"),
    # A clock time left before the name: "8 a.m. Michael Garrity".
    ("rtqa:305fee07381a",
     "certified by the town clerk Tuesday before 8 a.m. Michael Garrity, spokesperson for the "
     "attorney general's office, said,",
     "Durham will wait", "8 a.m. Michael Garrity", "Michael Garrity"),
    # A participle: "Speaking" (the sentence before opens with it). "It" is Moscow's government.
    ("rtqa:0d4454404188",
     "They last spoke just days after Moscow launched what it insists on calling a “special "
     "military operation.”",
     "special military operation", "Speaking", "Kremlin"),
    # Two names joined: the headline's last word and the first paragraph's name, "China Susan
    # Rice", when the title is put above the text as `monitor explain` does with a .txt file.
    ("allsides:pTsGiQ3qQpJ1jSak", "Susan Rice, former President Barack Obama's national security",
     "With shocking speed", "China\n\nSusan Rice", "Susan Rice"),
    # A photo credit in capitals glued to a caption's name: "COURTESY OF RONALD REAGAN
    # PRESIDENTIAL LIBRARY George Shultz dances with Ginger Rogers".
    ("allsides:mwjs7EbF3zal9RFV", "Mr. Shultz says he dispatched his wife",
     "knows a lot", "COURTESY OF RONALD REAGAN PRESIDENTIAL LIBRARY George Shultz",
     "Secretary Shultz"),
]  # fmt: skip


@cache
def _articles(data: Path) -> dict[str, dict]:
    with (data / DATA_FILE).open(encoding="utf-8") as handle:
        return {a["id"]: a for a in map(json.loads, handle)}


_REACH = 600  # the quotation may follow the sentence that attributes it


def _quote(text: str, sentence: str, starts: str) -> Quote:
    """Return the quotation beginning with `starts` in or just after the quoted sentence."""
    at = text.index(sentence)
    found = [
        q
        for q in extract_quotes(text)
        if q.text.startswith(starts) and at <= q.start <= at + len(sentence) + _REACH
    ]
    assert found, f"no quotation starting {starts!r} in the sentence"
    return found[0]


def _broken(speaker: str) -> bool:
    """Apply the issue's definition of a broken speaker."""
    return "\n" in speaker or is_when(speaker) or len(speaker.split()) > MAX_WORDS


@pytest.mark.parametrize(("ident", "sentence", "starts", "reported", "wanted"), CASES)
def test_real_speaker_failures(
    shared_data: Path, ident: str, sentence: str, starts: str, reported: str, wanted: str | None
) -> None:
    article = _articles(shared_data)[ident]
    text = article["text"]
    if ident == "allsides:pTsGiQ3qQpJ1jSak":
        text = f"{article['title']}\n\n{text}"
    assert sentence in text, f"{DATA_FILE}: {ident} no longer has the sentence"
    quote = _quote(text, sentence, starts)
    assert quote.speaker != reported
    assert quote.speaker == wanted
    assert not (quote.speaker and _broken(quote.speaker))


# Pronoun speakers of PolNeAR train (quotes/polnear-train.jsonl), found on half A's misses:
# (article id, the sentence as written, start of the quotation, the speaker given before, the
#  speaker wanted).
POLNEAR_CASES = [
    # "When I ask him …": the reporter's "I" after an opener is no name, so never "he".
    ("polnear/train/politico_2016-08-08_how-newtown-gave-chris-murphy-a-/ef2d",
     "When I ask him what he does in his spare time, he says not much really",
     "I'm the catcher", "I", "Sen. Chris Murphy"),
    # The person who last spoke in the paragraph is "he" when no one has opened a sentence since;
    # "said Trump continued to hurt" does not make Trump speak, "X, …, for example, said" does.
    ("polnear/train/politico_2016-08-08_inside-the-swing-state-trench-wa/6b86",
     "Brian Murphy, the chairman of the Rockingham County GOP in New Hampshire, for example, "
     "said Trump continued to hurt his cause locally",
     "I don’t think it’s cut well for him", "Donald Trump", "Brian Murphy"),
    # An owner opening its sentence ("Francis' message is …") is an antecedent of the next "he".
    ("polnear/train/nyt_2016-02-20_for-pope-it-s-bigger-than-trump-/4e07",
     "His economic critique is also a moral one, as he laments a ''throwaway culture''",
     "throwaway culture", "Federico Lombardi", "Pope Francis"),
    # A surname two people share stays the first one's when the second comes in as a relative
    # ("her husband, former President Bill Clinton"); then "he" is not Bill Clinton either.
    ("polnear/train/huff-post_2016-02-26_hillary-clinton-says-trump-s-big/4b22",
     "Clinton and her husband, former President Bill Clinton, attended Trump’s third wedding",
     "I think it’s been most surprising", "President Bill Clinton", "Hillary Clinton"),
    ("polnear/train/huff-post_2016-02-26_hillary-clinton-says-trump-s-big/4b22",
     "But he wanted to know, “How surprised are you",
     "How surprised are you", "President Bill Clinton", "Joe Scarborough"),
    # "He lambasted the Iran nuclear deal negotiated by President Obama": a name after the verb
    # of a sentence its pronoun opens is no subject, so Trump stays the one talked about.
    ("polnear/train/wash-post_2016-03-22_presidential-candidates-promise-/4e07",
     "And he seemed to paper over his past statements about neutrality",
     "we will send a clear signal", "President Obama", "Donald Trump"),
    # "He nodded only obliquely to his second-place finish in Iowa behind Ted Cruz.": a name in a
    # sentence the same pronoun opens is its object, not whom the next "he" is.
    ("polnear/train/politico_2016-02-09_trump-we-are-going-to-win-so-muc/ef2d",
     "He nodded only obliquely to his second-place finish in Iowa behind Ted Cruz.",
     "You know, we learned a lot", "Bernie Sanders", "Donald Trump"),
    # "Soon, he found the area welcoming. He got a car … and Clarkston became his home.": "Soon"
    # is an adverb, not a name, so it cannot take the place of the skipped object.
    ("polnear/train/usa-today_2015-12-29_syrians-find-a-home-in-clarkston/4b22",
     "Soon, he found the area welcoming.",
     "The stereotyping is unfortunately", "Soon", "Luay Sami"),
]  # fmt: skip


@pytest.mark.parametrize(("ident", "sentence", "starts", "reported", "wanted"), POLNEAR_CASES)
def test_polnear_speakers(
    shared_data: Path, ident: str, sentence: str, starts: str, reported: str, wanted: str
) -> None:
    text = _polnear(shared_data)[ident]
    assert sentence in text, f"quotes/polnear-train.jsonl: {ident} no longer has the sentence"
    quote = _quote(text, sentence, starts)
    assert quote.speaker != reported
    assert quote.speaker == wanted


@cache
def _polnear(data: Path) -> dict[str, str]:
    with (data / "quotes" / "polnear-train.jsonl").open(encoding="utf-8") as handle:
        return {a["id"]: a["text"] for a in map(json.loads, handle)}


def test_garbled_heading_keeps_no_surname(shared_data: Path) -> None:
    # allsides:VHYxV9UVEGja5pID opens with a garbled heading ("… to beat Trump Trump
    # threatens …"): that run is no person whose name a later "Trump" keeps.
    text = _articles(shared_data)["allsides:VHYxV9UVEGja5pID"]["text"]
    quote = _quote(text, "his father, Frederick Trump, was born", "You know I love those")
    assert quote.speaker != "Trump Trump"


def test_no_broken_speakers_in_the_relevance_set(shared_data: Path) -> None:
    named = broken = 0
    for article in _articles(shared_data).values():
        for quote in extract_quotes(article["text"]):
            if quote.speaker and quote.speaker_kind is not None:
                named += 1
                broken += _broken(quote.speaker)
    assert named > 2000
    assert broken / named <= 0.01
