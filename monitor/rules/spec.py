"""Topic specs as read from the watch-list, and located, caret-marked error messages."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TopicSpec:
    """One topic as written in the watch-list; line/column locate the rule's first character."""

    id: str
    name: str
    rule: str
    threshold: float = 0.5
    file: str | None = None
    line: int | None = None
    column: int | None = None
    near: str | None = None  # the second-tier rule: a near miss holds it but not `rule`
    near_line: int | None = None
    near_column: int | None = None

    def near_spec(self) -> TopicSpec | None:
        """Return the near rule as a spec of its own (errors point into it), or None."""
        if self.near is None:
            return None
        return TopicSpec(
            self.id, self.name, self.near, 0.0, self.file, self.near_line, self.near_column
        )


def locate(spec: TopicSpec, offset: int) -> tuple[int, int, str]:
    """Map a rule offset to (file line, file column, rule source line), all 1-based.

    A rule holding a newline came from a YAML block scalar: its text line k sits on file line
    `spec.line + k` at `spec.column`. A one-line rule starts at (`spec.line`, `spec.column`).
    """
    before = spec.rule[:offset]
    k = before.count("\n") + 1
    col = offset - (before.rfind("\n") + 1) + 1
    source = spec.rule.split("\n")[k - 1]
    base_line, base_col = spec.line or 1, spec.column or 1
    if "\n" in spec.rule:
        return base_line + k, base_col + col - 1, source
    return base_line, base_col + col - 1, source


def rule_problem(spec: TopicSpec, offset: int, reason: str) -> str:
    """Format 'file:line:col: reason', the source line and a caret under the problem."""
    line, column, source = locate(spec, offset)
    where = spec.file or f"<topic {spec.id}>"
    col_in_source = offset - (spec.rule[:offset].rfind("\n") + 1)
    caret = " " * col_in_source + "^"
    head = f"{where}:{line}:{column}: topic {spec.id}: {reason}; fix: {rule_fix(reason)}"
    return f"{head}\n    {source}\n    {caret}"


def group_problem(file: str | None, line: int | None, group: str, reason: str) -> str:
    """Format a problem with a group's alias list ('file:line:1: group x: reason')."""
    where = file or "<groups>"
    fix = "write the group as a list of aliases, e.g. [Moscow, Kremlin] (docs/rules.md)"
    if "alias" in reason:
        fix = "correct or remove this alias (docs/rules.md, Groups and aliases)"
    return f"{where}:{line or 1}:1: group {group}: {reason}; fix: {fix}"


_FIXES = (
    ("unknown group", "define the group under `groups:`, or quote the word as a literal term"),
    ("this ')'", "remove this ')' or add the '(' it closes"),
    ("this '('", "add the ')' that closes this '('"),
    ("unterminated quote", 'close the quoted term with a "'),
    ("ends too early", "complete the clause after the last operator"),
    ("capitals", "write operators in capitals: AND, OR, NOT, NEAR/n"),
    ("join clauses", "join the two clauses with AND or OR"),
    ("at least two terms", "list two or more terms inside the parentheses"),
    ("bad minimum", "use a whole count (>= 3) or a density (>= 0.5%)"),
    ("NEAR", "write NEAR/n with a number of words n from 1 to 100"),
    ("threshold", "use a number from 0 to 1"),
    ("used twice", "give each topic its own id"),
    ("alias", "correct the term (docs/rules.md, Groups and aliases)"),
)


def rule_fix(reason: str) -> str:
    """Suggest what to change for a rule problem."""
    for needle, fix in _FIXES:
        if needle in reason:
            return fix
    return "see docs/rules.md for the rule language"
