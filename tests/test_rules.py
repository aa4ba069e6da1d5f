"""Table tests for the watch-list rule language: terms, operators, evidence, errors, dev figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from monitor.errors import RuleError
from monitor.models import TopicMatch
from monitor.rules import RuleSet, TopicSpec, compile_rules, terms
from monitor.rules.highlight import format_explanation
from monitor.rules.segment import count_words, sentence_starts

GROUPS = {
    "china": [
        "China",
        "Chinese",
        "Beijing",
        "Xi Jinping",
        "=PRC",
        "Chine",
        "Китай*",
        "中国",
        "-Chinese restaurant",
    ],
    "nato": ["=NATO", "Nato", "OTAN", "НАТО", "北约"],
    "russia": ["Russia*", "Moscow", "Kremlin", "Putin", "Russland", "Росси*", "俄罗斯"],
    "rel": ["warn*", "accus*", "drills"],
}


def one(rule: str, title: str, text: str, threshold: float = 0.0) -> TopicMatch:
    """Compile a single-topic rule set and match one article."""
    rules = compile_rules(GROUPS, [TopicSpec("t", "T", rule, threshold)])
    return rules.evaluate_all(title, text)[0]


@pytest.mark.parametrize(
    ("rule", "title", "text", "expected"),
    [
        # word boundaries and case-sensitive acronyms
        ("nato", "", "The senator spoke.", False),
        ("nato", "", "NATO met.", True),
        ("nato", "", "Nato met.", True),
        ('"=NATO"', "", "nato met.", False),
        ("china", "", "The PRC said.", True),
        ("china", "", "The prc said.", False),
        # stems, phrases, exclusions
        ("russia", "", "Russians voted.", True),
        ('"Xi Jinping"', "", "Xi  Jinping spoke.", False),
        ('"Xi Jinping"', "", "Xi Jinping spoke.", True),
        ("china", "", "We ate in a Chinese restaurant.", False),
        ("china", "", "A Chinese restaurant and a Chinese warship.", True),
        # multilingual, Unicode normalisation, scripts without spaces
        ("china AND russia", "", "La Chine et la Russie.", False),
        ("china AND nato", "", "La Chine et l'OTAN.", True),
        ("nato AND russia", "", "НАТО и России.", True),
        ("china AND russia", "", "Китай и Россия.", True),
        ("nato AND china AND russia", "", "北约称中国支持俄罗斯。", True),
        ("nato", "", "ＮＡＴＯ met.", True),
        ("china", "", "Chine\u0301 et Pe\u0301kin.", True),
        # boolean operators
        ("china AND NOT nato", "", "China spoke.", True),
        ("china AND NOT nato", "", "China and NATO spoke.", False),
        ("(china OR nato) AND russia", "", "NATO and Russia.", True),
        ("NOT nato", "", "Nothing here.", True),
        # NEAR counts the words between the two terms
        ("china NEAR/2 russia", "", "China and Russia.", True),
        ("china NEAR/3 russia", "", "China then one two three Russia.", False),
        ("china NEAR/4 russia", "", "China then one two three Russia.", True),
        # same sentence / paragraph
        ("SENTENCE(china, russia)", "", "China spoke. Russia spoke.", False),
        ("SENTENCE(china, russia)", "", "China spoke, as did Russia.", True),
        ("SENTENCE(china, russia)", "", "U.S. and China met Mr. Putin.", True),
        ("PARAGRAPH(china, russia)", "", "China spoke. Russia spoke.", True),
        ("PARAGRAPH(china, russia)", "", "China spoke.\n\nRussia spoke.", False),
        ("SENTENCE(china, russia) >= 2", "", "China, Russia. China, Russia.", True),
        ("SENTENCE(china, russia) >= 2", "", "China, Russia. China alone.", False),
        # field scopes: lead = first two paragraphs
        ("title:china", "China rises", "Nothing.", True),
        ("title:china", "Rise", "China.", False),
        ("lead:russia", "", "A.\n\nB.\n\nRussia.", False),
        ("body:russia", "", "A.\n\nB.\n\nRussia.", True),
        ("text:russia", "Russia", "Nothing.", False),
        # counts and densities
        ("russia >= 3", "", "Russia, Moscow, Putin.", True),
        ("russia >= 4", "", "Russia, Moscow, Putin.", False),
        ("russia >= 50%", "", "Russia and Moscow met.", True),
        ("russia >= 60%", "", "Russia and Moscow met.", False),
        ('china AND "drills"', "", "China held drills.", True),
        # share of sentences / paragraphs holding all the term sets (the title is one of each)
        ("SENTENCE(china, russia) >= 50%", "", "China and Russia met. Rain fell.", True),
        ("SENTENCE(china, russia) >= 60%", "", "China and Russia met. Rain fell.", False),
        ("SENTENCE(china, russia) >= 50%", "China and Russia", "Rain fell. Snow fell.", False),
        ("SENTENCE(china, russia) >= 30%", "China and Russia", "Rain fell. Snow fell.", True),
        ("SENTENCE(china, russia) >= 1%", "", "China. Russia.", False),
        ("PARAGRAPH(china, russia) >= 50%", "", "China. Russia.\n\nRain.", True),
        ("PARAGRAPH(china, russia) >= 51%", "", "China. Russia.\n\nRain.", False),
        ("lead:SENTENCE(china, russia) >= 50%", "", "China, Russia.\n\nX.\n\nRain.", True),
        ("lead:SENTENCE(china, russia) >= 51%", "", "China, Russia.\n\nX.\n\nRain.", False),
        ("text:SENTENCE(china, russia) >= 100%", "China, Russia", "Rain.", False),
    ],
)
def test_rule_table(rule: str, title: str, text: str, expected: bool) -> None:
    assert one(rule, title, text).matched is expected


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("One. Two! Three? Four", [0, 5, 10, 17]),
        ("Mr. Smith and Dr. Who met U.S. and U.N. staff. Then J. Doe left.", [0, 47]),
        ("It cost 3.5 billion. The U.S.-led plan.", [0, 21]),
        ('He said: "Stop." Then left.', [0, 17]),
        ("Line one\nline two\n\n  Third", [0, 9, 21]),
        ('First.\n"Quoted" start.', [0, 7]),
        ('Line one\n"Quoted" start.', [0, 9]),  # the opening quote starts the sentence
        ('Said "no."\n\n(Then) more.', [0, 12]),
        ("北约称。中国支持俄罗斯。", [0, 4]),
        ("Russia warned Col. Ivanov. Talks with Prof. Li. Ended.", [0, 27, 48]),
        ("Seen in the U.S. He left. At 5 p.m. local time.", [0, 17, 26]),
        ("Why? asked nobody. Fine", [0, 19]),  # a lower-case word goes on the sentence
        ("Trailing stop. ", [0]),
        ("", [0]),
    ],
)
def test_sentence_starts(text: str, starts: list[int]) -> None:
    assert sentence_starts(text) == starts


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Russia and Moscow met.", 4),
        ("  U.S.-led   talks\n\nin Kyiv ", 4),
        ("Russia\u00a0and China", 3),
        ("北约称 中国", 5 + 2),
        ("", 0),
    ],
)
def test_words_are_whitespace_tokens_plus_cjk_characters(text: str, words: int) -> None:
    assert count_words(text) == words


# Texts for the fast path: every topic must get the same verdict and score as when its whole
# rule is evaluated, and topics that are evaluated must agree in every field.
FAST_PATH_TEXTS = [
    ("", "China. NATO. Russia."),
    ("China warns NATO", "China accused NATO of provoking Russia.\n\nRussia agreed."),
    ("Rain", "We ate at a Chinese restaurant. Nothing else happened today."),
    ("", "Russia drills. Russia drills again. Moscow warns. NATO replies to Moscow."),
    ("Xi Jinping meets Putin", "Xi Jinping and Putin signed a deal. Beijing and Moscow agree."),
    ("", "北约称中国支持俄罗斯。НАТО и России."),
    ("", "Pe\u0301kin et Moscou. La Chine\u00a0et la Russie.\n\nOTAN."),
    ("", ""),
]
FAST_PATH_TOPICS = [
    TopicSpec("core", "Core", "SENTENCE(china, nato, russia) AND china >= 1"),
    TopicSpec("cr", "CR", "SENTENCE(china, russia) >= 2 AND SENTENCE(china, russia) >= 20%"),
    TopicSpec("nr", "NR", "(nato NEAR/5 russia OR lead:nato) AND russia >= 2"),
    TopicSpec("rel", "Rel", "SENTENCE(russia, rel) AND NOT china"),
    TopicSpec("dens", "Dens", "russia >= 10% AND PARAGRAPH(russia, nato)"),
    TopicSpec("not", "Not", "NOT nato"),
    TopicSpec("lit", "Lit", '"Xi Jinping" AND (china OR "Putin")', threshold=0.0),
]


@pytest.mark.parametrize(("title", "text"), FAST_PATH_TEXTS)
def test_fast_path_agrees_with_full_evaluation(title: str, text: str) -> None:
    rules = compile_rules(GROUPS, FAST_PATH_TOPICS)
    fast, full = rules.evaluate_all(title, text), rules.evaluate_all_reference(title, text)
    assert [m.topic_id for m in fast] == [t.id for t in FAST_PATH_TOPICS]
    for quick, slow in zip(fast, full, strict=True):
        assert (quick.matched, quick.score) == (slow.matched, slow.score)
        if quick.hits or quick.matched:  # evaluated, not short-cut: identical in every field
            assert quick == slow


@pytest.mark.parametrize(("title", "text"), FAST_PATH_TEXTS)
def test_the_service_path_returns_exactly_the_matched_topics(title: str, text: str) -> None:
    rules = compile_rules(GROUPS, FAST_PATH_TOPICS)
    assert rules.matched_topics(title, text) == tuple(
        m for m in rules.evaluate_all(title, text) if m.matched
    )


def test_a_not_only_rule_matches_on_the_service_path_with_nothing_mentioned() -> None:
    topics = [TopicSpec("not", "Not", "NOT nato", threshold=0.0), *FAST_PATH_TOPICS[:2]]
    rules = compile_rules(GROUPS, topics)
    assert [m.topic_id for m in rules.matched_topics("Weather", "Sunny all week.")] == ["not"]
    assert rules.matched_topics("Weather", "NATO met.") == ()


def test_a_huge_watch_list_gets_the_compact_automaton_with_the_same_hits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dfa = compile_rules(GROUPS, FAST_PATH_TOPICS)
    monkeypatch.setattr(terms, "_DFA_MAX_NEEDLES", 0)  # every watch-list counts as huge
    nfa = compile_rules(GROUPS, FAST_PATH_TOPICS)
    for title, text in FAST_PATH_TEXTS:
        assert nfa.evaluate_all(title, text) == dfa.evaluate_all(title, text)


def test_lone_surrogates_and_astral_characters_keep_offsets() -> None:
    # Undecodable input can leave a lone surrogate, which cannot be encoded for the automaton.
    text = "Emoji \U0001f600 then China; broken \ud800 byte, then Russia."
    match = one("china AND russia", "", text)
    assert match.matched
    assert [text[h.start : h.end] for h in match.hits] == ["China", "Russia"]


def test_topic_missing_a_required_term_set_is_answered_without_evaluation() -> None:
    rules = compile_rules(GROUPS, [TopicSpec("t", "T", "SENTENCE(china, russia) AND nato")])
    match = rules.evaluate_all("", "China and Russia met.")[0]
    assert not match.matched and match.score == 0.0 and match.hits == ()
    assert match.failed == "nato: not mentioned"
    assert match.why == "china+russia+nato: nato not mentioned"
    shown = format_explanation("", "China and Russia met.", match)
    assert "the rule needs nato, which never appears" in shown


def test_a_word_in_several_groups_counts_for_each() -> None:
    groups = {**GROUPS, "capitals": ["Moscow", "Beijing"]}
    topics = [TopicSpec("a", "A", "russia AND capitals"), TopicSpec("b", "B", "china >= 2")]
    rules = compile_rules(groups, topics)
    a, b = rules.evaluate_all("", "Moscow and Beijing. China.")
    assert a.matched and {h.term for h in a.hits} == {"Moscow", "Beijing"}
    assert b.matched and [h.term for h in b.hits] == ["Beijing", "China"]


def test_hits_index_their_field_and_carry_terms() -> None:
    match = one("china AND russia", "China warns", "Talks with Russia.\n\nMore Russia.")
    got = {(h.term, h.field, h.start, h.end) for h in match.hits}
    assert got == {
        ("China", "title", 0, 5),
        ("Russia", "lead", 11, 17),
        ("Russia", "lead", 25, 31),
    }


def test_offsets_survive_dropped_combining_marks() -> None:
    text = "Pe\u0301kin, China and Russia."
    hit = next(h for h in one("china", "", text).hits if h.term.startswith("China"))
    assert text[hit.start : hit.end] == "China"


def test_evidence_is_the_sentence_that_satisfied_the_clause() -> None:
    text = "China spoke. Officials from China and Russia met. Later news."
    match = one("SENTENCE(china, russia)", "", text)
    assert match.evidence[0] == "Officials from China and Russia met."
    assert "in one sentence of the lead" in match.why


def test_failed_names_the_clause_that_failed() -> None:
    match = one("china AND SENTENCE(nato, russia)", "", "China. NATO. Russia.")
    assert not match.matched
    assert match.failed is not None and match.failed.startswith("SENTENCE(nato, russia)")


@pytest.mark.parametrize(
    ("rule", "failed"),
    [
        ("china AND NOT russia", "NOT russia: excluded (Russia, Kremlin)"),
        # Counts over the whole article name their terms without placing mentions.
        ("china AND NOT russia >= 2", "NOT russia >= 2: excluded (Russia, Kremlin)"),
        ("china AND NOT russia >= 1%", "NOT russia >= 1%: excluded (Russia, Kremlin)"),
        ("china AND NOT title:russia", "NOT title:russia: excluded (Russia)"),
        ("china AND NOT body:russia >= 1", "NOT body:russia >= 1: excluded (Kremlin)"),
        (
            "china AND NOT SENTENCE(china, russia)",
            "NOT SENTENCE(china, russia): excluded (China, Russia)",
        ),
    ],
)
def test_not_reports_what_excluded_the_article(rule: str, failed: str) -> None:
    match = one(rule, "Russia speaks", "China and Russia.\n\nLater.\n\nThe Kremlin.")
    assert match.failed == failed


def test_threshold_gates_on_score() -> None:
    text = "China. " + "Filler. " * 5 + "\n\nMore.\n\nRussia."
    low = one("china AND russia", "", text, threshold=0.0)
    high = one("china AND russia", "", text, threshold=0.9)
    assert low.matched and not high.matched
    assert high.failed is not None and "below the threshold" in high.failed


def test_score_prefers_title_and_sentence_over_scattered_mentions() -> None:
    together = one("china AND russia", "China and Russia", "Text.").score
    apart = one("china AND russia", "", "China.\n\nx.\n\nRussia.").score
    assert 0.0 <= apart < together <= 1.0


def test_rule_set_returns_one_match_per_topic_in_order() -> None:
    topics = [TopicSpec("a", "A", "china"), TopicSpec("b", "B", "nato")]
    rules = compile_rules(GROUPS, topics)
    assert isinstance(rules, RuleSet)
    assert rules.topic_ids == ("a", "b")
    assert [(m.topic_id, m.matched) for m in rules.evaluate_all("", "China.")] == [
        ("a", True),
        ("b", False),
    ]


@pytest.mark.parametrize(
    ("rule", "reason", "caret_col"),
    [
        ("china AND (nato OR russia", "unbalanced parenthesis", 10),
        ("china AND nato)", "unbalanced parenthesis", 14),
        ("china AND japan", "unknown group 'japan'", 10),
        ("china NEAR/x russia", "bad NEAR distance", 6),
        ("china NEAR/0 russia", "bad NEAR distance", 6),
        ("china and russia", "operators are written in capitals", 6),
        ("china AND", "ends too early", 9),
    ],
)
def test_rule_errors_point_at_the_problem(rule: str, reason: str, caret_col: int) -> None:
    spec = TopicSpec("t", "T", rule, file="watchlist.yaml", line=40, column=11)
    with pytest.raises(RuleError) as info:
        compile_rules(GROUPS, [spec])
    message = str(info.value)
    assert f"watchlist.yaml:40:{11 + caret_col}:" in message
    assert reason in message
    source, caret = message.splitlines()[-2:]
    assert source.strip() == rule
    assert caret.index("^") - 4 == caret_col


def test_block_scalar_rules_report_the_file_line_of_their_text_line() -> None:
    spec = TopicSpec("t", "T", "china\nAND bogus\n", file="w.yaml", line=10, column=7)
    with pytest.raises(RuleError, match=r"w\.yaml:12:11: topic t: unknown group 'bogus'"):
        compile_rules(GROUPS, [spec])


def test_all_problems_are_reported_together() -> None:
    topics = [TopicSpec("a", "A", "nope"), TopicSpec("b", "B", "china AND (")]
    groups = {**GROUPS, "bad": ["*"]}
    with pytest.raises(RuleError) as info:
        compile_rules(groups, topics, groups_file="g.yaml", group_lines={"bad": 7})
    message = str(info.value)
    assert "3 problems" in message
    assert "g.yaml:7:1: group bad" in message


def test_explanation_highlights_words_and_names_the_failed_clause() -> None:
    title, text = "China warns NATO", "China accused NATO. Russia was silent."
    rules = compile_rules(GROUPS, [TopicSpec("core", "Core", "SENTENCE(china, nato, russia)")])
    match = rules.evaluate_all(title, text)[0]
    shown = format_explanation(title, text, match)
    assert "[[China]] warns [[NATO]]" in shown
    assert "failed clause: SENTENCE(china, nato, russia)" in shown
    assert "\033[1m" in format_explanation(title, text, match, ansi=True)


def test_shipped_watchlist_compiles_and_lists_pair_topics_in_a_digest() -> None:
    data = yaml.safe_load(Path("config/watchlist.yaml").read_text(encoding="utf-8"))
    topics = [TopicSpec(t["id"], t["name"], t["rule"], t["threshold"]) for t in data["topics"]]
    rules = compile_rules(data["groups"], topics)
    ids = {"china-nato-russia", "china-russia", "nato-russia", "nato-china"}
    assert set(rules.topic_ids) == ids
    assert ids <= set(data["digests"][0]["topics"])
    incidental = "We had dinner at a Chinese restaurant, then read about Russia and NATO."
    assert not any(m.matched for m in rules.evaluate_all("", incidental))


@pytest.mark.shared_data
def _shipped_rules_and_dev_rows(shared_data: Path) -> tuple[RuleSet, list[dict]]:
    data = yaml.safe_load(Path("config/watchlist.yaml").read_text(encoding="utf-8"))
    topics = [TopicSpec(t["id"], t["name"], t["rule"], t["threshold"]) for t in data["topics"]]
    lines = (shared_data / "relevance" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    return compile_rules(data["groups"], topics), [json.loads(line) for line in lines if line]


def test_dev_set_core_articles_and_the_seed_match_the_core_topic(shared_data: Path) -> None:
    rules, rows = _shipped_rules_and_dev_rows(shared_data)
    core = [r for r in rows if r["label"] == 2]  # China, NATO and Russia together
    assert core
    for row in core:
        topics = {m.topic_id for m in rules.matched_topics(row["title"], row["text"])}
        assert "china-nato-russia" in topics, row["title"]
    seed = (shared_data.parent / "seed-article.txt").read_text(encoding="utf-8")
    assert "china-nato-russia" in {m.topic_id for m in rules.matched_topics("", seed)}


def test_dev_set_unrelated_articles_rarely_match_any_topic(shared_data: Path) -> None:
    rules, rows = _shipped_rules_and_dev_rows(shared_data)
    zero = [r for r in rows if r["label"] == 0]
    false_hits = sum(bool(rules.matched_topics(r["title"], r["text"])) for r in zero)
    assert false_hits / len(zero) <= 0.06


def test_evidence_cites_each_sentence_once_and_highlights_the_title() -> None:
    title, text = "China and Russia talk", "China met Russia.\n\nLater, Moscow and Beijing agreed."
    rule = "SENTENCE(china, russia) >= 2 AND SENTENCE(china, russia) >= 50%"
    match = one(rule, title, text)
    assert match.matched
    assert match.evidence == (title, "China met Russia.", "Later, Moscow and Beijing agreed.")
    shown = format_explanation(title, text, match)
    assert "[[China]] and [[Russia]] talk" in shown.split("evidence:")[1]
