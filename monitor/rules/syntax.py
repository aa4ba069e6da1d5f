"""Rule text -> syntax tree, with positions for error carets and `failed` clauses."""

from __future__ import annotations

from dataclasses import dataclass, field

from lark import Lark, Token, Transformer, Tree, v_args
from lark.exceptions import (
    UnexpectedCharacters,
    UnexpectedEOF,
    UnexpectedInput,
    UnexpectedToken,
    VisitError,
)

MAX_NEAR = 100

_GRAMMAR = r"""
?start: or_expr
?or_expr: and_expr (_OR and_expr)*
?and_expr: unary (_AND unary)*
?unary: _NOT unary -> not_
      | primary
?primary: "(" or_expr ")"
        | ref NEAR_OP ref -> near
        | UNIT "(" ref ("," ref)* ")" -> cooc
        | FIELD ":" primary -> scoped
        | countable CMP AMOUNT -> count
        | ref
?countable: ref
          | UNIT "(" ref ("," ref)* ")" -> cooc
ref: NAME | STRING
_AND.2: "AND"
_OR.2: "OR"
_NOT.2: "NOT"
NEAR_OP.3: /NEAR(\/[^\s()]*)?/
UNIT.2: "SENTENCE" | "PARAGRAPH"
FIELD.2: /(title|lead|body|text)(?=:)/
CMP: ">="
AMOUNT: /[0-9]+(\.[0-9]+)?%?/
NAME: /[^\W\d][\w-]*/
STRING: /"[^"\n]*"/
%import common.WS
%ignore WS
"""

_PARSER = Lark(_GRAMMAR, parser="lalr", propagate_positions=True, maybe_placeholders=False)


class RuleSyntaxError(ValueError):
    """A rule is malformed; `offset` is the character the caret goes under."""

    def __init__(self, reason: str, offset: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.offset = offset


@dataclass(frozen=True, slots=True)
class Node:
    """Base of syntax-tree nodes; `src` is the clause as written, `offset` where it starts."""

    src: str
    offset: int


@dataclass(frozen=True, slots=True)
class Ref(Node):
    """A term set: a named group or a quoted literal alias."""

    name: str
    literal: bool
    key: str = field(init=False, compare=False)  # the term set: "g:<group>" or "l:<literal>"

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", f"l:{self.name}" if self.literal else f"g:{self.name}")


@dataclass(frozen=True, slots=True)
class And(Node):
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or(Node):
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not(Node):
    item: Node


@dataclass(frozen=True, slots=True)
class Near(Node):
    left: Ref
    right: Ref
    distance: int


@dataclass(frozen=True, slots=True)
class CoOccur(Node):
    unit: str  # "sentence" | "paragraph"
    refs: tuple[Ref, ...]


@dataclass(frozen=True, slots=True)
class Count(Node):
    target: Ref | CoOccur
    minimum: float
    percent: bool  # mentions per 100 words instead of a plain count


@dataclass(frozen=True, slots=True)
class Scoped(Node):
    field: str
    item: Node


def check_parentheses(rule: str) -> None:
    """Raise at the first unmatched parenthesis, ignoring quoted text."""
    stack: list[int] = []
    quoted = False
    for i, c in enumerate(rule):
        if c == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif c == "(":
            stack.append(i)
        elif c == ")":
            if not stack:
                raise RuleSyntaxError("unbalanced parenthesis: this ')' closes nothing", i)
            stack.pop()
    if quoted:
        raise RuleSyntaxError("unterminated quote: this '\"' is never closed", rule.rindex('"'))
    if stack:
        raise RuleSyntaxError("unbalanced parenthesis: this '(' is never closed", stack[-1])


def parse_rule(rule: str) -> Node:
    """Parse one rule into a syntax tree or raise RuleSyntaxError with an offset."""
    check_parentheses(rule)
    try:
        tree = _PARSER.parse(rule)
    except UnexpectedInput as exc:
        raise _explain(rule, exc) from None
    try:
        return _Build(rule).transform(tree)
    except VisitError as exc:  # lark wraps what our builder raises
        if isinstance(exc.orig_exc, RuleSyntaxError):
            raise exc.orig_exc from None
        raise


def _explain(rule: str, exc: UnexpectedInput) -> RuleSyntaxError:
    """Turn a lark error into a short analyst-facing reason."""
    if isinstance(exc, UnexpectedEOF):
        return RuleSyntaxError("the rule ends too early: an operand is missing", len(rule.rstrip()))
    offset = exc.pos_in_stream if exc.pos_in_stream is not None else 0
    if isinstance(exc, UnexpectedCharacters):
        return RuleSyntaxError(f"unexpected character {rule[offset]!r}", offset)
    if isinstance(exc, UnexpectedToken):
        if exc.token.type == "$END":
            return RuleSyntaxError("the rule ends too early: an operand is missing", len(rule))
        word = str(exc.token)
        hint = ""
        if word.lower() in {"and", "or", "not"}:
            hint = " (operators are written in capitals: AND, OR, NOT)"
        elif exc.token.type in {"NAME", "STRING", "UNIT"}:
            hint = " (join clauses with AND or OR)"
        return RuleSyntaxError(f"unexpected {word!r}{hint}", offset)
    return RuleSyntaxError(str(exc).splitlines()[0], offset)


@v_args(tree=True)
class _Build(Transformer[Token, Node]):
    """Turn lark's parse tree into frozen nodes that remember their source text."""

    def __init__(self, rule: str) -> None:
        super().__init__()
        self._rule = rule

    def _span(self, tree: Tree[Token]) -> tuple[str, int]:
        start, end = tree.meta.start_pos, tree.meta.end_pos
        return self._rule[start:end], start

    def ref(self, tree: Tree[Token]) -> Ref:
        token = tree.children[0]
        assert isinstance(token, Token)
        literal = token.type == "STRING"
        name = str(token)[1:-1] if literal else str(token)
        if literal and not name.strip():
            raise RuleSyntaxError("empty quoted term", token.start_pos or 0)
        return Ref(str(token), token.start_pos or 0, name, literal)

    def or_expr(self, tree: Tree[Token]) -> Or:
        return Or(*self._span(tree), tuple(tree.children))  # type: ignore[arg-type]

    def and_expr(self, tree: Tree[Token]) -> And:
        return And(*self._span(tree), tuple(tree.children))  # type: ignore[arg-type]

    def not_(self, tree: Tree[Token]) -> Not:
        return Not(*self._span(tree), tree.children[0])  # type: ignore[arg-type]

    def near(self, tree: Tree[Token]) -> Near:
        left, op, right = tree.children
        assert isinstance(op, Token)
        text = str(op)
        digits = text[5:] if text.startswith("NEAR/") else ""
        if not digits.isdigit() or not 1 <= int(digits) <= MAX_NEAR:
            raise RuleSyntaxError(
                f"bad NEAR distance {text!r}: write NEAR/n with n words, 1 to {MAX_NEAR}",
                op.start_pos or 0,
            )
        return Near(*self._span(tree), left, right, int(digits))  # type: ignore[arg-type]

    def cooc(self, tree: Tree[Token]) -> CoOccur:
        unit, *refs = tree.children
        if len(refs) < 2:
            raise RuleSyntaxError(f"{unit}(...) needs at least two terms", tree.meta.start_pos)
        return CoOccur(*self._span(tree), str(unit).lower(), tuple(refs))  # type: ignore[arg-type]

    def scoped(self, tree: Tree[Token]) -> Scoped:
        field, item = tree.children
        return Scoped(*self._span(tree), str(field), item)  # type: ignore[arg-type]

    def count(self, tree: Tree[Token]) -> Count:
        target, _cmp, amount = tree.children
        assert isinstance(amount, Token)
        text = str(amount)
        percent = text.endswith("%")
        value = float(text.rstrip("%"))
        if value <= 0 or (not percent and not value.is_integer()):
            raise RuleSyntaxError(
                f"bad minimum {text!r}: use a whole count (>= 3) or a density (>= 0.5%)",
                amount.start_pos or 0,
            )
        return Count(*self._span(tree), target, value, percent)  # type: ignore[arg-type]
