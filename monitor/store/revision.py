"""Generate an Alembic revision from the tables: `python -m monitor.store.revision "message"`."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig

from monitor.store.db import MIGRATIONS, upgrade


def main() -> None:
    """Diff the tables against a scratch database at head and write the new revision."""
    message = sys.argv[1] if len(sys.argv) > 1 else "schema change"
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{Path(scratch) / 'scratch.db'}"
        upgrade(url)
        cfg = AlembicConfig()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.attributes["url"] = url
        command.revision(cfg, message=message, autogenerate=True)


if __name__ == "__main__":
    main()
