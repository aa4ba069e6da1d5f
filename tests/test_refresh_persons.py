"""`monitor db persons`: stored quotations read with an older release's rules get the current
persons, on real SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, update

from monitor.cli import main
from monitor.quotes.persons import person_key
from monitor.store import make_engine, upgrade
from monitor.store.db import session_scope
from monitor.store.refresh import refresh_persons
from monitor.store.said import quotes_by_person
from monitor.store.tables import QuoteOrigin, QuoteRow
from tests.support.config import write_config
from tests.test_said import NOW, _store

COATS = (
    "“The threat is real and it is growing,” said Director of National Intelligence Dan Coats. "
    "“We are ready,” Coats added."
)
# What the release before titles.py stored for both quotations: the post's last word was read
# as his given name, and the speaker as an organisation.
OLD = {
    "person": "Intelligence Dan Coats",
    "person_key": person_key("Intelligence Dan Coats"),
    "role": None,
    "speaker_kind": "organization",
}


def _as_stored_before(engine: Engine) -> None:
    """Put the old reading back into the rows and into the origins they first carried."""
    with session_scope(engine) as session:
        session.execute(update(QuoteRow).values(**OLD))
        session.execute(update(QuoteOrigin).values(person_key=OLD["person_key"]))


def _rows(engine: Engine) -> list[tuple[str | None, str | None, str | None, str | None]]:
    with session_scope(engine) as session:
        rows = session.scalars(select(QuoteRow).order_by(QuoteRow.seq)).all()
        return [(r.person, r.person_key, r.role, r.speaker_kind) for r in rows]


def test_stored_persons_are_read_again_once(engine: Engine) -> None:
    _store(engine, 1, "Reuters", 7, COATS)
    _as_stored_before(engine)
    since = NOW - timedelta(days=1)
    assert quotes_by_person(engine, "Dan Coats", since) == []  # split off under the old name
    steps: list[tuple[int, int]] = []
    done = refresh_persons(engine, lambda d, t: steps.append((d, t)))
    assert (done.articles, done.quotes, done.changed) == (1, 2, 2)
    assert steps == [(1, 1)]
    key = person_key("Dan Coats")
    wanted = ("Dan Coats", key, "Director of National Intelligence", "person")
    assert _rows(engine) == [wanted, wanted]
    with session_scope(engine) as session:
        keys = set(session.scalars(select(QuoteOrigin.person_key)))
    assert keys == {key}  # later copies find their origin under the new key
    assert [q.text for q in quotes_by_person(engine, "Dan Coats", since)] == [
        "The threat is real and it is growing,",
        "We are ready,",
    ]
    again = refresh_persons(engine)
    assert (again.quotes, again.changed) == (2, 0)


def test_db_persons_command_reports_what_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'monitor.db'}"
    config = write_config(tmp_path, database_url=url)
    upgrade(url)
    engine = make_engine(url)
    _store(engine, 1, "Reuters", 7, COATS)
    _as_stored_before(engine)
    engine.dispose()
    assert main(["db", "persons", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "read the persons of 2 quotations in 1 articles again: 2 changed" in out
    assert main(["db", "persons", "--config", str(config)]) == 0
    assert "2 quotations in 1 articles again: 0 changed" in capsys.readouterr().out
