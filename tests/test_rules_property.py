"""Property tests: a rule fails only with RuleError; any article text matches without error."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from monitor.errors import RuleError
from monitor.rules import TopicSpec, compile_rules

GROUPS = {
    "china": ["China", "Beijing", "中国"],
    "nato": ["=NATO", "OTAN"],
    "russia": ["Russia*", "Россия"],
}
TOKENS = st.sampled_from(
    [
        "china",
        "nato",
        "russia",
        "unknown",
        "AND",
        "OR",
        "NOT",
        "(",
        ")",
        "NEAR/3",
        "NEAR/x",
        "SENTENCE(",
        "PARAGRAPH(",
        ",",
        ">=",
        "2",
        "5%",
        "title:",
        "lead:",
        "body:",
        '"',
        "*",
        "-",
    ]
)
RULES = st.lists(TOKENS, max_size=12).map(" ".join) | st.text(max_size=60)


@settings(max_examples=300, deadline=None)
@given(rule=RULES)
def test_any_rule_text_compiles_or_raises_rule_error(rule: str) -> None:
    try:
        rules = compile_rules(GROUPS, [TopicSpec("t", "T", rule, file="w.yaml", line=3, column=11)])
    except RuleError as exc:
        assert "w.yaml:" in str(exc)  # every problem points into the file
        return
    (match,) = rules.match("China and NATO", "Russia said Beijing and NATO met.")
    assert 0.0 <= match.score <= 1.0


SHIPPED = compile_rules(
    GROUPS,
    [
        TopicSpec(
            "core", "Core", "SENTENCE(china, nato, russia) OR (title:china AND nato NEAR/10 russia)"
        ),
        TopicSpec("count", "Count", "china >= 2 AND russia >= 1%"),
    ],
)


ANY_CHARACTER = st.characters(exclude_categories=[])  # lone surrogates included


@settings(max_examples=300, deadline=None)
@given(title=st.text(ANY_CHARACTER, max_size=80), text=st.text(ANY_CHARACTER, max_size=600))
def test_any_article_text_matches_without_error(title: str, text: str) -> None:
    every = SHIPPED.match(title, text)
    assert SHIPPED.matches(title, text) == tuple(m for m in every if m.matched)
    for match in every:
        assert 0.0 <= match.score <= 1.0
        for hit in match.hits:
            source = title if hit.field == "title" else text
            assert 0 <= hit.start <= hit.end <= len(source)
