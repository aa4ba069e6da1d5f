"""Relevance the analyst steers: near misses, verdicts from the digest's links and the command line,
backtests against verdicts, and rule suggestions proven on held-out verdicts."""

from __future__ import annotations

import asyncio
import json
import urllib.parse
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from monitor.analyse import analyse_article
from monitor.cli import main
from monitor.config import load_config
from monitor.models import ArticleInput
from monitor.rules import TopicSpec, compile_rules
from monitor.rules.suggest import Labelled, suggest
from monitor.store import make_engine, upgrade
from monitor.store import matched as match_store
from monitor.store import verdicts as verdict_store
from monitor.store.articles import AnalysisRecord, store_analysed
from monitor.web.app import WebContext, make_server
from monitor.web.links import FEEDBACK, Links, story_links
from monitor.web.tokens import Signer
from tests.support.config import write_config
from tests.support.webclient import get, post

NOW = datetime(2026, 12, 6, 7, 0, tzinfo=UTC)
SECRET = b"test secret for links 0123456789"
GROUPS = {"nato": ["=NATO"], "russia": ["Russia*", "Moscow"]}
NATO_RUSSIA = TopicSpec(
    "nato-russia",
    "NATO–Russia",
    "SENTENCE(nato, russia) >= 2",
    0.0,
    near="SENTENCE(nato, russia)",
)
ONE_SENTENCE = "Summit recap\nNATO met in Vilnius. Russia was not invited to NATO talks.\n"
TWO_SENTENCES = ONE_SENTENCE + "NATO warned Russia again. Moscow called NATO a threat.\n"


def test_a_near_miss_fails_the_rule_but_holds_near() -> None:
    rules = compile_rules(GROUPS, [NATO_RUSSIA])
    title, _, text = ONE_SENTENCE.partition("\n")
    (near,) = rules.matched_topics(title, text)
    assert (near.matched, near.tier, near.near) == (False, "near", True)
    assert near.evidence == ("Russia was not invited to NATO talks.",)
    assert near.failed == "SENTENCE(nato, russia): found in 1, needs 2"
    (full,) = rules.evaluate_all(title, text)  # the explain path agrees
    assert (full.tier, full.evidence) == ("near", near.evidence)
    title, _, text = TWO_SENTENCES.partition("\n")
    (match,) = rules.matched_topics(title, text)
    assert (match.matched, match.tier) == (True, "match")
    assert rules.matched_topics("Weather", "Sunny in Moscow.") == ()
    (none,) = rules.evaluate_all("Weather", "Sunny in Moscow.")
    assert none.tier is None


def test_a_near_rule_error_points_into_the_near_rule() -> None:
    bad = TopicSpec("t", "T", "nato", near="nato AND (russia", file="w.yaml", near_line=9)
    with pytest.raises(Exception, match=r"w\.yaml:9:"):
        compile_rules(GROUPS, [bad])


def test_explain_json_gives_each_topic_its_tier(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path)
    story = tmp_path / "s.txt"
    text = (
        "Munich speech\nNATO must stand with Ukraine. Russia massed troops, NATO said.\n\n"
        "NATO allies met. NATO will answer Russia. Russia denies it. Russia again.\n"
    )
    story.write_text(text, encoding="utf-8")
    assert main(["explain", "--json", "--config", str(config), str(story)]) == 0
    topics = {t["id"]: t for t in json.loads(capsys.readouterr().out)["topics"]}
    assert {t["tier"] for t in topics.values()} <= {"match", "near", None}
    for topic in topics.values():
        assert topic["matched"] == (topic["tier"] == "match")
    assert topics["nato-russia"]["tier"] in ("match", "near")


def _store(engine: object, ident: str, text: str, rules: object) -> int:
    title, _, body = text.partition("\n")
    article = ArticleInput(url=f"https://news.example/{ident}", title=title, text=body)
    done = analyse_article(article, rules)
    record = AnalysisRecord(0, done.analysis, done.content_hash, done.fingerprint, NOW)
    return store_analysed(engine, record, outlet="Example")[0]  # type: ignore[arg-type]


def test_near_misses_are_stored_apart_from_matches(db_url: str) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    rules = compile_rules(GROUPS, [NATO_RUSSIA])
    near_id = _store(engine, "near", ONE_SENTENCE, rules)
    match_id = _store(engine, "match", TWO_SENTENCES, rules)
    window = (NOW - timedelta(hours=1), NOW + timedelta(hours=1))
    main_list = match_store.matches_between(engine, ["nato-russia"], *window)
    near_list = match_store.matches_between(engine, ["nato-russia"], *window, tier="near")
    assert [m.article_id for m in main_list] == [match_id]
    assert [(m.article_id, m.tier) for m in near_list] == [(near_id, "near")]
    assert near_list[0].evidence == ("Russia was not invited to NATO talks.",)
    assert match_store.matched_topic_ids(engine, "nato-russia") == {match_id}


# --- the web endpoint: feedback links ---------------------------------------------------------


def _check_value(page: str) -> str:
    return page.split('name="check" value="', 1)[1].split('"', 1)[0]


class _Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


def _web(tmp_path: Path, db_url: str, clock: _Clock) -> tuple[WebContext, Links]:
    (tmp_path / "cfg").mkdir(parents=True)
    (tmp_path / "cfg" / "web.secret").write_bytes(SECRET)
    web = {"public_base_url": "https://monitor.example.org", "secret_file": "web.secret"}
    config = load_config(write_config(tmp_path / "cfg", database_url=db_url, settings={"web": web}))
    upgrade(db_url)
    engine = make_engine(db_url)
    signer = Signer(SECRET)
    links = Links("https://monitor.example.org/", signer, timedelta(days=30))
    return WebContext(engine, config, signer, clock), links


def _path(url: str) -> str:
    return urllib.parse.urlsplit(url).path


def test_a_feedback_link_records_once_only_through_the_confirmation_form(
    tmp_path: Path,
) -> None:
    clock = _Clock()
    ctx, links = _web(tmp_path, f"sqlite:///{tmp_path / 'm.db'}", clock)
    article_id = _store(ctx.engine, "a", TWO_SENTENCES, ctx.config.ruleset())
    ana = "ana@example.org"
    not_rel = _path(links.feedback(ana, article_id, "nato-russia", "not_relevant", NOW))
    rel = _path(links.feedback(ana, article_id, "nato-russia", "relevant", NOW))

    async def scenario() -> dict[str, tuple[int, str]]:
        server = make_server(ctx)
        port = await server.start("127.0.0.1", 0)
        run = asyncio.to_thread
        try:
            out = {"get": await run(get, port, not_rel)}
            out["get_again"] = await run(get, port, not_rel)  # a scanner following twice
            verdicts_after_get = verdict_store.verdicts_for(ctx.engine, "nato-russia")
            assert verdicts_after_get == {}, "a GET must change nothing"
            check = _check_value(out["get"][1])
            out["no_check"] = await run(post, port, not_rel, {})
            out["cross_site"] = await run(
                post, port, not_rel, {"check": check}, "Origin: https://evil.example\r\n"
            )
            out["post"] = await run(
                post, port, not_rel, {"check": check}, "Origin: https://monitor.example.org\r\n"
            )
            out["replay"] = await run(post, port, not_rel, {"check": check})
            out["used_get"] = await run(get, port, not_rel)
            forged = not_rel[:-3] + ("xyz" if not not_rel.endswith("xyz") else "abc")
            out["forged"] = await run(post, port, forged, {"check": check})
            # The analyst changes her mind with the other link: the latest verdict wins.
            check_rel = _check_value((await run(get, port, rel))[1])
            out["changed"] = await run(post, port, rel, {"check": check_rel})
            clock.now = NOW + timedelta(days=31)
            late = _path(links.feedback(ana, article_id, "nato-russia", "not_relevant", NOW))
            out["expired"] = await run(get, port, late)
            return out
        finally:
            await server.close()

    out = asyncio.run(scenario())
    assert out["get"][0] == 200 and "Confirm" in out["get"][1] and "not relevant" in out["get"][1]
    assert out["no_check"][0] == 403 and out["cross_site"][0] == 403
    assert out["post"] == (200, out["post"][1]) and "Recorded as not relevant" in out["post"][1]
    assert "Already recorded" in out["replay"][1] and "Already recorded" in out["used_get"][1]
    assert out["forged"][0] == 403 and out["expired"][0] == 403
    assert "expired" in out["expired"][1]
    assert "Recorded as relevant" in out["changed"][1]
    (stored,) = verdict_store.verdicts_for(ctx.engine, "nato-russia").values()
    assert (stored.article_id, stored.verdict) == (article_id, "relevant")
    # Verdicts survive a restart: a new engine on the same file reads them back.
    again = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    assert verdict_store.verdicts_for(again, "nato-russia")[article_id].verdict == "relevant"


def test_a_verdict_for_an_unknown_article_changes_nothing(tmp_path: Path) -> None:
    ctx, links = _web(tmp_path, f"sqlite:///{tmp_path / 'm.db'}", _Clock())
    path = _path(links.feedback("ana@example.org", 999, "nato-russia", "relevant", NOW))
    token = path.rsplit("/", 1)[1]

    async def scenario() -> tuple[tuple[int, str], tuple[int, str]]:
        server = make_server(ctx)
        port = await server.start("127.0.0.1", 0)
        try:
            shown = await asyncio.to_thread(get, port, path)
            check = ctx.signer.tag("feedback-form", token)
            posted = await asyncio.to_thread(post, port, path, {"check": check})
            return shown, posted
        finally:
            await server.close()

    shown, posted = asyncio.run(scenario())
    assert shown[0] == 404 and posted[0] == 404
    assert verdict_store.verdicts_for(ctx.engine, "nato-russia") == {}


@pytest.mark.postgres
def test_two_instances_record_one_verdict_for_one_link(tmp_path: Path, pg_url: str) -> None:
    ctx_a, links = _web(tmp_path / "a", pg_url, _Clock())
    ctx_b, _ = _web(tmp_path / "b", pg_url, _Clock())
    article_id = _store(ctx_a.engine, "a", TWO_SENTENCES, ctx_a.config.ruleset())
    path = _path(links.feedback("ana@example.org", article_id, "nato-russia", "relevant", NOW))
    check = ctx_a.signer.tag("feedback-form", path.rsplit("/", 1)[1])

    async def scenario() -> list[tuple[int, str]]:
        servers = [make_server(ctx_a), make_server(ctx_b)]
        ports = [await s.start("127.0.0.1", 0) for s in servers]
        try:
            return list(
                await asyncio.gather(
                    *(asyncio.to_thread(post, p, path, {"check": check}) for p in ports)
                )
            )
        finally:
            for server in servers:
                await server.close()

    answers = asyncio.run(scenario())
    bodies = sorted("Recorded" in body for _, body in answers)
    assert bodies == [False, True], answers  # one recorded it, the other saw it used
    with ctx_a.engine.connect() as conn:
        from sqlalchemy import text

        assert conn.execute(text("SELECT count(*) FROM verdict")).scalar_one() == 1
        assert conn.execute(text("SELECT count(*) FROM used_link")).scalar_one() == 1


def test_story_links_say_not_relevant_or_belongs_here() -> None:
    links = Links("https://m.example.org/", Signer(SECRET), timedelta(days=1))
    main = story_links(links, "a@x.org", 1, "t", "match", NOW)
    near = story_links(links, "a@x.org", 1, "t", "near", NOW)
    assert [label for label, _ in main] == ["Not relevant", "Relevant"]
    assert [label for label, _ in near] == ["Belongs here", "Not relevant"]
    token = near[0][1].rsplit("/", 1)[1]
    assert Signer(SECRET).verify(FEEDBACK, token, NOW)["v"] == "relevant"
    assert story_links(None, "a@x.org", 1, "t", "match", NOW) == ()


# --- the command line: feedback, import, backtest, suggest --------------------------------------


def test_feedback_commands_record_import_and_backtest_reports_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config_path = write_config(tmp_path)
    config = load_config(config_path)
    engine = make_engine(config.database_url)
    upgrade(config.database_url)
    stored = _store(engine, "stored", TWO_SENTENCES, config.ruleset())
    cfg = ["--config", str(config_path)]
    assert main(["feedback", str(stored), "--topic", "nato-russia", "--not-relevant", *cfg]) == 0
    assert "recorded: article" in capsys.readouterr().out
    labels = tmp_path / "labels.jsonl"
    lines = [
        {"url": "https://news.example/stored", "topic": "nato-russia", "verdict": "relevant"},
        {
            "id": "new-1",
            "title": "NATO and Russia",
            "text": TWO_SENTENCES,
            "topic": "nato-russia",
            "verdict": "relevant",
        },
        {"id": "x", "topic": "nope", "verdict": "relevant"},
        {"url": "https://news.example/missing", "topic": "nato-russia", "verdict": "relevant"},
    ]
    labels.write_text("\n".join(json.dumps(x) for x in lines) + "\nnot json\n", encoding="utf-8")
    assert main(["feedback", "import", str(labels), *cfg]) == 0
    out, err = capsys.readouterr()
    assert "2 verdict(s) recorded, 1 article(s) analysed and stored first, 3 line(s)" in out
    assert f"{labels}:3: unknown topic nope" in err and f"{labels}:5: not JSON" in err
    assert f"{labels}:4: no stored article https://news.example/missing" in err
    verdicts = verdict_store.verdicts_for(engine, "nato-russia")
    assert len(verdicts) == 2 and {v.verdict for v in verdicts.values()} == {"relevant"}
    assert main(["backtest", "--topic", "nato-russia", *cfg]) == 0
    assert "against 2 verdict(s): relevant caught 2/2 in the main list" in capsys.readouterr().out
    assert main(["feedback", "999", "--topic", "nato-russia", "--relevant", *cfg]) == 1
    assert main(["feedback", str(stored), "--topic", "nope", "--relevant", *cfg]) == 1
    assert "topics: china-nato-russia" in capsys.readouterr().err


def _labelled(n: int) -> list[Labelled]:
    """Synthetic verdicts: relevant stories, and not-relevant ones saying "live blog"."""
    items = []
    for k in range(n):
        items.append(Labelled(f"r{k}", f"Story {k}", TWO_SENTENCES + f"Item {k}.", True))
        noise = f"Live blog {k}\nLive blog: NATO and Russia. NATO said Russia lies. Day {k}.\n"
        items.append(Labelled(f"n{k}", f"Live blog {k}", noise, False))
    return items


def test_suggest_proposes_an_exclusion_that_holds_out_and_keeps_recall() -> None:
    spec = TopicSpec("nato-russia", "NATO–Russia", "SENTENCE(nato, russia) >= 2", 0.0)
    report = suggest(GROUPS, spec, _labelled(20))
    kinds = {(s.edit.kind, s.edit.value) for s in report.suggestions}
    assert ("exclude", "live blog") in kinds
    best = next(s for s in report.suggestions if s.edit.value == "live blog")
    assert best.fitted.removed == 20 and best.held_out.removed > 0 and best.held_out.lost == 0
    assert report.held_out_recall >= report.baseline_recall
    rules = compile_rules(GROUPS, [TopicSpec("t", "t", report.rule, report.threshold)])
    assert not rules.matched_topics(
        "Live blog 99", "Live blog: NATO and Russia. NATO said Russia lies."
    )


def test_suggest_proposes_nothing_that_only_fits_the_verdicts_it_saw() -> None:
    # Every not-relevant story has its own odd phrase: each exclusion fits one story only, so
    # none can be chosen on the other folds and none is proposed.
    spec = TopicSpec("nato-russia", "NATO–Russia", "SENTENCE(nato, russia) >= 2", 0.0)
    words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]
    items = [Labelled(f"r{k}", "S", TWO_SENTENCES, True) for k in range(8)]
    items += [
        Labelled(f"n{k}", "S", TWO_SENTENCES + f"Unique {w} {w}s.", False)
        for k, w in enumerate(words)
    ]
    assert suggest(GROUPS, spec, items).suggestions == ()


def test_suggest_writes_a_watchlist_check_config_accepts_with_comments_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config_path = write_config(tmp_path)
    watchlist = tmp_path / "watchlist.yaml"
    data = yaml.safe_load(watchlist.read_text("utf-8"))
    text = "# my own comment\n" + yaml.safe_dump(data, allow_unicode=True, width=200)
    watchlist.write_text(text, encoding="utf-8")
    config = load_config(config_path)
    engine = make_engine(config.database_url)
    upgrade(config.database_url)
    rules = config.ruleset()
    long_story = TWO_SENTENCES * 3
    for item in _labelled(15):
        body = long_story + item.text if item.relevant else item.text * 4
        article_id = _store(engine, item.key, f"{item.title}\n{body}", rules)
        verdict_store.record_verdict(
            engine,
            recipient="import",
            article_id=article_id,
            topic_id="nato-russia",
            verdict="relevant" if item.relevant else "not_relevant",
            source="import",
            now=NOW,
        )
    target = tmp_path / "watchlist.suggested.yaml"
    cfg = ["--config", str(config_path)]
    assert main(["suggest", "--topic", "nato-russia", "--write", str(target), *cfg]) == 0
    out = capsys.readouterr().out
    assert 'exclude stories saying "live blog"' in out and "held out (k-fold)" in out
    written = target.read_text("utf-8")
    assert written.startswith("# my own comment\n") and 'NOT "live blog"' in written
    # check-config accepts a monitor.yaml that points at the written file.
    settings = yaml.safe_load(config_path.read_text("utf-8"))
    settings["watchlist"] = target.name
    (tmp_path / "suggested.yaml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    assert main(["check-config", "--config", str(tmp_path / "suggested.yaml")]) == 0
    assert main(["suggest", "--topic", "nato-russia", "--write", str(watchlist), *cfg]) == 1


def test_rewriting_a_topic_keeps_every_other_line_of_the_shipped_watchlist() -> None:
    from monitor.relevance import rewrite_topic
    from tests.support.config import SHIPPED_WATCHLIST

    source = SHIPPED_WATCHLIST.read_text("utf-8")
    new_rule = 'PARAGRAPH(nato, russia)\nAND NOT "live blog"'
    edited = rewrite_topic(source, "nato-russia", new_rule, 0.45)
    before, after = yaml.safe_load(source), yaml.safe_load(edited)
    topics = {t["id"]: t for t in after["topics"]}
    assert topics["nato-russia"]["rule"].strip() == new_rule
    assert topics["nato-russia"]["threshold"] == 0.45
    assert (
        topics["nato-russia"]["near"]
        == {t["id"]: t for t in before["topics"]}["nato-russia"]["near"]
    )
    for topic in before["topics"]:
        if topic["id"] != "nato-russia":
            assert topics[topic["id"]] == topic
    assert {k: v for k, v in after.items() if k != "topics"} == {
        k: v for k, v in before.items() if k != "topics"
    }
    kept = [line for line in source.splitlines() if line.lstrip().startswith("#")]
    assert all(line in edited.splitlines() for line in kept)  # every comment survives
