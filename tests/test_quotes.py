"""Quotation extraction: marks, kinds, attribution and resolution, on hand-written sentences."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from monitor.models import Quote
from monitor.quotes import extract_quotes, kinds
from monitor.quotes.capitals import capitalised_names
from monitor.quotes.context import pronoun_votes
from monitor.quotes.described import named_later
from monitor.quotes.furniture import is_furniture, without_cards, without_galleries
from monitor.quotes.mentions import _STOP_RE, Mention, _abbreviated, mentions, sentence_stops
from monitor.quotes.names import (
    gender_of,
    given_name_gender,
    not_a_name,
    person_key,
    person_like,
    shared_surnames,
)
from monitor.quotes.opening import sentence_subject, without_intro
from monitor.quotes.plausible import plausible
from monitor.quotes.resolve import Resolver
from monitor.quotes.salience import FEATURES, WEIGHTS, Candidate
from monitor.quotes.sides import right
from monitor.quotes.speakers import infinitive_subject, subject_before
from monitor.quotes.tidy import tidy_speaker
from tests.support.require import require

ROOT = Path(__file__).resolve().parent.parent


def only(text: str) -> Quote:
    """Return the single non-scare quote found in text."""
    found = [q for q in extract_quotes(text) if q.kind != "scare"]
    assert len(found) == 1, found
    return found[0]


def _mentions(text: str) -> list[Mention]:
    """Return the names mentions() finds in a text that quotes nothing."""
    return mentions(text, [], sentence_stops(text))


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Lin said: “We oppose this.”", "We oppose this."),
        ("Lin said: ‘We oppose this.’", "We oppose this."),
        ('Lin said: "We oppose this."', "We oppose this."),
        ("Lin said: 'We oppose this.'", "We oppose this."),
        ("Lin said: «We oppose this.»", "We oppose this."),
        ("Lin said: „We oppose this.“", "We oppose this."),
        ("Lin said: ‚We oppose this.‘", "We oppose this."),
        ("Lin said: 「We oppose this.」", "We oppose this."),
        ("Lin said: 『We oppose this.』", "We oppose this."),
        ("Lin said: ``We oppose this.''", "We oppose this."),
        ("Lin said: ''We oppose this.''", "We oppose this."),
    ],
)
def test_every_quotation_style(text: str, quoted: str) -> None:
    q = only(text)
    assert q.text == quoted
    assert text[q.start : q.end] == quoted
    assert q.speaker == "Lin"


@pytest.mark.parametrize(
    "text",
    [
        "The workers’ union met in the ’90s and the students' books were sold.",
        "It's the bosses’ problem, rock 'n' roll fans say, and O'Brien agreed.",
        "They’re sure the company’s ’08 plan won’t work.",
    ],
)
def test_apostrophes_are_not_quotation_marks(text: str) -> None:
    assert extract_quotes(text) == ()


def test_possessive_inside_a_single_quoted_quotation() -> None:
    q = only("Lin said ‘the workers’ demands are fair’ on Monday.")
    assert q.text == "the workers’ demands are fair"


def test_nested_quotation_stays_inside_the_outer_one() -> None:
    q = only("“They call it ‘a partnership’ but it is not,” Lin said.")
    assert q.text == "They call it ‘a partnership’ but it is not,"
    assert q.speaker == "Lin"


def test_quotation_over_several_paragraphs() -> None:
    text = (
        "Spokesman Lin Jian said:\n\n"
        "“NATO is spreading false claims about China.\n\n"
        "“We urge it to stop.”\n\nThe meeting ended."
    )
    quotes = extract_quotes(text)
    assert [q.text for q in quotes] == [
        "NATO is spreading false claims about China.",
        "We urge it to stop.",
    ]
    assert all(q.speaker == "Spokesman Lin Jian" for q in quotes)


def test_split_quotation_gives_both_halves_the_speaker() -> None:
    text = "“We oppose this,” Lin said, “and we will respond.”"
    quotes = extract_quotes(text)
    assert [q.text for q in quotes] == ["We oppose this,", "and we will respond."]
    assert [q.speaker for q in quotes] == ["Lin", "Lin"]
    assert [q.kind for q in quotes] == ["direct", "direct"]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        # polnear/train/politico_2016-07-06_atlantic-city-officials-welcome-/ef2d: a curly
        # opening closed by a straight mark, then a straight opening closed by a curly one.
        (
            '“At this point, I don’t think there is bad publicity," said Atlantic City Mayor Don '
            'Guardian in a telephone interview. "We’ve made bad mistakes and have been making '
            "them for 50 years.”",
            [
                "At this point, I don’t think there is bad publicity,",
                "We’ve made bad mistakes and have been making them for 50 years.",
            ],
        ),
        # polnear/train/politico_2016-02-17_bush-rubio-collide-in-scramble-f/ef2d
        (
            '"There are two people in this campaign with the knowledge and experience to do '
            "that,” said Rick Wilson, a Florida-based Republican strategist. “That’s Jeb Bush "
            "and Marco Rubio.”",
            [
                "There are two people in this campaign with the knowledge and experience to do "
                "that,",
                "That’s Jeb Bush and Marco Rubio.",
            ],
        ),
    ],
)
def test_a_straight_mark_and_a_curly_one_pair_up(text: str, quoted: list[str]) -> None:
    quotes = [q for q in extract_quotes(text) if q.kind != "scare"]
    assert [q.text for q in quotes] == quoted
    assert len({q.speaker for q in quotes}) == 1 and quotes[0].speaker


def test_a_double_mark_opening_a_sentence_inside_a_double_quotation_starts_a_new_one() -> None:
    # polnear/train/west-journal_2016-01-18_woman-steps-forward-with-bombshe/ef2d: the first
    # quotation lacks its closing mark.
    text = (
        "Broaddrick said Hillary Clinton approached her “and said, ‘It’s so nice to meet you’ and "
        "all of the niceties she was trying to say at the time. And I just stood there … . I was "
        "sort of you might say shell-shocked. “And she said, ‘Do you understand. Everything you "
        "do,'” Broaddrick said."
    )
    last = extract_quotes(text)[-1]
    assert last.text == "And she said, ‘Do you understand. Everything you do,'"
    assert last.speaker == "Broaddrick"


@pytest.mark.parametrize(
    ("text", "kind", "speaker"),
    [
        ("“We will respond to any provocation,” Lin said.", "direct", "Lin"),
        ("China accused NATO of “prejudice, smearing, and provocation.”", "partial", "China"),
        ("China praised its “no limits” partnership with Russia.", "scare", None),
        # A modifier inside reported speech, at the end of the sentence, is still a term.
        ("NATO said China backed Russia through its “no limits” partnership.", "scare", None),
        ("The so-called “peace plan” was rejected.", "scare", None),
        ("Lin appeared on “Meet the Press” on Sunday.", "scare", None),
    ],
)
def test_kinds(text: str, kind: str, speaker: str | None) -> None:
    quotes = extract_quotes(text)
    assert [(q.kind, q.speaker) for q in quotes] == [(kind, speaker)]


@pytest.mark.parametrize(
    "tail",
    [
        "The so-called",
        "what he DUBBED",
        "a plan known as",
        "the tagline,",
        "wrote in its report with the ominous title,",
        "said Lin Jian,",
        "the ſo-called",  # re.I reads the long s as "s": the quick test must not say no first
        "a plan known aſ",
        "Trump’s",
    ],
)
def test_named_as_agrees_with_its_pattern(tail: str) -> None:
    # The test of a context's last word only spares the search; it must never change its answer.
    assert kinds._named_as(tail) == (kinds._SCARE_BEFORE.search(tail) is not None)


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ("“We will respond,” said Lin Jian.", "Lin Jian", "said"),
        ("“We will respond,” Lin Jian told reporters.", "Lin Jian", "told"),
        ("Lin Jian warned that “there will be consequences.”", "Lin Jian", "warned"),
        ("Lin Jian urged NATO to “reflect on its own actions.”", "Lin Jian", "urged"),
        ("Lin Jian insisted: “China is not to blame.”", "Lin Jian", "insisted"),
        ("According to Lin Jian, “China is not to blame.”", "Lin Jian", "according to"),
        ("In a statement, the ministry wrote: “China is not to blame.”", "the ministry", "wrote"),
        ("“China is not to blame,” Lin Jian tweeted.", "Lin Jian", "tweeted"),
        ("“China is not to blame,” Lin Jian, a spokesman, said.", "Lin Jian", "said"),
        ("“China is not to blame.” — Lin Jian", "Lin Jian", "—"),
        ("“China is not to blame,” Lin, 58, said.", "Lin", "said"),
        # Informal verbs of speech news uses (polnear/train: "she vented to her husband … that it
        # would be "incredibly ugly"", "“…,” the Republican vice-presidential nominee riffed").
        ("Lin Jian vented to reporters that it would be “incredibly ugly.”", "Lin Jian", "vented"),
        ("“The answer is no,” Lin Jian riffed.", "Lin Jian", "riffed"),
        ("“The answer is no,” Lin Jian griped.", "Lin Jian", "griped"),
        ("“The answer is no,” Lin Jian marveled.", "Lin Jian", "marveled"),
        # polnear/train/politico_2015-12-11_politico-new-york-s-culture-busi/4b22: "rally" ends
        # in -ly but is no adverb after its article.
        (
            "Led by Council Speaker Melissa Mark-Viverito, the rally denounced Republican "
            'presidential candidate Donald Trump’s call for "a total and complete shutdown of '
            "Muslims entering the United States.”",
            "the rally",
            "denounced",
        ),
    ],
)
def test_attribution_cues(text: str, speaker: str, cue: str) -> None:
    q = only(text)
    assert (q.speaker, q.cue) == (speaker, cue)
    assert 0.0 < q.confidence <= 1.0


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # Inversion after a clause: the name follows the verb.
        (
            "Add a “candidate who is a lightning rod” and voters get nervous, said Mary Link.",
            "Mary Link",
        ),
        # "told" takes an addressee after it, never the speaker.
        ("“We were wrong,” Ramos, 58, told Reuters in an interview.", "Ramos"),
        # Relative clauses and circumstances between the speaker and the verb are skipped.
        (
            "“It was not prepared,” Zimmerman, who identifies as Hispanic, told reporters.",
            "Zimmerman",
        ),
        ("Clinton, during a town hall in Columbus, Ohio, said she was “going to win.”", "Clinton"),
        # A surname ending in -ly is not an adverb to trim.
        ("“Elections matter,” Kelly said.", "Kelly"),
        # The name after a participle is its object, not who speaks (and not "he" later on).
        # polnear/train/huff-post_2016-02-01_here-s-why-winning-iowa-could-br/5fec
        (
            "White America embracing Obama announced “a different era, that’s the best way to "
            "put it.”",
            "White America",
        ),
        # A long opening clause before the subject of "… and said" is still an opening phrase.
        # polnear/train/wash-post_2016-07-06_understated-perez-raises-politic/4b22
        (
            "When told Perez was in President Obama's Cabinet and in the running for an even "
            "bigger job in a potential Clinton White House, Bush thought for a moment and said "
            "that in the current political climate, \"I think it's kind of an advantage not to "
            'be a celebrity."',
            "Bush",
        ),
        # "… and wrote" after a long subject whose name is set off by commas before the verb.
        # polnear/train/politico_2016-07-29_sex-lies-and-the-grayson-family-/4b22
        (
            "One of Grayson’s former supporters who still backs Randolph, former Colorado Rep. "
            "Pat Schroeder, lives in his Orlando-based district and wrote in an email to POLITICO "
            "that Dena Grayson’s campaign was “tragic in the Year of the Woman, when a woman "
            "should run on her own accomplishments.”",
            "former Colorado Rep. Pat Schroeder",
        ),
    ],
)
def test_attribution_patterns(text: str, speaker: str) -> None:
    assert only(text).speaker == speaker


def test_called_is_a_cue() -> None:
    q = only("Podesta called the governor “the most extreme pick in a generation.”")
    assert (q.speaker, q.cue) == ("Podesta", "called")


def test_quotation_after_a_no_break_space() -> None:
    q = only("The governor objected.\u00a0“This has to stop,” Husted said.")
    assert (q.text, q.speaker) == ("This has to stop,", "Husted")


def test_he_prefers_the_salient_subject_over_a_nearer_mention() -> None:
    text = (
        "Former prosecutor Glen Kopp said agents want to interview Hillary Clinton and her aides"
        " in Washington.\n\n“They are within the zone of interest,” he said."
    )
    assert only(text).speaker == "Glen Kopp"


def test_a_document_is_not_resolved_to_a_person() -> None:
    text = "Nunberg filed a petition on Tuesday. The petition accuses them of “bullying him.”"
    assert only(text).speaker == "The petition"


def test_speaker_in_previous_sentence_with_colon() -> None:
    text = "Lin Jian spoke at length on Monday. He added:\n\n“China is not to blame.”"
    q = only(text)
    assert q.speaker_text == "He"
    assert q.speaker == "Lin Jian"


def test_quote_continues_the_previous_speaker() -> None:
    text = "“China is not to blame,” Lin Jian said.\n\n“NATO should reflect on its actions.”"
    assert [q.speaker for q in extract_quotes(text)] == ["Lin Jian", "Lin Jian"]


@pytest.mark.parametrize(
    ("text", "speaker_text", "speaker"),
    [
        (
            "Spokesman Lin Jian met reporters. “NATO must stop,” he said.",
            "he",
            "Spokesman Lin Jian",
        ),
        (
            "Spokesman Lin Jian met reporters. “NATO must stop,” the spokesman said.",
            "the spokesman",
            "Spokesman Lin Jian",
        ),
        (
            "Mary Smith met Lin Jian on Monday. “We disagree,” she said.",
            "she",
            "Mary Smith",
        ),
        (
            "NATO met in Washington. “China is an enabler,” the alliance said.",
            "the alliance",
            "NATO",
        ),
        (
            "US Secretary of State Antony Blinken flew to Beijing. “We are wary,” Blinken said.",
            "Blinken",
            "US Secretary of State Antony Blinken",
        ),
    ],
)
def test_resolution_to_the_nearest_compatible_name(
    text: str, speaker_text: str, speaker: str
) -> None:
    q = only(text)
    assert (q.speaker_text, q.speaker) == (speaker_text, speaker)


def test_a_vocative_in_a_quotation_is_no_title_of_the_name_after_it() -> None:
    # polnear/train/breitbart_2015-11-19_exclusive-excerpt-dinesh-d-souza/6b86: "“Judge,”
    # Brafman said" made Brafman "the judge".
    text = (
        "“Judge,” Brafman said, “I have never had that happen in any case in thirty-seven "
        "years.” The judge rubbed his chin, and then said something very strange. “Everything "
        "that you have said and everything that I have said,” the judge exclaimed, “has totally "
        "overlapped.”"
    )
    assert extract_quotes(text)[-1].speaker == "the judge"


def test_only_the_word_right_before_a_name_is_its_title() -> None:
    # polnear/train/wash-post_2016-04-30_indiana-governor-endorses-cruz-b/ef2d: the headline's
    # "governor endorses Cruz" made Cruz "the governor".
    text = (
        "Indiana governor endorses Cruz - but also has praise for front-runner.\n\nINDIANAPOLIS "
        "- Ted Cruz, who badly needs a win in Tuesday's GOP primary in Indiana, received the "
        'endorsement of Gov. Mike Pence (R) on Friday.\n\n"I particularly want to commend '
        'Donald Trump," the governor said.'
    )
    assert only(text).speaker == "the governor"


def test_offsets_index_the_quoted_words_in_text_order() -> None:
    text = "“One,” Lin said. “Two,” Wang said.\n\nLin said: “Three.”"
    quotes = extract_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["One,", "Two,", "Three."]
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    assert [q.speaker for q in quotes] == ["Lin", "Wang", "Lin"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # The horizontal bar is the typeset quotation dash, with or without a space.
        ("“China is not to blame.” ― Lin Jian", "Lin Jian"),
        ("“China is not to blame.”― Lin Jian.", "Lin Jian"),
        # A sentence ending "…, Schiff said." hands its voice to the quotation that follows.
        (
            "The talks may stall, Schiff said. “The other factor is time and money for all.”",
            "Schiff",
        ),
        # "He’s claiming": the pronoun speaks, not "He’s".
        (
            "Donald Trump spoke in Ohio. He’s claiming that fraud is “a big problem in this land.”",
            "Donald Trump",
        ),
        # A dateline opens the sentence but never speaks.
        (
            "WASHINGTON (AP) — Senator Lin Jian, in a long speech, offered “a plan for everyone"
            " involved in it.”",
            "Senator Lin Jian",
        ),
        # "the company" is not the weekday next to the word "company".
        (
            "The company Wednesday announced layoffs. “We will survive this winter,” the company"
            " said.",
            "the company",
        ),
        # Inside one paragraph "he said" keeps the voice of the quotation before it.
        (
            "“We will win this,” Lin Jian said. Mark Rutte met him on Monday in Brussels."
            " “They know it well,” he said.",
            "Lin Jian",
        ),
    ],
)
def test_last_quotation_speaker(text: str, speaker: str) -> None:
    quotes = [q for q in extract_quotes(text) if q.kind != "scare"]
    assert quotes[-1].speaker == speaker, quotes


def test_transcript_labels_name_the_speaker_and_stage_directions_are_nobodys() -> None:
    text = (
        "Partial transcript as follows:\n\n"
        '"WALLACE: Let us start with the news of the day, Governor.\n\n'
        '"(CROSSTALK.)\n\n'
        '"PENCE: Well, look, we are going to win this race."'
    )
    quotes = [q for q in extract_quotes(text) if q.kind != "scare"]
    assert [(q.text, q.speaker) for q in quotes] == [
        ("Let us start with the news of the day, Governor.", "WALLACE"),
        ("Well, look, we are going to win this race.", "PENCE"),
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Initials and suffixes do not make a name an acronym.
        ("County freeholder Ernest D. Coursey spoke.", "Ernest D. Coursey"),
        ("Admiral Harry B. Harris Jr. spoke.", "Harry B. Harris Jr"),
        # A title written before a lone surname marks a person.
        ("The ministry’s spokesman Kang spoke.", "Kang"),
    ],
)
def test_article_evidence_marks_a_person(text: str, name: str) -> None:
    mentions = Resolver.for_text(text, []).mentions
    assert any(name in m.name and m.person for m in mentions), mentions


@pytest.mark.shared_data
def test_seed_article(shared_data: Path) -> None:
    quotes = extract_quotes((shared_data.parent / "seed-article.txt").read_text(encoding="utf-8"))
    by_start = {q.text.split()[0]: q for q in quotes}
    envoy = by_start["NATO"]
    assert envoy.text.startswith("NATO should stop hyping up")
    assert "Beijing’s envoy to the EU" in (envoy.speaker or "")
    blinken = by_start["machine"]
    assert blinken.speaker == "US Secretary of State Antony Blinken"
    assert by_start["prejudice,"].speaker == "China’s foreign ministry"
    no_limits = by_start["no"]
    assert (no_limits.text, no_limits.kind, no_limits.speaker) == ("no limits", "scare", None)


QUOTEY = st.sampled_from(list("ab C.,:;\n\"'“”‘’«»„‚「」『』`—-?!") + ["said", "he", " Lin "])


@settings(max_examples=300, deadline=None)
@given(st.lists(QUOTEY | st.characters()).map("".join) | st.text())
def test_never_raises_and_offsets_are_valid(text: str) -> None:
    for q in extract_quotes(text):
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.kind in ("direct", "partial", "scare")
        assert 0.0 <= q.confidence <= 1.0


def _bench():
    """Load bench/bench_quotes.py as a module."""
    path = ROOT / "bench" / "bench_quotes.py"
    spec = importlib.util.spec_from_file_location("bench_quotes", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


def _dev_scores():
    """Score the dev split, skipping when the shared data folder is absent."""
    bench = _bench()
    if not (bench.shared_data() / "quotes").is_dir():
        require("MONITOR_REQUIRE_SHARED_DATA", "shared data folder absent")
    return bench.score(bench.load_articles("dev"))


@pytest.mark.shared_data
def test_dev_quote_precision_and_direct_recall() -> None:
    scores = _dev_scores()
    assert scores.precision >= 0.95
    assert scores.recall >= 0.90


@pytest.mark.shared_data
def test_dev_speaker_name_accuracy() -> None:
    assert _dev_scores().speaker >= 0.81


def test_quotes_and_rules_cut_sentences_with_one_segmenter() -> None:
    from monitor.quotes.marks import find_spans, sentence_starts
    from monitor.rules import segment

    text = 'Russia warned Col. Ivanov on Monday. Talks with Prof. Li went on. "Stop. Now." He left.'
    spans = find_spans(text, 0, len(text))
    # Outside quotations both see the same sentences; inside one, only its last stop counts.
    assert segment.sentence_starts(text) == [0, 37, 66, 73, 79]
    assert sentence_starts(text, 0, len(text), spans) == [0, 37, 66, 79]


# Pronouns and sentence openers on real sentences from ../shared/data/quotes (PolNeAR), each
# shortened to what decides the speaker; the article id follows each case.
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A name in passing ("Mr. Trump's wealth") is not who "he" is.
        # polnear/train/nyt_2016-04-25_trump-s-aging-air-fleet-gives-hi/4b22
        (
            "Greg Raiff, chief executive officer of Private Jet Services, said the Boeing was an "
            "unusual aircraft for a man of Mr. Trump's wealth. ''Buying a 25-year-old 757 is "
            "like buying a bag of Cheetos,'' he said.",
            "Greg Raiff",
        ),
        # "he" is never a state.
        # polnear/train/breitbart_2016-02-06_republican-presidential-candidat/4b22
        (
            "Cruz openly admitted that his pick was politically motivated, looking to the "
            "February 20 primary in South Carolina. “With an eye to February 20th, Carolina,” "
            "he said.",
            "Cruz",
        ),
        # "she" is not the newspaper she wrote in ("In a Wall Street Journal essay" is no subject).
        # polnear/dev/wash-post_2016-09-21_mixed-messages-on-trump-leave-pl/6b86
        (
            "In a Wall Street Journal essay last week, Ivanka Trump acknowledged their uphill "
            'battle. "The number of households led by single mothers has doubled," she wrote.',
            "Ivanka Trump",
        ),
        # "Coal" is capitalised only because it opens the sentence.
        # polnear/train/wash-post_2016-07-06_understated-perez-raises-politic/4b22
        (
            "Coal miners are still smarting from remarks Clinton made earlier this year. When she "
            "was talking about the move to cleaner energy, she offered up this sound bite: "
            '"We\'re going to put a lot of coal miners and coal companies out of business."',
            "Clinton",
        ),
    ],
)
def test_pronoun_resolution_on_real_sentences(text: str, speaker: str) -> None:
    assert only(text).speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "Ohio Gov." is the title of the name after it, no name of its own that would open the
        # paragraph instead of Kasich.
        # polnear/train/usa-today_2016-01-22_some-republicans-promote-sanders/6b86
        (
            "Sanders highlighted polls that show him performing as well or better than Clinton in "
            "a general election matchup against GOP candidates, including front-runner Donald "
            'Trump, Sen. Ted Cruz of Texas and Sen. Marco Rubio of Florida.\n\n"If you want '
            "somebody who is going to beat Donald Trump, who is going to beat the other "
            'Republicans, I think Bernie Sanders is that candidate," Sanders said while '
            "campaigning in Iowa on Tuesday.\n\nSanders would beat Trump by more than 5percentage "
            "points compared with Clinton's 2.5-point edge over Trump, according to the most "
            "recent RealClearPolitics average of national polls.\n\nRepublicans don't seem to "
            "take Sanders' argument seriously.\n\nOhio Gov. John Kasich, a Republican "
            "presidential contender, predicted at the most recent GOP debate that Republicans "
            'will take "every state" if Sanders wins the Democratic nomination.\n\n"That\'s '
            'not even an issue," he said to applause.',
            "Ohio Gov. John Kasich",
        ),
        # "II" after a name is a generation's numeral, not an acronym that makes an organisation.
        # polnear/train/wash-post_2016-07-02_judge-blocks-mississippi-s-relig/4b22
        (
            "Joseph R. Murray II, a onetime lawyer for the ultra-conservative American Family "
            "Association, based in Tupelo, Miss., later came out as gay. He married in "
            "Mississippi last year (without incident), practices law in Ripley (population "
            "5,000), and counts himself as a devout Catholic and Donald Trump supporter. He "
            "recently wrote a commentary for the Clarion-Ledger, the state's largest newspaper, "
            'mocking GOP state leaders as "obsessed" with homosexuality.\n\n"The politics are '
            'just so blatant" in the legislature, he said in an interview.',
            "Joseph R. Murray II",
        ),
        # Who asks "when Tapper asked whether …" is not the sentence's subject: Ryan is.
        # polnear/train/politico_2016-05-05_paul-ryan-says-he-s-not-ready-to/4b22 (shortened)
        (
            "“Well, to be perfectly candid with you, I’m just not ready to do that at this "
            "point,” Ryan told CNN's Jake Tapper about extending his support to Trump.\n\n"
            "Ryan has previously called out Trump, slamming his proposed ban on Muslims and "
            "other controversial statements.\n\nRyan also did not exude confidence when Tapper "
            "asked whether Republicans would be able to hold on to the House and Senate in "
            "November.\n\n“The one thing I think you can predict of this year, it is gonna be "
            "unpredictable,” he said.",
            "Ryan",
        ),
    ],
)
def test_the_last_pronoun_of_real_paragraphs(text: str, speaker: str) -> None:
    assert [q for q in extract_quotes(text) if q.kind != "scare"][-1].speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        # polnear/train/wash-post_2015-11-16_clinton-s-claim-that-percent-of-/5fec
        "Moreover, as part of the exchange with Clinton, Gowdy referenced an inspector general's "
        'report that "less than one percent of State Department emails" were captured.',
        # polnear/train/huff-post_2016-08-05_bloodline-star-norbert-leo-butz-/6b86
        "Butz said he was ready. Audiences can expect him to approach the evening’s set with "
        "“maybe a little more recklessness than they’re used to.”",
    ],
)
def test_a_word_that_only_opens_a_sentence_is_not_a_speaker(text: str) -> None:
    first = text.split()[0].strip(",") if text.startswith("Moreover") else "Audiences"
    assert all(q.speaker != first for q in extract_quotes(text))


def test_the_salience_weights_cover_every_feature() -> None:
    """A feature added without refitting (bench/tune_resolver.py) would have no weight."""
    candidate = Candidate("Lin Jian", rank=0)
    assert set(WEIGHTS) == set(FEATURES)
    assert len(candidate.features("m")) == len(FEATURES)


def test_a_source_line_after_a_quoted_paragraph_attributes_it() -> None:
    # polnear/train/wash-post_2016-02-05_in-the-democrats-debate-some-fam/4e07 (fact-check style)
    text = (
        '"[Americans are] worried about the future of their kids, and yet almost all new income '
        'and wealth is going to the top 1 percent."\n\n- Bernie Sanders.\n\n'
        "The senator is relying on an outdated statistic."
    )
    assert (only(text).speaker, only(text).cue) == ("Bernie Sanders", "—")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A title no speaker starts with ("$15 organizing director"): the name that ends it speaks.
        # polnear/train/west-journal_2016-02-11_these-angry-protesters-are-targe/6b86
        (
            "“They have to decide whether to feed themselves or their kids,” Fight for $15 "
            "organizing director Kendall Fells told Fox News 6 in Milwaukee.",
            "Kendall Fells",
        ),
        # polnear/train/huff-post_2016-02-12_the-unlikely-friendship-of-a-tru/4b22
        (
            "“Look at all these Bernie supporters here,” Paradis said with a smirk.\n\n“They’re "
            "all here because he’s promising to give them all this free stuff,” Bennett shot back "
            "with a laugh.",
            "Bennett",
        ),
        # huff-post (PolNeAR train): "Oliver barked"; "Trump issued a statement, “…”".
        ("“OK, for a start, his wife has explained that she chose not to speak,” Oliver barked.",
         "Oliver"),
        ("After the attacks, Trump issued a statement, “Last night, our nation was attacked by a "
         "radical Islamic terrorist.”", "Trump"),
        # …with a hard space inside the phrase.
        # polnear/train/west-journal_2016-06-13_trump-calls-on-obama-to-resign/d473
        ("Immediately after the attacks, Trump issued a\xa0statement, “Last night, our nation was "
         "attacked by a radical Islamic terrorist.”", "Trump"),
        # "The Democratic presidential front-runner": an adjective, not a woman named Democratic;
        # "former secretary of state" is one title, not "state".
        # polnear/train/politico_2015-12-06_clinton-time-for-intensification/d473
        ("“We’re not winning,” Clinton said on ABC’s “This Week” on Sunday.\n\nThe Democratic "
         "presidential front-runner and former secretary of state said the U.S. “clearly” needed "
         "a more robust air campaign.\n\n“I think you’ll hear that from the president,” she said.",
         "Clinton"),
        # An opening phrase before the comma is not the sentence's subject.
        # polnear/train (huff-post, the conservative blacklist)
        ("Amid calls to identify those blacklisted, The Blaze’s Matt Walsh provided a "
         "philosophical justification for a blacklist, saying it is necessary to “identify the "
         "traitors and remember their names.”", "The Blaze’s Matt Walsh"),
        # polnear/train (Romney and the convention)
        ("Early in his campaign, Trump attacked Romney, calling him, among other things, “a "
         "failed candidate.”", "Trump"),
        # polnear/train/wash-post_2016-02-17_sanders-and-clinton-see-black-vo/4b22
        ("Here in Columbia, Sanders stepped up his emphasis on criminal justice issues, saying, "
         "\"We have got to achieve the day when young black males and women can walk the streets "
         "without being worried about being harassed by a police officer.\"", "Sanders"),
        # "what" opens a clause whose subject speaks, not a noun phrase reaching back to "to".
        # polnear/train/huff-post_2016-07-18_so-long-grand-old-party-hello-wh/ef2d
        ("Nixon’s use of the “Southern Strategy” led to what aide Kevin Phillips called “the "
         "beginning of a new Republican era” in his 1969 book The Emerging Republican Majority.",
         "aide Kevin Phillips"),
        # The name ending a sentence that opens a quotation with a colon speaks, even as an object.
        # polnear/train/breitbart_2016-02-18_poll-bernie-sanders-burns-hillar/6b86
        ("Asked if Sanders is “realistic enough to serve effectively as president,” 72 percent of "
         "Democrats said yes.\n\nThe timing of Sanders’ surge doesn’t surprise Republican "
         "pollster Daron Shaw: “Historically, lesser-known candidates beating establishment "
         "candidates in early contests have seen the biggest boost in their national support.”",
         "Daron Shaw"),
        # A possessive opening the sentence with a speaker noun: that noun speaks, not "his".
        # polnear/train/politico_2016-04-11_clinton-and-sanders-trade-low-bl/5fec
        ("Sanders’ campaign was ready to return fire. His chief aide doubled down on attacks on "
         "Clinton’s fitness to be president, saying she's experienced \"on paper\" but suggesting "
         "that might not be enough.", "His chief aide"),
        # polnear/train/wash-post_2016-04-05_democratic-primaries-turn-into-a/6b86
        ("His campaign protested that Clinton aides were being \"disingenuous\" because they knew "
         "Sanders \"already had locked in a park permit for a major rally\" that day.",
         "His campaign"),
        # A role between two names: the name after it is the sentence's subject, and a person
        # ("consultant Cornell Belcher"); the name before it is only whose role it is.
        # polnear/train/huff-post_2016-05-12_george-zimmerman-auctioning-off-/4b22
        ("Zimmerman said he had received offers for the gun.\n\nSanford police officer Timothy "
         "Smith holds up the gun used by George Zimmerman to kill Trayvon Martin during the 2013 "
         "trial.\n\n“The firearm is fully functional as the attempts by the Department of "
         "Justice to render the firearm inoperable were thwarted by my phenomenal Defense "
         "Attorney,” he added.", "Timothy Smith"),
        # polnear/train/huff-post_2016-02-01_here-s-why-winning-iowa-could-br/5fec
        ("Obama himself seemed to recognize the significance of the Iowa victory. “Years from "
         "now, you’ll look back and you’ll say that this was the moment,” he said in his victory "
         "speech that night.\n\nObama consultant Cornell Belcher, the highest-ranking "
         "African-American pollster, picked up a similar thread at the time. “African-Americans "
         "are beginning to see and sense that, quite frankly, that they have a lot more in "
         "common with white voters than not,” he said.", "Cornell Belcher"),
        # An apposition with a role or an age makes a name unknown to the name lists a person.
        # polnear/train/politico_2015-12-23_ben-carson-hints-at-major-campai/d473
        ("Carson once drew close to, or even slightly ahead of, front-runner Donald Trump in "
         "national polls. But he fell to 10 percent in the latest CNN/ORC poll released "
         "Wednesday.\n\nThe retired neurosurgeon has provided no details about how he planned "
         "to reboot his campaign. He added: “My senior team remains in place with my full "
         "confidence.”\n\n"
         "Armstrong Williams, Carson’s longtime friend and adviser, suggested that the candidate "
         "was seizing back control of his campaign. “Dr. Carson is back in charge, and I’m so "
         "happy to see that,” he told the AP.", "Armstrong Williams"),
        # polnear/train/usa-today_2016-07-26_protesters-push-through-intense-/6b86
        ("Amnesty International spokesman Eric Ferrero said groups of observers were dispatched "
         "with the marchers, whom he described as \"peaceful,\" for the length of the route.\n\n"
         "Amadou Magassa, 13, of Philadelphia sold water and Gatorade on Broad Street in "
         "anticipation of the protest. He said he came up with the sign idea: \"Democrats $1, "
         "Republicans $10 (just kidding -- everyone needs to hydrate today!)\" because of the "
         "convention.", "Amadou Magassa"),
        # A name set off by its age before a verb is its sentence's subject.
        # polnear/train/nyt_2016-09-07_ugly-election-enters-a-final-sur/ef2d
        ("One of the men, Jessie Elkins, 70, had served in Vietnam - ''13 months in living "
         "hell'' - and said he was convinced that Mr. Trump's rash nature would lead America "
         "into an unnecessary war. The other man, his cousin James York, 40, cited Mr. Trump's "
         "apparent fondness for President Vladimir V. Putin of Russia as a potential danger. "
         "''He's talking too much trash,'' he said.", "James York"),
        # Right after a quotation only a cue like "said" is followed by its speaker; "adding that
        # it’s why Donald Trump" names the object, and the sentence's "Cruz said" speaks.
        # polnear/train/breitbart_2016-02-20_the-latest-hillary-clinton-tells/ef2d
        ("Speaking to supporters in South Carolina following the state’s Republican primary, Cruz "
         "said that there is “only one strong conservative is in a position to win this race,” "
         "adding that it’s why Donald Trump “relentlessly attacks us and ignores the other "
         "candidates.”", "Cruz"),
        # A surname that is also a man's given name ("Thomas") does not make "she" skip her.
        # polnear/train/wash-post_2016-02-17_sanders-and-clinton-see-black-vo/4b22
        ("\"It's according to age groups,\" said Mattie Thomas, 66, a retired fast-food worker "
         "who lives in Lake City, about 25 miles south of Florence. She's a Sanders supporter but "
         "concedes that most of her peers love the Clintons from Bill's two terms in the Oval "
         "Office.\n\n\"They have a perception of the Clintons, and you're not going to change "
         "their minds,\" she said.", "Mattie Thomas"),
        # A name in an opening phrase ("On Monday night,") does not stop the name after it from
        # being the sentence's subject.
        # polnear/train/usa-today_2016-04-06_sanders-winning-streak-continues/4e07 (shortened)
        ("Bernie Sanders was projected as the winner of Wisconsin's Democratic primary.\n\n"
         "Sanders is burrowing in for a floor fight. He's suggesting that delegates from states "
         "he won should flip to his column.\n\nAs for the Clinton campaign, both the candidate "
         "and her staff are showing signs of irritation. On Monday night, Clinton campaign "
         "manager Robby Mook released a memo titled \"The Facts on Where the Race Stands.\"\n\n"
         "In it, he says Clinton has \"built a nearly insurmountable lead among both delegates "
         "and actual voters.\"", "Robby Mook"),
        # An opening phrase that names no one ("Recently,", "Just a few months ago,") does not
        # keep the name after it from being the sentence's subject.
        # polnear/train/wash-post_2016-05-25_fundraisers-scorned-by-trump-on-/d473 (shortened)
        ("\"It's the party unifying because they realize that Mrs. Clinton is not a viable "
         "choice,\" said Ron Weiser, who is one of the new Trump Victory vice chairs.\n\nJust a "
         "few months ago, Florida developer Mel Sembler expressed dismay at the thought of Trump "
         "as the party's nominee. \"I kept telling myself that won't happen, that can't happen. "
         ". . .  I now fear it may happen,\" he told the Tampa Bay Times in February.",
         "Mel Sembler"),
        # polnear/train/usa-today_2015-12-29_syrians-find-a-home-in-clarkston/4b22 (shortened)
        ("Opponents of allowing Syrian refugees into the U.S. cite concerns that the region is "
         "rife with terrorists. Recently, Herman Cain, the pizza maven and former Republican "
         "presidential candidate who hosts an Atlanta area radio show, was asked by a caller why "
         "young Syrian men are coming to the U.S. as refugees. \"So they can be planted among us "
         "and hurt us,\" he said.", "Herman Cain"),
        # "he said" keeps the previous quotation's speaker only if no one else opens a sentence
        # in between ("Political analyst David Bositis agreed …").
        # polnear/train/huff-post_2016-02-01_here-s-why-winning-iowa-could-br/5fec (shortened)
        ("Ahead of the Democratic primary debate in Charleston earlier this month, Clinton "
         "highlighted endorsements from high profile black leaders, like former Attorney General "
         "Eric Holder. More black Democratic state lawmakers have endorsed her than Sanders. But "
         "state Rep. Gilda Cobb-Hunter, a member of the Democratic National Committee, recalled "
         "what happened in 2008 to point out that Clinton’s double-digit lead in South Carolina "
         "could erode.\n\n“South Carolina’s black vote is not a monolith,” she said. “No one "
         "controls the black vote.”\n\nIn some parts of the country, the shift of black voters to "
         "the black candidate in 2008 felt less dramatic. “It’s not new in Virginia,” said Rep. "
         "Bobby Scott (D-Va.) at the time, adding that “we’ve been electing African-Americans to "
         "office for a long time.” Political analyst David Bositis agreed that the shift was a "
         "matter of geography and experience. For black voters in states like South Carolina, he "
         "said, their “political experience [told] them that African-Americans cannot win "
         "support from whites.”", "David Bositis"),
        # "(R-Tex.)" before the comma leaves an empty segment; the name before it still speaks.
        # polnear/train/wash-post_2016-03-10_after-hour-filibuster-missouri-s/4e07 (shortened)
        ("\"We call on other businesses and the [agriculture] community to join us in speaking "
         "out against discrimination in Missouri and around the world,\" the company tweeted."
         "\n\nOn the other side, Sen. Ted Cruz (R-Tex.), a Republican candidate for president who "
         "has made protecting religious liberties a centerpiece of his campaign, tweeted a "
         "warning. \"Missouri: Remember in November the Democrats who filibustered over 30 hours "
         "to fight against religious liberty.\"", "Sen. Ted Cruz"),
        # A quoted title inside the attribution cut the context before "put it": read across it.
        # polnear/train/nyt_2016-03-04_republicans-have-stake-in-a-deal/6b86
        ("As Akhil Amar, professor of constitutional law at Yale and author of ''America's "
         "Unwritten Constitution,'' put it, ''Senate Republicans should remember that a "
         "compromise candidate today may be far better for them than the justice they may get "
         "stuck with if the November election does not break their way.''", "Akhil Amar"),
        # "questioned" is a cue after a quoted question.
        # polnear/train/west-journal_2016-01-20_wow-glenn-beck-just-responded-to/5fec (shortened)
        ("The radioman pointed out that Trump was once an advocate for many of the policies Palin "
         "has campaigned against, including “big government, bailouts, executive orders.”\n\n"
         "“What was the massive pivot point to make him change so fundamentally?” Beck "
         "questioned.", "Beck"),
        # "…, he said." ends the sentence before: its pronoun is the voice that goes on.
        # polnear/train/wash-post_2015-12-12_misinformation-enters-mainstream/5fec (shortened)
        ("Hemsley, the co-author of \"Going Viral,\" about the rapid spread of information, said "
         "the days when the nation had \"a somewhat unifying story\" from newspapers are gone."
         "\n\nThis makes it increasingly difficult to dislodge misinformation, he said. Good "
         "information can still drive out bad, but usually only when \"the truth is sexier than "
         "the lie.\"", "Hemsley"),
        # "And then" links the clause to the sentence before; the subject follows it.
        # polnear/train/wash-post_2016-06-13_responses-are-in-keeping-with-ca/ef2d
        ("Then came another, more sympathetic tweet about the Orlando tragedy, followed by one in "
         "which he took credit for \"being right on radical Islamic terrorism.\" And then Trump "
         "went fully on the attack, saying, \"Is President Obama going to finally mention the "
         "words radical Islamic terrorism? If he doesn't he should immediately resign in "
         "disgrace!\"",
         "Trump"),
        # Reporting verbs of a headline and of a document: "blared", "indicated".
        # polnear/train/nyt_2016-02-09_rubio-is-tested-as-republican-ri/4e07
        ("The New Hampshire Union Leader said Mr. Rubio had been ''rocked'' by Mr. Christie. "
         "''Choke!'' blared the front page of The Boston Herald.",
         "the front page of The Boston Herald"),
        # polnear/train/west-journal_2016-05-02_newly-released-document-reveals-/4b22
        ("The cable indicated 13 security personnel would be the “minimum” needed for "
         "“transportation security and incident response capability.”", "The cable"),
        # polnear/train/wash-post_2016-07-13_after-review-clinton-s-emails-mi/6b86
        ("In a statement Tuesday, Judicial Watch President Tom Fitton called Clinton's assertion "
         "of a \"claim of right\" over her recovered emails \"significant and disturbing.\"",
         "Judicial Watch President Tom Fitton"),
    ],
)  # fmt: skip
def test_speaker_of_the_last_quotation_in_real_sentences(text: str, speaker: str) -> None:
    assert extract_quotes(text)[-1].speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "read" is its own past tense after a document.
        # polnear/train/west-journal_2016-08-27_newspaper-says-clinton-needs-to-/5fec
        ("“If she wants to be the next president, Hillary Clinton should act like one, and come "
         "to Louisiana,” the editorial read.", "the editorial"),
        # After "!" the sentence goes on to its speaker.
        # polnear/train/breitbart_2016-07-19_republicans-begin-roll-call-vote/d473
        ("“The great state of Alabama… is proud to cast its votes: one vote for Marco Rubio, 13 "
         "for Ted Cruz, and 36 votes for the next president of the United States, Donald J. "
         "Trump!” US Senator Jeff Sessions said as he launched the process.",
         "US Senator Jeff Sessions"),
        # polnear/train/wash-post_2016-03-18_why-obama-s-high-court-pick-migh/d473
        ("As The Post's Dana Milbank puts it, \"Senate Republicans are unmoved, and liberal "
         "activists are uninspired.\"", "The Post's Dana Milbank"),
        # A weekday after "in a tweet" is not who tweeted; the sentence's subject is.
        # polnear/train/politico_2016-07-05_criminal-charges-against-clinton/4e07
        ("Trump called the system “rigged” in a tweet Tuesday, and a few Republican lawmakers "
         "have called for a special prosecutor.", "Trump"),
        # A nested quotation closes with one mark more before "said".
        # polnear/train/nyt_2015-11-17_terrorism-moves-to-fore-of-u-s-c/d473
        ("''I think that when you look at the dimensions of this tragedy, most Republican voters "
         "will not be satisfied with 'We'll bomb the S out of them,''' said Senator John McCain "
         "of Arizona, referring to Mr. Trump's more pungent vow last week.",
         "Senator John McCain of Arizona"),
        # A lawmaker's party and state in brackets are not the speaker.
        # polnear/train (Breitbart, the Massachusetts Democratic convention)
        ("Saturday at the Massachusetts Democratic state’s party convention Sen. Elizabeth Warren "
         "(D-MA) said presumptive Republican presidential nominee Donald Trump was a “proven "
         "failure” in business.", "Elizabeth Warren"),
        # "Ginsburg’s comments" is a noun, not a reporting verb after a speaker "Ginsburg’s".
        # polnear/train (Ginsburg's remarks on Trump)
        ("House Speaker Paul Ryan told CNN Tuesday that Ginsburg’s comments “shows bias to me.”",
         "House Speaker Paul Ryan"),
        # "earlier" after the speaker is when, not who.
        # polnear/train (wash-post, the Trump campaign's nondisclosure agreements)
        ("Corey Lewandowski earlier wrote that staff must not “demean or disparage publicly” "
         "Trump.", "Corey Lewandowski"),
        # The clause an "-ing" cue follows has its own subject; "It was…" names no one.
        # polnear/train/nyt_2016-06-28_clinton-and-warren-team-up-on-tr/d473
        ("It was a potent one-two punch by the two most prominent women in the Democratic Party, "
         "as Mrs. Clinton echoed the criticism, saying Mr. Trump ''reminds us every day that he's "
         "not in it for the American people.''", "Mrs. Clinton"),
        # A spaced hyphen sets a phrase off like a dash.
        # polnear/train (nyt, Biden campaigns for Clinton in Scranton)
        ("Any prepared text doomed to be ignored - Mr. Biden assured his hometown's residents "
         "that Mrs. Clinton was ''made of the same stuff,'' even if she could not always show it.",
         "Mr. Biden"),
        # "In Ames, Iowa, on Sunday,": the state and the day belong to the opening phrase.
        # polnear/train (nyt, Clinton on the Islamic State)
        ("At a campaign event in Ames, Iowa, on Sunday, Mrs. Clinton tried to expand on her "
         "earlier statement, saying that the United States should play a leadership role and ''be "
         "rallying our partners and allies.''", "Mrs. Clinton"),
        # An "-ing" cue after a verb's object belongs to the verb's subject.
        # polnear/train (Arizona primary lines)
        ("Phoenix Mayor Greg Stanton wrote a letter to Attorney General Loretta E. Lynch asking "
         "the Justice Department to investigate the \"fiasco.\"", "Phoenix Mayor Greg Stanton"),
        # …but its own subject set off by "with" or a dash speaks.
        # polnear/train (Reuters, Orlando shooting)
        ("The United States responds to militant violence, with Republican Senator John McCain "
         "telling reporters on Thursday he viewed Obama as “directly responsible” for the attack.",
         "Republican Senator John McCain"),
        # "reacted" is a cue, inverted after a quotation too.
        # polnear/train (Trump on Obama's mosque speech)
        ("“Obama said in his speech that Muslims are our sports heroes. What sport is he talking "
         "about, and who? Is Obama profiling?” reacted Trump.", "Trump"),
        # A name set off inside a relative clause ("whose hometown, Miami,") is not the speaker.
        # polnear/train/nyt_2016-03-03_a-carbon-tax-that-really-works-e/6b86
        ("Marco Rubio, whose hometown, Miami, is projected to be largely underwater within the "
         "not too distant future as ice caps shrink and the sea level rises, argues that "
         "government efforts to combat it will ''destroy our economy.''", "Marco Rubio"),
        # A verb inside a phrase after the quotation ("in the way X responds") is not its cue.
        # polnear/train/nyt_2015-12-14_visa-screening-missed-attacker-s/d473
        ("While President Obama has cautioned against ''a betrayal of our values'' in the way the "
         "United States responds to threats, he has ordered a review of the K-1 visa program.",
         "President Obama"),
        # "confided" is a reporting verb; without it the sentence's opening place ("Queens") spoke.
        # polnear/train/nyt_2016-01-04_for-trump-lessons-from-a-brother/6b86
        ("When Ms. Schifano moved to Jamaica Estates, Queens, the wealthy enclave where the Trumps "
         "lived, Freddy confided to her that his parents had panicked because, as Italians, the "
         "Schifanos were ''the first ethnic family to move into the neighborhood.''", "Freddy"),
        # A roundup names its source after a dash and the headline: not the headline's subject.
        # polnear/train/huff-post_2016-02-03_huffpollster-a-seismic-shift-amo/4b22
        ("Pollsters agree - Carl Bialik: “One of the biggest lessons was a simple one: Keep on "
         "contacting voters as late as possible.”", "Carl Bialik"),
        # After "?" the sentence goes on past "Mr." and "Sept." to its speaker.
        # polnear/train/nyt_2016-02-17_jeb-bush-helped-by-george-goes-a/5fec
        ("''What does that mean, he kept the country safe after 9/11?'' Mr. Trump asked, "
         "repeating a broadside - that the 43rd president was responsible for the terrorist "
         "attacks of Sept. 11, 2001 - that he used in Saturday's Republican debate.", "Mr. Trump"),
        # "could" and "did" before a cue are the speaker's auxiliaries, not a clause's boundary.
        # polnear/train/usa-today_2015-12-23_saturday-night-s-all-right-for-f/d473
        ("The scheduling was so odd that a spokesman for Bernie Sanders could only quip: \"I "
         "guess Christmas Eve was booked.\"", "a spokesman for Bernie Sanders"),
        # polnear/train/west-journal_2016-01-14_tim-allen-just-got-asked-about-d/d473
        ("Acknowledging that Trump “says a lot of stupid stuff,” though, Allen did suggest that "
         "the real estate mogul’s wealth does give him a unique advantage.", "Allen"),
        # A verb joined by "and" shares the subject of the verb before it…
        # polnear/train/nyt_2016-04-21_crucial-wins-for-clinton-and-tru/ef2d
        ("Smiling broadly throughout her victory speech, Mrs. Clinton drew cheers as she thanked "
         "her adopted home state and then boomed, ''Today, you proved once again, there's no "
         "place like home.''", "Mrs. Clinton"),
        # polnear/train/usa-today_2016-07-25_sanders-endorsement-for-some/4b22
        ("Last month, when I asked Bernie Sanders if he would ever endorse Hillary Clinton, he "
         "looked straight into my iPhone camera, furrowed his brow and said, \"I'm gonna endorse "
         "YOU!\"", "Bernie Sanders"),
        # …not a pronoun in the phrase that opens the sentence.
        # polnear/train/nyt_2016-02-01_with-wall-st-center-stage-novel-/4b22
        ("When asked whom she supported, Ms. Sherry smiled and said, ''I'm waiting for Michael "
         "Bloomberg to get in the race.''", "Ms. Sherry"),
        # Marks of two shapes pair across the attribution, which is then inside the quotation.
        # polnear/train/politico_2016-07-06_atlantic-city-officials-welcome-/ef2d
        ("Despite the negative sheen, local officials said they welcome the national attention."
         "\n\n“At this point, I don’t think there is bad publicity,\" said Atlantic City Mayor Don "
         "Guardian in a telephone interview. \"We’ve made bad mistakes and have been making them "
         "for 50 years.”", "Atlantic City Mayor Don Guardian"),
        # "thanked" is a cue; "during a Sunday" between the speaker and it is when, not who.
        # polnear/train/politico_2016-01-29_record-setting-spending-spree-re/ef2d
        ("It’s become such a presence on the trail that Sanders during a Sunday thanked its "
         "members “for their support in my campaign” and called National Nurses United “one of "
         "the sponsors of my campaign and I appreciate that.”", "Sanders"),
        # "said, adding": the "-ing" cue continues the subject of "said", not the sentence's.
        # polnear/train/politico_2016-05-05_paul-ryan-says-he-s-not-ready-to/4b22
        ("Ryan and Trump will meet sometime next week, Spicer said, adding, \"They need to sit "
         "down and have a good talk.\"", "Spicer"),
        # A cue in a clause of its own opens the quotation; the cue after it is the main clause's.
        # polnear/train/politico_2016-07-05_criminal-charges-against-clinton/4e07
        ("But even as Trump claimed on Tuesday that “General Petraeus got in trouble for far "
         "less,” one of the former prosecutors for David Petraeus said the two cases were quite "
         "different.", "Trump"),
        # polnear/train/nyt_2015-11-25_golf-courses-forced-to-reach-int/4b22
        ("In 2009, under what Mr. Hedge called ''the prior economy model,'' the Marsh Landing "
         "Country Club, a private course 300 miles north of here in Ponte Vedra Beach, Fla., "
         "charged a $100,000 initiation fee.", "Mr. Hedge"),
        # The sentence before reports what its subject "has argued that…": the voice goes on.
        # polnear/train/politico_2015-12-28_are-democrats-crippling-obamacar/4e07
        ("Brill has argued that the law was crippled from the outset because of the political "
         "tradeoffs the drafters had to make to drugmakers, hospitals and other big health care "
         "players from coming out against it. As a result, there’s still “a very powerful "
         "industry that has the freedom to charge whatever.”", "Brill"),
        # "Santilli's attorney" between commas is the role of the name before it.
        # polnear/train/wash-post_2016-02-21_oregon-occupier-uses-st-amendmen/5fec
        ("Coan, Santilli's attorney, argues that his client was never encouraging people toward "
         "violence. \"His intent was to put this in a spot where it had the best possibility for "
         "peaceful resolution.\"", "Coan"),
        # A quoted name inside the attribution cut the context before "said": read across it.
        # polnear/train/breitbart_2016-07-21_trump-fever-infects-convention-f/6b86
        ("“We’ve had more successful conventions than this one,” Texas delegate Bill Eastland, "
         "wearing a cowboy hat and “Ted Cruz” campaign pins, said matter-of-factly as confetti "
         "fluttered down around him.", "Texas delegate Bill Eastland"),
        # "Vargas’ question" is a noun after a possessive in "s’", not a cue whose subject speaks.
        # polnear/train/west-journal_2015-11-25_hillary-just-vowed-to-never-utte/ef2d (shortened)
        ("Clinton responded to Vargas’ question on Facebook writing, “Yes, I will. That was a "
         "poor choice of words.”", "Clinton"),
        # "Trump said:" after the quotation opens the next one; the cue before it is this one's.
        # polnear/train/wash-post_2016-02-14_nomination-questions-are-likely-/d473
        ("After Scalia said that minority students who did not qualify for elite universities "
         "might do better at \"less advanced schools,\" Trump said: \"I don't like what he said, "
         "no, I don't like what he said. . . . I'm going, 'Whoa.'.\"", "Scalia"),
        # A weekday before "of" opens no name: "Scalia" is not "Saturday of Justice Antonin Scalia".
        # polnear/train/wash-post_2016-02-14_nomination-questions-are-likely-/d473 (shortened)
        ("The unexpected death Saturday of Justice Antonin Scalia, regarded as the dominant figure "
         "of the court's conservative majority, has left it deeply divided.\n\nAfter Scalia said "
         "that minority students who did not qualify for elite universities might do better at "
         "\"less advanced schools,\" Trump said: \"I don't like what he said.\"",
         "Justice Antonin Scalia"),
        # A noun for what was said ("claim that", "conclusion that") belongs to its owner, not
        # to the verb of the sentence around it.
        # polnear/train/politico_2016-08-11_pence-blames-media-for-trump-s-o/4e07
        ("LA CROSSE, Wisc. — Gov. Mike Pence on Thursday blamed the media for making an issue out "
         "of Donald Trump’s claim that President Barack Obama “founded ISIS,” saying they were "
         "nitpicking at Trump's wording while missing the larger truth of Trump's remarks.",
         "Donald Trump"),
        # polnear/train/usa-today_2016-07-25_some-democrats-in-tight-races-wi/6b86
        ("The candidates say they are not trying to avoid appearing beside presumptive Democratic "
         "presidential nominee Hillary Clinton, who has been battered in recent weeks by the "
         "fallout from the FBI's investigation of her use of a private email server for "
         "classified information and by FBI Director James Comey's conclusion that her actions "
         "were \"extremely careless.\"",
         "FBI Director James Comey"),
        # "jeered" is a cue; "Russian for" glosses the quotation and is no speaker.
        # polnear/train/nyt_2016-01-04_for-trump-lessons-from-a-brother/6b86
        ("Once, when they spotted a Soviet trawler in international waters off the coast of "
         "Montauk, Freddy circled it as his friends jeered, ''Do svidaniya!'' - Russian for "
         "''goodbye.''", "his friends"),
        # The owner of the said noun speaks, not the subject of the verb before it; the
        # sentence's verb gives the next quotation (see the last-quotation table).
        # polnear/train/wash-post_2016-07-13_after-review-clinton-s-emails-mi/6b86
        ("In a statement Tuesday, Judicial Watch President Tom Fitton called Clinton's assertion "
         "of a \"claim of right\" over her recovered emails \"significant and disturbing.\"",
         "Clinton"),
        # The said noun after the quotation: the possessive right before it names the speaker.
        # polnear/train/politico_2015-12-28_are-democrats-crippling-obamacar/4e07
        ("Unions have been plotting to junk the Cadillac tax ever since it was proposed. It's the "
         "persistent pull of Obama's \"if you like your plan, you can keep it\" promise: Many of "
         "them negotiated generous employer-sponsored plans in place of increased wages, and they "
         "want to keep them.", "Obama"),
    ],
)  # fmt: skip
def test_speaker_of_the_first_quotation_in_real_sentences(text: str, speaker: str) -> None:
    assert extract_quotes(text)[0].speaker == speaker


def test_a_quotation_without_its_own_attribution_keeps_the_voice_around_it() -> None:
    # polnear/train/nyt_2016-02-22_the-party-of-bush-yields-warily-/4b22: "Unless further" opens
    # the sentence and is no speaker; the quotation continues Steve Schmidt's.
    text = (
        "''It's an enormous moment,'' said Steve Schmidt, a top Republican strategist on John "
        "McCain's presidential campaign in 2008. Unless further rivals immediately quit the race, "
        "''it's very difficult to see how he is stopped on his way to the nomination.''"
    )
    assert [q.speaker for q in extract_quotes(text)] == ["Steve Schmidt", "Steve Schmidt"]


def test_a_new_paragraph_after_a_quotation_is_not_its_source() -> None:
    # polnear/dev (Earnest on Bill Clinton's comments): the next paragraph's "noted" is news.
    text = (
        "“And we have seen a sustained commitment on the part of Republicans to trying to tear "
        "down that law,” Josh Earnest said at a briefing Monday.\n\n“It works.”\n\nThe Republican "
        "National Committee noted Bill Clinton’s comments and video of them on its website."
    )
    assert extract_quotes(text)[1].speaker != "The Republican National Committee"


def test_a_people_an_abbreviation_and_a_credit_line_are_never_he() -> None:
    # polnear/train/huff-post_2015-12-22_of-the-most-powerful-things-lati/ef2d: "he" was
    # "Latinos", then the "U" of "U.S", then the photo credit "Getty."
    text = (
        "Latinos gave us plenty to think about in 2015.\n\n1\nJohn Leguizamo On How U.S. History "
        "Makes Latinos Feel “Invisible.”\n\nGetty.\n\nIn a conversation with HuffPost Live’s "
        "Alyona Minkovski about his upcoming comedy project, “Latin History for Dummies,” the "
        "actor discussed the absence of Latinos in U.S history education. “Just imagine, you’re a "
        "white kid and all of a sudden everybody’s Latin and everything they’re teaching you is "
        "Latin,” he said."
    )
    assert extract_quotes(text)[-1].speaker not in {"Latinos", "U", "Getty"}


def test_family_members_are_separate_people_and_a_paper_is_never_she() -> None:
    # polnear/dev/wash-post_2016-09-21_mixed-messages-on-trump-leave-pl/6b86: "she" was Donald
    # Trump's share of the surname, then the Wall Street Journal.
    text = (
        "Donald Trump unveiled a child-care plan on Tuesday. Trump said it would help mothers.\n\n"
        "The campaign has credited Ivanka Trump with inspiring and co-designing the proposal, the "
        "first of its nature from a top GOP contender for the White House.\n\nThe Trump campaign "
        "has previously addressed the plight of many single mothers. In a Wall Street Journal "
        'essay last week, Ivanka Trump acknowledged their uphill battle. "The number of '
        'households led by single mothers has doubled in the past three decades," she wrote.'
    )
    assert extract_quotes(text)[-1].speaker == "Ivanka Trump"


def test_kim_is_no_womans_name_in_kim_jong_un() -> None:
    # Korean names put the family name first; "Kim" says nothing of gender.
    assert gender_of("Kim Jong Un") is None
    assert gender_of("Ivanka Trump") == "f"


def test_a_country_is_never_he() -> None:
    # polnear/dev/wash-post_2016-09-10_outrage-but-few-options-on-the-t/5fec: "he" was North
    # Korea, the subject of the sentences before ("The latest test, North Korea said, was…").
    text = (
        'The latest test, North Korea said, was its biggest yet.\n\n"To be clear, the United '
        'States does not, and never will, accept North Korea as a nuclear state," he said.'
    )
    assert extract_quotes(text)[-1].speaker is None


def test_a_pronoun_set_off_after_a_name_is_that_person() -> None:
    # polnear/train/nyt_2016-06-28_clinton-and-warren-team-up-on-tr/d473
    text = (
        "Mrs. Clinton echoed the criticism. Mrs. Clinton said it again, and Ms. Warren, she said, "
        "''exposes him for what he is.''"
    )
    assert extract_quotes(text)[-1].speaker == "Ms. Warren"


def test_at_one_point_is_when_not_who() -> None:
    # polnear/train (politico, Christie and Atlantic City): "…, at one point calling the mayor".
    words = "he has battled with Guardian over the city's finances, at one point"
    assert subject_before(words) == ""


def test_adjectives_that_open_a_sentence_are_not_names() -> None:
    # polnear/train (nyt, Bill Clinton's speeches): "Charismatic and soulful, … Mr. Clinton was".
    text = "Charismatic and soulful, Mr. Clinton was among the most gifted of modern presidents."
    assert not_a_name("Charismatic", text)
    assert not not_a_name("Clinton", text)


def test_a_crowd_in_the_next_sentence_is_not_the_company() -> None:
    # polnear/train (nyt, Twitter suspends accounts): "Investors", two words after "the
    # company." but in the next sentence, was taken for the company.
    text = (
        "Twitter shares were up, pushing the company. Investors seem to agree.\n\n''As the "
        "nature of the terrorist threat has changed, so has our "
        "ongoing work in this area,'' Twitter said in a statement. The company said its moves "
        "had already produced results, ''including an increase in account suspensions.''"
    )
    assert extract_quotes(text)[-1].speaker in ("Twitter", "The company")


@pytest.mark.parametrize(
    ("name", "gender"),
    [
        ("Virginia Gov. Terry McAuliffe", "m"),  # a state, not a woman's name
        ("Georgia Rep. John Lewis", "m"),
        ("Arianna Huffington", "f"),  # polnear/train (huff-post): "she wrote", not Mrs. Clinton
        ("Alyona Minkovski", "f"),
        ("Nikita Khrushchev", None),  # a man's name in -a
        ("Kim Jong Un", None),
        ("Mattie Thomas", None),  # a surname that is also a man's given name tells nothing
        ("Sen. Thomas", "m"),
    ],
)
def test_gender_from_a_name(name: str, gender: str | None) -> None:
    assert gender_of(name) == gender


def test_a_given_name_alone_is_a_person() -> None:
    # polnear/train (Sanders campaign): "his wife, Jane, called …" then "she said".
    text = "On CNN Tuesday, his wife, Jane, called for an open primary process."
    jane = [m for m in _mentions(text) if m.name == "Jane"]
    assert [(m.person, m.gender) for m in jane] == [(True, "f")]


def test_titles_and_middle_names_do_not_split_one_person() -> None:
    # relevance/dev.jsonl (BBC on Merkel; Task & Purpose on Rep. Luna): "Mrs Merkel" has no full
    # stop after its title, "Paulina Luna" drops her first name; two people share a surname only
    # when neither's given names hold the other's.
    assert person_key("Mrs Merkel") == person_key("Mr Merkel") == "Merkel"
    names = ["Rep. Anna Paulina Luna", "Paulina Luna", "Angela Merkel", "Mrs Merkel"]
    assert shared_surnames([(i, n) for i, n in enumerate(names)]) == set()
    family = ["George W. Bush", "Noelle Bush", "Donald Trump", "Ivanka Trump"]
    assert shared_surnames([(i, n) for i, n in enumerate(family)]) == {"Bush", "Trump"}
    assert gender_of("Noelle Bush") == "f"


def test_an_ing_cue_after_a_quotation_takes_the_sentences_subject() -> None:
    # polnear/train (Friends of Abe): not "the Friends of Abe will return".
    text = (
        "Boreing said the members will still meet for drinks and speakers, but said, “It’s time "
        "we change how we do it,” promising the Friends of Abe will return to its roots."
    )
    assert extract_quotes(text)[0].speaker == "Boreing"


@pytest.mark.parametrize("surname", ["King", "Boreing", "Manning"])
def test_surnames_in_ing_are_speakers(surname: str) -> None:
    # polnear/train (Friends of Abe: "Boreing said"); Rep. Steve King, Angus King.
    assert tidy_speaker(surname) == surname
    assert tidy_speaker("Speaking") is None


def test_words_of_kind_plural_families_and_contracted_openers_are_never_he() -> None:
    # polnear/train (Carrier workers, the Clintons, "US-UK trade"); relevance/dev.jsonl ("They’re",
    # "President" alone): none of these is a person a "he" or "she" can be.
    text = (
        "Hillary Clinton spoke after the Clintons, who left. A Muslim American spoke. US-UK talks "
        "stalled. They’re worried. President said so. R-Ga said it too."
    )
    found = {m.name: m.place for m in _mentions(text)}
    assert found.get("Clintons") is True
    assert found.get("US-UK") is True
    assert "They’re" not in found and "President" not in found and "R-Ga" not in found


def test_a_subject_after_an_opening_clause_is_the_likelier_he() -> None:
    # polnear/train (Cruz and Kasich's alliance): "As he has before, Cruz …" makes Cruz the
    # subject; Kasich, named last, is only the object.
    text = (
        '"I have tremendous respect for Governor Mike Pence," Ted Cruz said.\n\n'
        "Pence met with Cruz and Trump last week, and this week with Ohio Gov. John Kasich, "
        "the third candidate in the GOP race. Kasich agreed to effectively end his bid for "
        "Indiana in order to direct the anti-Trump vote in the state toward Cruz. In return, "
        "Cruz will clear the way for Kasich to take on Trump in upcoming contests in Oregon "
        "and New Mexico.\n\n"
        "As he has before, Cruz on Friday played down the idea that he had struck a major deal "
        'with Kasich. "There never was a grand alliance," he said.'
    )
    assert extract_quotes(text)[-1].speaker == "Ted Cruz"


@pytest.mark.parametrize(
    ("words", "speaker"),
    [
        # relevance/dev.jsonl (The Hill, the Trump doctrine): "Variously called “principled
        # realism”" has no speaker; names that end like adverbs keep theirs.
        ("Variously", None),
        ("Reportedly", None),
        ("Kimberly", "Kimberly"),
        ("Connolly", "Connolly"),
        ("Carly", "Carly"),
    ],
)
def test_adverbs_are_no_speakers_but_names_ending_like_them_are(
    words: str, speaker: str | None
) -> None:
    assert tidy_speaker(words) == speaker


def test_imperatives_and_plural_nouns_that_open_a_sentence_are_never_he() -> None:
    # relevance/dev.jsonl: "Be sure to watch the interview with Kennedy below", "Near …",
    # "Conversations …" were each taken for the "he" after them.
    text = "Be sure to watch. Near the end it rained. Conversations went on. Jay Monahan spoke."
    names = [m.name for m in _mentions(text) if not m.place]
    assert names == ["Jay Monahan"]


def test_an_adverb_after_a_closing_quotation_mark_opens_a_sentence_and_is_never_he() -> None:
    # relevance/dev.jsonl allsides:mwjs7EbF3zal9RFV: "“… stand up and be counted.” Fortunately,
    # he says, America continues …" made "Fortunately" a name, the next "he says" its words and
    # the speaker none (a sentence after ".”", "?" or "!" opened no clause).
    text = (
        "“We have a knack,” Mr. Shultz says. “We can stand up and be counted.” "
        "Fortunately, he says, America has values. Really? Hopefully, he adds, it lasts."
    )
    names = [m.name for m in _mentions(text) if not m.place]
    assert names == ["Mr. Shultz"]


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        # polnear/train (Breakthrough Institute, "Ted Nordhaus"); given names that end like a
        # participle or an adverb open a sentence as its subject.
        ("Ted Nordhaus welcomed the recognition", "Ted Nordhaus"),
        ("Sally Yates told the panel", "Sally Yates"),
        ("Variously called it", ""),
        ("Speaking at a rally, Trump said", "Trump"),
    ],
)
def test_given_names_that_end_like_participles_open_their_sentence(
    sentence: str, subject: str
) -> None:
    assert sentence_subject(sentence) == subject


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        # extraction/scrapinghub 702d1da6…: "American negotiators are now left with the
        # difficult task of translating the massive purchases Mr. Trump requested — larger
        # purchases “than any time in our history, by far” — …" gave the speaker "American".
        ("American negotiators are now left with the difficult task", "American negotiators"),
        ("Russian diplomats now call the alliance a", "Russian diplomats"),
        # A people's word alone is an adjective, never who speaks; places and bodies stay.
        ("American forces are", ""),
        ("British lawmakers are furious at", "British lawmakers"),
        ("Europe offers", "Europe"),
        ("NATO leaders have pledged", "NATO"),
    ],
)
def test_a_peoples_word_opens_a_sentence_only_with_its_people(sentence: str, subject: str) -> None:
    assert sentence_subject(sentence) == subject


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        # polnear/train (half A) huff-post_2015-11-11 "a-meaningful-exchange-actually-h": "The
        # Florida senator’s answer was that “the most important institution in society is the
        # family,”" gave the fragment "The Florida" (the possessive read as a verb's -s).
        ("The Florida senator’s answer was that", "The Florida senator"),
        ("The Ohio governor's reply was", "The Ohio governor"),
        # Guards: a verb's -s still ends the subject; an owner written first keeps its noun.
        ("The Florida senator says", "The Florida senator"),
        ("Florida’s senator says", "Florida’s senator"),
    ],
)
def test_an_owner_before_what_was_said_is_the_subject(sentence: str, subject: str) -> None:
    assert sentence_subject(sentence) == subject


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        # relevance/dev.jsonl rtqa:aa9f577fe63d (half S1): "In a joint statement following
        # Trump's meeting with Putin in Alaska on Friday, Aug. 15, Meloni joined several other EU
        # leaders in a pledge to support Ukraine, saying the nation must have "ironclad" …" gave
        # the date as the subject, so the quotation had no speaker.
        (
            "In a joint statement following Trump's meeting with Putin in Alaska on Friday, "
            "Aug. 15, Meloni joined several other EU leaders in a pledge",
            "Meloni",
        ),
        ("On Tuesday, Nov. 3, 2020, Trump said", "Trump"),
        # relevance/dev.jsonl allsides:pWrUH7E1hxutCTYd (half S1): "Then on October 3, 2016,
        # WikiLeaks DMed Don Jr. again, asking him to “comment on” …": an acronym made a verb
        # ends the subject, or the person read "WikiLeaks DMed Don Jr.".
        ("Then on October 3, 2016, WikiLeaks DMed Don Jr. again, asking him", "WikiLeaks"),
        # Guards: an opening phrase with no date after it; an acronym that is a name.
        ("On Friday, Meloni joined", "Meloni"),
        ("NATO leaders have pledged", "NATO"),
    ],
)
def test_a_date_set_off_after_an_opening_phrase_is_no_subject(sentence: str, subject: str) -> None:
    assert sentence_subject(sentence) == subject


@pytest.mark.parametrize(
    ("words", "subject"),
    [
        # polnear/train (half A) huff-post_2016-03-15 "pastor-wants-girl-scout-leaders-":
        # "…his weekly radio show, “Generations with Kevin Swanson,” Right Wing Watch first
        # reported." gave the speaker "Right Wing Watch first".
        ("his weekly radio show, Right Wing Watch first ", "Right Wing Watch"),
        ("As Politico first ", "Politico"),
        # Guards: "First" in a name and "the first" stay.
        ("The group America First ", "The group America First"),
        ("the first ", "the first"),
    ],
)
def test_first_before_a_cue_is_no_word_of_the_speaker(words: str, subject: str) -> None:
    assert subject_before(words) == subject


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        # extraction/scrapinghub 624fcd90… (half X1), shortened: the description written again
        # with the name after it, its post between.
        ("China’s ambassador to Britain accused the UK. Police said more. China’s ambassador to "
         "Britain Liu Xiaming has said", "China’s ambassador", "Liu Xiaming"),
        ("The White House spokesman declined. Later, The White House spokesman Josh Earnest said",
         "The White House spokesman", "Josh Earnest"),
        # Guards: a name after other words is no naming of it; a name alone is no description.
        ("The spokesman declined. The spokesman said Josh Earnest was wrong",
         "The spokesman", None),
        ("Biden said so. Biden Harris campaign", "Biden", None),
    ],
)  # fmt: skip
def test_a_description_written_again_with_a_name_is_that_name(
    text: str, words: str, name: str | None
) -> None:
    assert named_later(text, words, 0) == name


@pytest.mark.parametrize(
    ("before", "subject"),
    [
        # relevance/dev.jsonl allsides:pWrUH7E1hxutCTYd (half S1): "which eventually spurred
        # WikiLeaks to tweet that …" gave no speaker (and the voice around, Roger Stone).
        ("which eventually spurred WikiLeaks to ", "WikiLeaks"),
        ("the senator urged President Obama to ", "President Obama"),
        # Guards: the subject of "took to Twitter to" speaks; no name, no speaker.
        ("Trump took to Twitter to ", "Trump"),
        ("it led to ", ""),
    ],
)
def test_the_one_a_verb_has_speak_is_the_infinitives_subject(before: str, subject: str) -> None:
    assert infinitive_subject(before) == subject


def test_a_name_before_an_ing_cue_after_a_quotation_still_speaks() -> None:
    # Guard, PolNeAR train (half A) politico_2016-05-12 "the-trump-gop-feud-lives-on": "both men
    # issued a statement … – Ryan saying he was “very encouraged” and Trump calling it a “great
    # meeting.”" (a thing before the cue gives the quotation to the verb before, a name does not).
    text = (
        "Both men issued a statement expressing optimism about working together – Ryan saying he "
        "was “very encouraged” and Trump calling it a “great meeting.”"
    )
    assert [q.speaker for q in extract_quotes(text)] == ["Ryan", "Trump"]


def test_a_cue_in_a_clause_closed_before_the_quotation_still_speaks() -> None:
    # Guard: the clause of time holds the cue of the quotation when no main clause of its own
    # follows it ("Mrs. Clinton said that when Ms. Warren railed …, “…”" is handled apart).
    text = "Smith said that while Jones warned reporters he would “fight this to the end.”"
    assert [q.speaker for q in extract_quotes(text)] == ["Jones"]


def test_a_country_after_a_name_keeps_the_person_and_their_short_name() -> None:
    # polnear-train, nyt 2016-09-07 "ugly-election-enters-a-final-sur": "President Vladimir V.
    # Putin of Russia" was an organisation keyed by "Russia", so "Mr. Putin" stayed unexpanded;
    # "James York" was no person because York is also a city.
    text = (
        "The other man, his cousin James York, 40, cited Mr. Trump's apparent fondness for "
        "President Vladimir V. Putin of Russia as a potential danger.\n\n"
        "Later Mr. Putin said, “Nothing changes.”"
    )
    quote = extract_quotes(text)[-1]
    assert (quote.speaker, quote.person) == (
        "President Vladimir V. Putin of Russia",
        "Vladimir V. Putin",
    )
    assert person_like("James York") and person_like("Theresa May")
    assert not person_like("New York") and not person_like("Washington Post")


def test_a_known_given_name_and_surname_after_an_organisations_title_make_a_person() -> None:
    # polnear/train/breitbart_2016-07-13_trump-demands-ginsburg-resign-fo/4b22 and
    # polnear/train/politico_2016-04-09_trump-s-getting-trounced-in-indi/ef2d: "Senate" and
    # "GOP" made these no person, so the "he said" after them went to Trump.
    text = (
        "On Tuesday, Senate Majority Leader Mitch McConnell said that it was inappropriate for "
        "Ginsburg to criticize Trump. There, the district GOP Chairman Chuck Williams declined "
        "to name the three delegates on the caucus slate."
    )
    people = {m.name: m.gender for m in _mentions(text) if m.person}
    assert people.get("Senate Majority Leader Mitch McConnell") == "m"
    assert people.get("GOP Chairman Chuck Williams") == "m"
    assert not person_like("Washington Post") and not person_like("Fox News")


def test_the_vice_president_is_not_the_president() -> None:
    # polnear/train/nyt_2016-08-17_biden-calls-trump-risk-to-u-s-sa/5fec: "the vice president"
    # went to President Obama, whose title holds the word "president".
    text = (
        "Vice President Joseph R. Biden Jr. campaigned in Scranton on Monday. Mr. Trump's "
        "remarks have included the suggestion that President Obama was the ''founder'' of the "
        "Islamic State.\n\nMr. Trump is so reckless, the vice president said, that if his late "
        "son had planned to enlist in a Trump administration, ''I would have thrown my body in "
        "front of him.''"
    )
    assert extract_quotes(text)[-1].speaker == "Vice President Joseph R. Biden Jr"


def test_a_peoples_or_a_faiths_word_alone_is_no_person() -> None:
    # polnear/train/wash-post_2016-03-22_presidential-candidates-promise-/4e07: "Clinton's
    # chief Democratic rival, Sen. Bernie Sanders": "Democratic" after the role word "chief"
    # looked like a person opening the sentence and took "he" from Sanders.
    text = (
        "Clinton's chief Democratic rival, Sen. Bernie Sanders of Vermont, was the only major "
        "candidate who skipped the AIPAC meeting. Instead he gave a speech in Salt Lake City in "
        'which he pledged that, if elected president, he would be "a friend not only to Israel '
        'but to the Palestinian people."'
    )
    assert extract_quotes(text)[-1].speaker == "Sen. Bernie Sanders of Vermont"
    # polnear/train/nyt_2016-02-20_for-pope-it-s-bigger-than-trump-/4e07: "more Christian".
    found = _mentions("Francis' message is to call on all Christians to be more Christian.")
    assert not any(m.person for m in found if m.name == "Christian")


def test_a_title_or_an_initial_ends_no_sentence() -> None:
    # polnear/train/nyt_2016-03-21_factory-workers-feel-sting-of-gl/d473: the stop after "Mr."
    # made "Carrier" open a sentence, and the company took "she said" from the worker.
    text = (
        "Three days after Carrier's Feb. 10 announcement, Donald J. Trump seized on the video in "
        "a Republican presidential debate and made Carrier's move to Mexico a centerpiece of his "
        "stump speeches attacking free trade.\n\n"
        "Jennifer Shanklin-Hawkins is one of those Carrier workers who listened to the "
        "announcement on the factory floor. After 14 years on the assembly line, she earns $21.22 "
        "an hour, enough to put her oldest son through college while raising two other children "
        "with her husband, a truck driver.\n\n"
        "And when she saw Mr. Trump talking about Carrier on the news, all she could do was "
        "shout ''Yessss!'' at the TV. ''I loved it,'' she said. ''I was so happy Trump noticed "
        "us.''"
    )
    assert [q.speaker for q in extract_quotes(text)][-2:] == ["Jennifer Shanklin-Hawkins"] * 2
    assert sentence_stops("Mr. Trump and Donald J. Trump met. Then") == [0, 35]


def test_a_companys_name_is_not_the_she_who_speaks() -> None:
    # polnear/train/wash-post_2016-08-09_ivanka-trump-champions-some-work/d473: the "her" after
    # the shoe maker made it a woman, nearer than Ivanka Trump.
    text = (
        "Through a spokeswoman, Ivanka Trump declined to comment for this article.\n\n"
        "Trump signed a licensing agreement with G-III in 2012, granting the company rights to "
        "design and distribute her clothing line, which includes dresses, suits and jeans. (Marc "
        "Fisher Footwear produces her shoe line.)\n\n"
        'At the time, she released a statement saying, "G-III has distinguished itself as a '
        "trusted partner for some of the world's finest and most visible brands.\""
    )
    assert extract_quotes(text)[-1].speaker == "Ivanka Trump"
    assert not person_like("Marc Fisher Footwear")


def test_him_after_a_preposition_tells_no_gender_of_the_name_before() -> None:
    # polnear/train/wash-post_2016-07-15_thin-skinned-trump-quells-critic/6b86: "Ivana, who
    # collaborated with him" made Ivana a man, so "She signed" went to a casino.
    text = (
        "Donald Trump denied the accusations through a spokeswoman.\n\n"
        "Trump prevented his first wife, Ivana, who collaborated with him on numerous major "
        "building projects, from writing about their partnership. She signed an agreement "
        'barring her from publishing a "diary, memoir, letter, story, photograph, interview, '
        'article, essay, account, or description or depiction of any kind whatsoever."'
    )
    assert extract_quotes(text)[-1].speaker == "Ivana"


def test_common_given_names_in_the_news_tell_a_gender() -> None:
    # polnear/train/politico_2015-11-29_hillary-clinton-s-pothole-politi/ef2d: "Marty" was no
    # known given name, so "by her side" made the mayor a woman and "he said" went to Biden.
    text = (
        "Speaking to union members inside Boston’s historic Faneuil Hall with Mayor Marty Walsh "
        "by her side, Hillary Clinton turned Sunday to a subject: pothole politics.\n\n"
        "Walsh, a former labor leader, had close ties to Vice President Joe Biden. But on Sunday "
        "he finally gave Clinton a ringing endorsement.\n\n"
        "“We need someone who is battle tested, someone who fights hard, someone who makes "
        "everyone around them better,” he said introducing Clinton."
    )
    assert "Walsh" in (extract_quotes(text)[-1].speaker or "")
    # polnear/train/politico_2016-08-17_ap-trump-chair-routed-ukrainian-/6b86: "The Podesta
    # Group's CEO, Kimberley Fritts, said …"; "she said" went to the role instead.
    assert gender_of("Kimberley Fritts") == "f" and gender_of("Raynard Jackson") == "m"


def test_a_relative_named_after_his_is_no_antecedent_of_he() -> None:
    # polnear/train/nyt_2016-08-17_biden-calls-trump-risk-to-u-s-sa/5fec: "his son Beau" is
    # named in passing inside Mr. Biden's sentence; the "he" after it is still Mr. Biden.
    text = (
        "Vice President Joseph R. Biden Jr. warned this week that Donald J. Trump had elevated "
        "the dangers confronting American allies.\n\n"
        "He added that if his son Beau, who died of brain cancer last year, were still serving "
        "in Iraq, he would advise him that the danger had increased ''a couple clicks'' because "
        "of Mr. Trump's remarks."
    )
    assert extract_quotes(text)[-1].speaker == "Vice President Joseph R. Biden Jr"


def test_and_then_opens_no_phrase_before_the_subject() -> None:
    # polnear/train/wash-post_2016-06-13_responses-are-in-keeping-with-ca/ef2d: "And then Trump
    # went fully on the attack, saying" was read as an opening phrase before the comma, so the
    # quotation went to the tweet of the sentence before.
    text = (
        "Then came another, more sympathetic tweet about the Orlando tragedy, followed by one in "
        "which he took credit for the warning. And then Trump went fully on the attack, saying, "
        '"Is President Obama going to finally mention the words radical Islamic terrorism? If '
        "he doesn't he should immediately resign in disgrace!\""
    )
    assert extract_quotes(text)[-1].speaker == "Trump"


def test_a_she_opening_the_next_sentence_gives_no_gender_to_a_name_before() -> None:
    # polnear/train/wash-post_2016-06-13_responses-are-in-keeping-with-ca/ef2d: the "She" after
    # "President Obama later adopted a similar approach." is Clinton's; it made Obama a woman.
    text = (
        "Clinton has made gun control a central issue. Following a mass shooting last year, she "
        "issued a detailed plan: President Obama later adopted a similar approach. She has "
        "called for the reinstatement of an assault weapons ban."
    )
    obama = [m for m in _mentions(text) if m.name == "President Obama"]
    assert obama and obama[0].gender is None


def test_a_name_with_a_numeral_suffix_is_a_person() -> None:
    # polnear/train/wash-post_2016-07-02_judge-blocks-mississippi-s-relig/4b22: "II" read as an
    # acronym made Joseph R. Murray II no person, and his "he said" went to Donald Trump.
    text = (
        "Joseph R. Murray II, a onetime lawyer for the ultra-conservative American Family "
        "Association, later came out as gay. He counts himself as a devout Catholic and Donald "
        'Trump supporter.\n\n"The politics are just so blatant" in the legislature, he said in '
        "an interview."
    )
    assert person_like("Joseph R. Murray II")
    assert extract_quotes(text)[0].speaker == "Joseph R. Murray II"


def test_a_known_womans_given_name_makes_a_person_named_once() -> None:
    # polnear/train/west-journal_2015-12-10_something-horrible-was-just-rele/d473: "according
    # to a post from Arianna Huffington." then "… she wrote": the name beside "the Huffington
    # Post" was no person without a given name the lists knew; "she" went to Hillary Clinton.
    text = (
        "The media silence comes two days after Hillary Clinton spoke. The Huffington Post said "
        "it would treat the Trump campaign as news. However, that news will come with a strong "
        "bias, according to a post from Arianna Huffington.\n\n"
        "“We’ll not only be covering the ways Trump’s campaign is unique in recent American "
        "politics,” she wrote."
    )
    assert extract_quotes(text)[-1].speaker == "Arianna Huffington"


def test_a_name_inside_a_longer_one_is_no_mention_of_its_own() -> None:
    # polnear-train (half A), nyt 2016-09-07 "ugly-election-enters-a-final-sur" (ef2d): "Putin"
    # inside "President Vladimir V. Putin of Russia" was a second mention that opened a sentence.
    text = (
        "The other man, his cousin James York, 40, cited Mr. Trump's apparent fondness for "
        "President Vladimir V. Putin of Russia as a potential danger."
    )
    found = Resolver.for_text(text, []).mentions
    assert [m.start for m in found if m.key == "Putin"] == [text.index("President")]


def test_a_title_of_one_gender_never_expands_to_a_name_of_the_other() -> None:
    # polnear/train/nyt_2016-01-29_it-s-still-bill-but-old-magic-se/4b22: "Mr. Clinton said" was
    # expanded to the longest Clinton named before, Hillary Clinton; "Mrs. Clinton" of another
    # article went to President Bill Clinton.
    text = (
        "As the former president tries to energize his wife's campaign, Bill Clinton's speeches "
        "fall flat. Hillary Clinton is campaigning in Iowa.\n\n"
        "''It may be entertaining, but it doesn't have a lick of impact on how you live,'' "
        "Mr. Clinton said.\n\n''We need a fighter,'' Mrs. Clinton said."
    )
    first, second = extract_quotes(text)
    assert (first.speaker, second.speaker) == ("Bill Clinton", "Hillary Clinton")
    assert given_name_gender("Hillary Rodham Clinton") == "f"
    assert given_name_gender("Giovanni Maria Vian") is None  # no woman for a middle name
    assert given_name_gender("Satya Nadella") is None  # nor for the ending of a given name


def test_a_surname_that_is_also_a_given_name_tells_no_gender_alone() -> None:
    # polnear/train (New Hampshire's Gov. Maggie Hassan; nyt "sisterhood-of-the-skateboard" on
    # "Ms. Gil"): common surnames stay out of the given-name lists, so a title and the surname
    # alone ("Sen. Hassan") are not made a man.
    assert gender_of("Sen. Hassan") is None
    assert gender_of("Gov. Maggie Hassan") == "f"
    assert gender_of("Ms. Gil") == "f"


@pytest.mark.parametrize(
    ("sentence", "rest"),
    [
        # polnear/train/huff-post_2016-07-18_more-offensive-things-donald-tru: "And then Trump
        # went fully on the attack, saying"
        ("And then Trump went fully on the attack", "Trump went fully on the attack"),
        # relevance/dev.jsonl (rtqa:aebffc335844, on Marianne Williamson): "Then she was
        # largely drowned out … rejecting a “dark psychic force …”"
        ("Then she was largely drowned out", "she was largely drowned out"),
        ("So Cruz said it again", "Cruz said it again"),
        ("Yet now also Sanders", "Sanders"),
        ("Thenceforth Sanders", "Thenceforth Sanders"),  # a word that only starts like one
    ],
)
def test_linking_words_before_a_subject_are_dropped(sentence: str, rest: str) -> None:
    assert without_intro(sentence) == rest


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # The Hill's person card (allsides:9vtYYAIBl5vQ2o2S): blanked, every offset kept.
        ("Sen. Dick Durbin Richard (Dick) Joseph DurbinPentagon watchdog declines to investigate "
         "hold on Ukraine aid MORE (Ill.), the second-ranking Democrat, said",
         "Sen. Dick Durbin (Ill.), the second-ranking Democrat, said"),
        ("Sen. John McCain John Sidney McCain2020 Democrats make play for veterans' votes MORE "
         "(R-Ariz.), who is away", "Sen. John McCain (R-Ariz.), who is away"),
        # A surname inside a word, or a quotation mark after the repeated name, starts no card;
        # "MORE" in capitals in prose ends none.
        ("McDonald DonaldX said “Smith Smith“s report is late,” and they want ONE MORE vote.",
         "McDonald DonaldX said “Smith Smith“s report is late,” and they want ONE MORE vote."),
        # A capital "MORE" in a quotation is no card.
        ("President Trump wrote: “NATO countries must pay MORE, the United States must pay LESS”",
         "President Trump wrote: “NATO countries must pay MORE, the United States must pay LESS”"),
    ],
)  # fmt: skip
def test_person_cards_are_blanked(text: str, kept: str) -> None:
    blanked = without_cards(text)
    assert len(blanked) == len(text)
    assert " ".join(blanked.split()) == kept


@pytest.mark.parametrize("words", ["recently ", "had previously ", "and finally "])
def test_runs_of_adverbs_before_a_cue_are_read_in_linear_time(words: str) -> None:
    # Hostile feed text: a run of adverbs once made the pattern for a speaker's trailing words
    # try 2^n ways before failing (40 words: hours). Without the fix this test does not end.
    quotes = extract_quotes("The minister " + words * 40 + "x said, “We will win.”")
    assert [q.text for q in quotes] == ["We will win."]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # Regressions a review of the day's rules found, written as news writes them.
        # A two-word description between commas is the speaker, not an apposition of the name.
        ("Joe Biden, a spokeswoman said, “will travel to Ohio next week.”", "a spokeswoman"),
        # A "but" clause after a verb of speech is still what was said.
        ("Trump said on Monday that he liked parts of the plan, but Democrats must end “the "
         "witch hunt against me.”", "Trump"),
        # "Sen" in a name is no senator; "Sen." before one is.
        ("The economist Amartya Sen spoke on Monday. “Growth is not enough,” the lawmaker said.",
         "the lawmaker"),
        ("Sen. Ted Cruz spoke on Monday. “Growth is not enough,” the lawmaker said.",
         "Sen. Ted Cruz"),
        # "The Florida senator" is only a senator titled by Florida, not the nearest senator.
        ("Florida senator Marco Rubio spoke first. Vermont senator Bernie Sanders spoke next. The "
         "Florida senator called it “a disgrace.”", "Marco Rubio"),
        # A relative clause closed before the "-ing" cue: the sentence's subject speaks.
        ("Hillary Clinton thanked Eric Kingson, who is running for Congress, saying “he will be "
         "a great voice for workers.”", "Hillary Clinton"),
        # A clause of time earlier in the sentence does not make a later cue its own.
        ("As she spoke, the crowd of protesters outside chanted, “No more war in our name,” a "
         "witness said.", "a witness"),
    ],
)  # fmt: skip
def test_review_regressions(text: str, speaker: str) -> None:
    assert [q.speaker for q in extract_quotes(text)] == [speaker]


def test_a_name_ending_in_ed_can_speak() -> None:
    # "mocked a disabled reporter" is a verb and its object; "Mohammed the shopkeeper" a name.
    assert not plausible("mocked a disabled newspaper reporter")
    assert plausible("Mohammed the shopkeeper")


def test_the_paragraph_before_is_read_only_within_reach() -> None:
    # A paragraph-opening quotation goes to the subject of the paragraph before; when that
    # paragraph is longer than the look-back, the text's first sentence is not its subject.
    rain = "The crowd waited for hours in the cold rain outside the hall. "
    near = "Joe Biden met voters in Ohio on Monday. " + rain * 3 + "\n\n“We will win this state.”"
    far = "Joe Biden met voters in Ohio on Monday. " + rain * 12 + "\n\n“We will win this state.”"
    assert [q.speaker for q in extract_quotes(near)] == ["Joe Biden"]
    assert [q.speaker for q in extract_quotes(far)] == [None]


def test_a_speaker_after_nested_closing_marks_is_placed_on_its_name() -> None:
    # “It is 'No,'” Lin said: the marks stripped before reading the speaker shift no offset.
    text = "“It is 'No,'” Lin said."
    found = right(text, text.index("'”"), len(text), near=True)
    assert found is not None and found.words == "Lin" and found.at == text.index("Lin")


@pytest.mark.parametrize("opener", ["While", "Because", "Unless", "Whether"])
def test_a_subordinating_opener_is_no_subject(opener: str) -> None:
    # "While the Kennedy family gathered …": the clause's opener is not part of a name.
    assert sentence_subject(f"{opener} the Kennedy family gathered in Hyannis on Sunday") == ""


def test_called_before_a_quotation_is_a_cue() -> None:
    # "a group called Citizens for Trump" names something; "Trump called Clinton “…”" reports.
    reported = extract_quotes("In a tweet Trump called Clinton “a liar who cannot be trusted.”")
    named = extract_quotes("A group called Citizens for Trump ran an ad saying “vote no.”")
    assert [q.cue for q in reported] == ["called"]
    assert [q.cue for q in named] == ["saying"]


def test_a_long_run_of_trailing_words_is_read_in_linear_time() -> None:
    # Hostile feed text: the trailing-words pattern tried from every offset of a long run took
    # quadratic time (50 KB: half a minute); only a phrase's last 300 characters are read now.
    quotes = extract_quotes("“Hello there,” Smith" + " also" * 10_000 + " x said.")
    assert [q.text for q in quotes] == ["Hello there,"]


def test_headings_take_no_guess_from_one_another() -> None:
    # Two headings with the same words: neither holds the other's words as the story's speech,
    # so each gets no speaker, not the voice of the paragraph above the other (a review's case).
    text = (
        "Smith said: “We must go home now and rest.”\n\n“Putin just brought us there faster”\n\n"
        "Jones said: “The sky is blue and the war is long.”\n\n"
        "“Putin just brought us there faster”\n\nMore text here."
    )
    speakers = [(q.text, q.speaker) for q in extract_quotes(text)]
    assert speakers == [
        ("We must go home now and rest.", "Smith"),
        ("Putin just brought us there faster", None),
        ("The sky is blue and the war is long.", "Jones"),
        ("Putin just brought us there faster", None),
    ]


def test_quoted_phrase_after_with_before_a_clause_is_still_said() -> None:
    # "met with “…” if …": a clause follows, so the phrase is Trump's words, not a modifier of a
    # noun after it (a review's case against the "in/with" scare-quote rule).
    text = (
        "Trump warned that North Korea would be met with “fire and fury” if it kept threatening"
        " the US."
    )
    assert [(q.kind, q.speaker) for q in extract_quotes(text)] == [("partial", "Trump")]


@pytest.mark.parametrize(
    ("words", "subject"),
    [
        # An article after an opening phrase opens the subject (relevance/dev.jsonl
        # rtqa:e9496ab2d502: "In its decision to overturn Roe v. Wade the Supreme Court …")
        ("In its decision to overturn Roe v. Wade the Supreme Court majority",
         "the Supreme Court majority"),
        ("On Wednesday the Kremlin", "the Kremlin"),
        # ... but a show's name or a name and its epithet are one phrase (a review's cases).
        ("Meet the Press host Chuck Todd", "Meet the Press host Chuck Todd"),
        ("Trump the businessman", "Trump the businessman"),
    ],
)  # fmt: skip
def test_article_opens_a_subject_only_after_an_opening_phrase(words: str, subject: str) -> None:
    from monitor.quotes.speakers import subject_before

    assert subject_before(words) == subject


@pytest.mark.parametrize(("pronoun", "vote"), [("her", -1), ("hers", -1), ("he", 1), ("him", 1)])
def test_a_pronoun_the_reach_after_a_name_cuts_is_read_whole(pronoun: str, vote: int) -> None:
    # 120 characters after "Pat Lee" end two letters into the pronoun: "her" cut there was
    # read as "he", a man's vote for a woman (Shonda Rhimes lost her full name that way).
    filler = "x" * 116 + ". "  # a sentence end: "him" in the name's own sentence is another
    text = f"Pat Lee{filler}{pronoun} book sold well."
    assert text.index(pronoun) == len("Pat Lee") + 118
    votes, _ = pronoun_votes(text, [(0, "Pat Lee")])
    assert votes == {"Lee": vote}


def test_an_object_him_in_the_names_own_sentence_is_someone_else() -> None:
    # polnear/train/wash-post_2016-02-17_sanders-and-clinton-see-black-vo/4b22: "him" is Sanders.
    text = (
        "Speaking in Harlem, Clinton, without naming him, also accused Sanders of being a "
        "Johnny-come-lately to racial justice issues."
    )
    assert pronoun_votes(text, [(text.index("Clinton"), "Clinton")])[0] == {}
    # In the next sentence it may well be the name's: "Trump … Supporters cheered him."
    text = "Trump spoke for an hour. Supporters cheered him loudly."
    assert pronoun_votes(text, [(0, "Trump")])[0] == {"Trump": 1}


@pytest.mark.parametrize("blank", ["\n\n", "\r\n\r\n", "\n \n"])
def test_a_blank_line_holding_spaces_is_no_paragraph_of_its_own(blank: str) -> None:
    # The shared-surname rule reads the paragraph before the quotation: a blank line with a
    # space or "\r" in it counted as that paragraph, so George W. Bush's sentence was missed.
    text = blank.join(
        [
            "Jeb Bush campaigned in Iowa on Monday.",
            "His brother, former President George W. Bush, joined him at a rally.",
            "“We will win,” Bush said.",
        ]
    )
    assert [q.speaker for q in extract_quotes(text)] == ["President George W. Bush"]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=". !?\n\t\"”’'aZMrJ\x0b\x1c\u2029", max_size=30))
def test_sentence_stops_as_one_pattern(text: str) -> None:
    """sentence_stops finds each stop with a pattern of its own: the offsets _STOP_RE gives."""
    want = [0] + [m.end() for m in _STOP_RE.finditer(text) if not _abbreviated(text, m)]
    assert sentence_stops(text) == want


def test_accents_written_as_combining_marks_read_whole() -> None:
    # relevance/dev.jsonl rtqa:427c3ea199a0 writes "Santana-Acun\u0303a" (n and a combining
    # tilde): the name stopped at the mark, so the speaker was an organisation with no person.
    # Composed, it is one person; the quotation's offsets are still the original text's.
    text = (
        "Opening paragraph, e\u0301crit with accents.\n\n"
        '"In 1967, Sudamericana Press published the novel," wrote Alvaro Santana-Acun\u0303a in '
        'The Atlantic magazine in 2017, "a novel written by a little known Colombian author."'
    )
    quotes = extract_quotes(text)
    assert [q.text for q in quotes] == [text[q.start : q.end] for q in quotes]
    assert quotes[0].text == "In 1967, Sudamericana Press published the novel,"
    assert quotes[1].text.startswith("a novel written") and quotes[1].end == len(text) - 1
    assert {(q.speaker, q.speaker_kind, q.person) for q in quotes} == {
        ("Alvaro Santana-Acuña", "person", "Alvaro Santana-Acuña")
    }


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        # A lead sentence full of names and titles is prose: its verb is in lower case
        # (polnear-train breitbart_2016-02-16_donald-trump-praises-breitbart-s; it hid the
        # full names of its people from the resolver).
        ("Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow on "
         "Monday.", False),
        ("Billionaire Donald Trump praised Breitbart News’ Washington Political Editor Matthew "
         "Boyle at a press conference in Hanahan, South Carolina on Monday.", False),
        # Headlines in title case stay headings, short words in lower case and all.
        ("Donald Trump Praises Breitbart’s Washington Political Editor Matthew Boyle: ‘Very Good "
         "Reporter.’", True),
        ("Republican Donor Adelson and Trump May be Aligning on Israel.", True),
    ],
)  # fmt: skip
def test_a_lead_sentence_of_names_is_no_heading(line: str, furniture: bool) -> None:
    assert is_furniture(line) is furniture


def test_a_chinese_family_name_after_titles_stands_for_the_full_name() -> None:
    # "Chinese President Xi Jinping … “…,” Xi said": the family name comes first after the
    # titles and nationality, so "Xi" is Xi Jinping (it stayed "Xi" where only the narrative,
    # not another quotation, wrote the full name: polnear-train tug-of-war-in-central-asia).
    text = (
        "Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow on Monday."
        "\n\n“China and Russia are good neighbours,” Xi said.\n\nPutin praised the talks. “Our "
        "relations are at their highest level,” he said."
    )
    assert [q.person for q in extract_quotes(text)] == ["Xi Jinping", "Vladimir Putin"]


def test_an_interjection_is_no_name() -> None:
    # relevance/dev.jsonl allsides:Okzwduppm5u2zU5P, a transcript: "Oh" opening a turn was a
    # name, and "they say, “Oh, …”" its speaker.
    text = (
        "AMY GOODMAN: And he attacks them. He attacks the press.\n\nALLAN NAIRN: Oh, and he "
        "attacks the press, as well. And they praise General Kelly now, because, they say, “Oh, "
        "maybe he’ll make it efficient.” Well, I certainly hope not."
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker != "Oh"
    assert "Oh" not in {name for _, name in capitalised_names(text, [])}


# One quotation, the speaker wanted: attributions found by probing the forms news is written in
# (each group's comment says what it guards).
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # People named in the plural by what they do speak, as "officials" and "critics" do.
        ("“Stop the coverup!” protesters chanted.", "protesters"),
        ("“The vaccine is safe and it works for children,” doctors warned.", "doctors"),
        ("“We will not go back to the classrooms this year,” students said.", "students"),
        # Guard: a plural of things is no one.
        ("“We will not go back to the classrooms this year,” years said.", None),
        # An envoy's post "to" a country or a body is part of the title written before the
        # name, after an inverted "said" as before the verb.
        ("“We are not a party,” said Chinese Ambassador to the U.S. Xie Feng.",
         "Chinese Ambassador to the U.S. Xie Feng"),
        ("“We are not a party,” said former U.S. Ambassador to Ukraine John Herbst.",
         "former U.S. Ambassador to Ukraine John Herbst"),
        # Guards: to whom something was said is no part of the speaker.
        ("“We are not a party,” said the ambassador to reporters.", "the ambassador"),
        ("“We are not a party,” said Lin to reporters.", "Lin"),
        # A person's name set off after an inverted description is who speaks.
        ("“We are not a party,” said the U.S. ambassador to NATO, Julianne Smith.",
         "Julianne Smith"),
        ("“We are not a party,” said the mayor of Kyiv, Vitali Klitschko, in a post.",
         "Vitali Klitschko"),
        ("“We are ready,” said Vladimir Putin’s spokesman, Dmitry Peskov.", "Dmitry Peskov"),
        # Guards: a body's name, or no name, after the comma.
        ("“We are not a party,” said the head of the group, Human Rights Watch, on Monday.",
         "the head of the group"),
        ("“We are not a party,” said the spokesman, who declined to be named.", "the spokesman"),
        # A cue after a modal is what someone would do, not what they said.
        ("Sullivan said the U.S. would respond “decisively” — but declined to say how.",
         "Sullivan"),
        # Guard: "say" after a modal still reports (habit, or what someone will say).
        ("Asked about Putin, Trump said he would say: “Sure, why not?”", "Trump"),
        # "that’s why" opens the clause, it is no part of its subject (relevance/dev.jsonl
        # allsides:33b5JOGfxIoPvQEW gave "that’s why the Russians").
        ("And that’s why the Russians wanted to ask Tillerson, “Are you a friend of Russia?”",
         "the Russians"),
        ("That is why the minister told reporters: “We are ready.”", "the minister"),
        # A surname's particles are the name's, before it or opening it.
        ("Ursula von der Leyen arrived.\n\n“Europe is ready,” von der Leyen said.",
         "Ursula von der Leyen"),
        ("Mayor Bill de Blasio spoke. “New York is ready,” de Blasio said.",
         "Mayor Bill de Blasio"),
        # A party and state set off by commas are the name's, as in parentheses.
        ("Sen. Lindsey Graham, R-S.C., said the sanctions were “long overdue.”",
         "Sen. Lindsey Graham"),
        ("Sen. Chuck Schumer, D-N.Y., said the bill was “a disgrace.”", "Sen. Chuck Schumer"),
        ("Rep. Paul Ryan, R-Wis., said he would act “soon.”", "Rep. Paul Ryan"),
    ],
)  # fmt: skip
def test_the_speaker_of_one_quotation(text: str, speaker: str | None) -> None:
    (quote,) = extract_quotes(text)
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # After a reporting verb and a colon a short capitalised sentence is said, not a title.
        ("Wang Yi, China’s top diplomat, said: “We are ready.” Mr. Wang added: “So is Russia.”",
         ["direct", "direct"]),
        # Guard: a headline's colon before a title-case quotation is no verb of speech.
        ("Elizabeth Warren Hammers Wells Fargo CEO: “You Should Resign”", ["scare"]),
    ],
)  # fmt: skip
def test_a_short_capitalised_sentence_after_a_verb_and_a_colon_is_said(
    text: str, kinds: list[str]
) -> None:
    assert [q.kind for q in extract_quotes(text)] == kinds


def test_a_surname_spelt_otherwise_stands_for_the_full_name() -> None:
    # Transliterations of one surname in one article ("Zelenskyy", "Zelensky", "Zelenskiy";
    # relevance/dev.jsonl rtqa:16883a86af45 writes "Andrea Virág", then "Virag said").
    text = (
        "Volodymyr Zelenskyy addressed the nation.\n\n“We will win,” Zelensky said.\n\n"
        "“Ukraine stands,” President Zelenskiy added."
    )
    assert [q.person for q in extract_quotes(text)] == ["Volodymyr Zelenskyy"] * 2


def test_the_cue_before_a_so_called_term_attributes_the_quotation_after_it() -> None:
    text = (
        "China’s Defense Ministry spokesperson Zhang Xiaogang said on Thursday that the "
        "so-called “China threat” was “groundless hype”."
    )
    assert [(q.kind, q.person) for q in extract_quotes(text)] == [
        ("scare", None),
        ("partial", "Zhang Xiaogang"),
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A body whose name holds "in", its acronym set off, then the title and the person.
        ("“It cannot be resolved,” said former Organization for Security and Cooperation in "
         "Europe (OSCE) Parliamentary Assembly President Christine Muttonen.",
         "OSCE Parliamentary Assembly President Christine Muttonen"),
        # "in" after a person, or before a place alone, sets the scene.
        ("“It cannot be resolved,” said Christine Muttonen in Vienna on Friday.",
         "Christine Muttonen"),
        ("“It cannot be resolved,” said the ministry in Moscow.", "the ministry"),
    ],
)  # fmt: skip
def test_in_within_a_bodys_name_in_a_title(text: str, speaker: str) -> None:
    [quote] = extract_quotes(text)
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # extraction/scrapinghub 702d1da6…: "“…?” He Jianxiong, the former executive director
        # for China at the International Monetary Fund, said" had no speaker: "He" was read as
        # the pronoun. A capitalised given name in pinyin after it makes it the surname.
        ("“What is the additional incentive?” He Jianxiong, the former executive director for "
         "China at the International Monetary Fund, said.", "He Jianxiong"),
        ("“We reached a consensus,” He Lifeng said on Sunday.", "He Lifeng"),
        ("Vice Premier He Lifeng said the talks were “candid”.", "Vice Premier He Lifeng"),
        ("Liu He said the talks were “candid”.", "Liu He"),
        # The pronoun stays the pronoun, resolved to the name before it.
        ("Trump spoke first. He said the talks were “candid”.", "Trump"),
        ("Trump spoke first. “We won,” He Said.", "Trump"),
    ],
)  # fmt: skip
def test_he_is_a_chinese_surname_before_a_pinyin_given_name(text: str, speaker: str) -> None:
    [quote] = extract_quotes(text)
    assert quote.speaker == speaker


def test_the_writers_i_is_never_the_he_of_a_later_quotation() -> None:
    # extraction/readability clean-links (Bartleby): "“The copies, the copies,” said I
    # hurriedly. …⏎⏎“I would prefer not to,” he said" gave "he" the speaker "I": the writer's
    # "I" was remembered as a name the next "he" could be.
    text = (
        "Bartleby sat behind the screen.\n\n"
        "“The copies, the copies,” said I hurriedly. “We are going to examine them.”\n\n"
        "“I would prefer not to,” he said, and gently disappeared behind the screen."
    )
    quotes = extract_quotes(text)
    assert [q.speaker for q in quotes][-1] == "Bartleby"


@pytest.mark.parametrize(
    ("said", "speaker"),
    [
        # extraction/readability clean-links: "“What is wanted?” said he mildly." had none.
        ("said he mildly.", "Bartleby"),
        ("said she quietly, turning away.", "Bartleby"),
        ("said he.", "Bartleby"),
        # The writer's "I" is no one the article names, however it spoke.
        ("said I hurriedly.", None),
        ("I said.", None),
    ],
)
def test_an_inverted_pronoun_with_an_adverb_after_it_speaks(said: str, speaker: str | None) -> None:
    [quote] = extract_quotes(f"Bartleby sat behind the screen.\n\n“What is wanted?” {said}")
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        # polnear/train wash-post_2016-08-26 (Kelly Ayotte): "MANCHESTER, N.H. - At a rally here
        # last week, Mike Pence showed the crowd a clip …" made the dateline the voice of the
        # next paragraph's quotation (its verb, "riffed", is no cue).
        ("MANCHESTER, N.H. - At a rally here last week, Mike Pence showed the crowd",
         "Mike Pence"),
        ("BRUSSELS (Reuters) - NATO Secretary General Jens Stoltenberg told allies",
         "NATO Secretary General Jens Stoltenberg"),
        ("WASHINGTON, Dec. 8 (UPI) — Sen. Lindsey Graham said", "Sen. Lindsey Graham"),
        # A heading in capitals is set off by a hyphen too: more than three words are no place,
        # and the heading stays as it was read before.
        ("IOWA POLLS NOT NECESSARILY WRONG, JUST TOO EARLY - Mark Blumenthal and Jon Cohen",
         "IOWA POLLS NOT NECESSARILY WRONG"),
    ],
)  # fmt: skip
def test_a_dateline_with_a_hyphen_is_never_the_subject(sentence: str, subject: str) -> None:
    assert sentence_subject(sentence) == subject


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # polnear/train usa-today_2016-02-09: "its history of rewarding candidates from
        # neighboring states (…, although Bill Clinton won the spin by declaring himself the
        # "comeback kid")": "states" after "neighboring" is the noun, not the cue.
        ("Its history of rewarding candidates from neighboring states (Sen. Paul Tsongas won "
         "the 1992 primary, although Bill Clinton won the spin by declaring himself the "
         "“comeback kid”) makes this a contest.", "Bill Clinton"),
        ("He spoke of the needs of Western states and of the “Butch” plan.", None),
        # Still the verb after its subject.
        ("The report states that the drills were “provocative.”", "The report"),
        ("The Baltic states say the drills are “provocative.”", "The Baltic states"),
    ],
)  # fmt: skip
def test_states_after_a_region_or_a_number_is_the_noun(text: str, speaker: str | None) -> None:
    [quote] = extract_quotes(text)
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # extraction/scrapinghub e7994d55… (half X1): the party accused gave the quoted name.
        ("LONDON (AP) — Britain's Conservative Party was accused Wednesday of trying to deceive "
         "voters by changing the name of its press office Twitter account to “factcheckUK” "
         "during a televised election debate.", None),
        # relevance/dev.jsonl allsides:qdekb7y5yTWKWLHP (half S1): the one alleged to have done
        # it did not call the country so.
        ("Nonetheless, Safronov is alleged to have turned over national defense secrets to "
         "someone from what was initially reported as an unnamed \"NATO country.\"", None),
        ("He was told “to go home” by the guards.", None),
        # Guards: a speaker quoted or reported as saying keeps the words.
        ("Of the Afghanistan conflict, Mr Trump is quoted in the book as saying: \"This was done "
         "by a stupid person named George Bush.\"", "Mr Trump"),
        ("President Barack Obama also is reported to have called the Saudis “free riders” who "
         "rely too much on U.S. military aid.", "President Barack Obama"),
    ],
)  # fmt: skip
def test_the_subject_of_a_passive_cue_did_not_say_it(text: str, speaker: str | None) -> None:
    assert extract_quotes(text)[-1].speaker == speaker


def test_the_bbcs_caption_labels_are_no_words_of_the_caption() -> None:
    # The BBC glues a photo's or a video's labels to its caption on one line (relevance/dev.jsonl
    # allsides:QKt5wnAwXLaKMpVC, half S1: "Image copyright PA Image caption Christopher Steele, a
    # former MI6 agent, wrote …"). Every offset is kept; the caption stays.
    line = "Image copyright PA Image caption Christopher Steele, a former MI6 agent, wrote it.\n\nA"
    bare = without_galleries(line)
    assert len(bare) == len(line)
    assert " ".join(bare.split()) == "Christopher Steele, a former MI6 agent, wrote it. A"
    assert without_galleries("Image copyright Getty Images\n\nGerman").split() == ["German"]
    # A video's caption quoting someone: the label was the speaker ("Media playback").
    text = (
        "Media playback is unsupported on your device Media caption Jens Stoltenberg: "
        '"We are ready to defend every inch of allied territory"\n\nNATO leaders met on Monday.'
    )
    assert extract_quotes(text)[0].speaker == "Jens Stoltenberg"


def test_the_paragraph_before_lends_only_its_first_sentences_subject() -> None:
    # extraction/scrapinghub c82b3d1d540b… (half X1): with no English verb to end the subject,
    # the paragraph before ran on across its first full stop ("Но пока у модели это не
    # получается. Она откровенно рассказала" was the speaker).
    text = (
        "В интервью модель призналась, что жутко боится старости. «Это не для слабонервных, – "
        "пожаловалась Поризкова. — Я постоянно борюсь с собой, внутренне говоря: «Да ладно, "
        "красота не так уж важна!»\n\nНо пока у модели это не получается. Она откровенно "
        "рассказала, что тратит на это почти все свободное время.\n\n«Я лично ненавижу, когда "
        "вижу, что кто-то сделал и пластику, и уколы для сохранения красоты.»"
    )
    assert all(". " not in (q.speaker_text or "") for q in extract_quotes(text))
    # Guard: the subject of a one-sentence paragraph before still goes on speaking.
    text = "Senator Lindsey Graham spoke to reporters on Tuesday.\n\n“We will not back down.”"
    assert extract_quotes(text)[0].speaker == "Senator Lindsey Graham"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # extraction/scrapinghub 680c2848… (half X1): "questions" after "two" is a noun, and the
        # words before it ("Google Stadia the future? That's really two") were the speaker.
        ("Is Google Stadia the future? That's really two questions, I guess. First, \"Is "
         "streaming the future of gaming?\" Possibly.", None),
        # Guard: a plural subject's verb after a word that counts still reports.
        ("Many say the plan is “dead on arrival.”", "Many"),
    ],
)  # fmt: skip
def test_a_cue_in_s_after_a_plural_count_is_a_noun(text: str, speaker: str | None) -> None:
    assert extract_quotes(text)[0].speaker == speaker
