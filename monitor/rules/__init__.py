"""Watch-list rule language: parse, compile, match and explain topic rules (pure)."""

from monitor.rules.compiler import RuleSet, compile_rules
from monitor.rules.spec import TopicSpec

__all__ = ["RuleSet", "TopicSpec", "compile_rules"]
