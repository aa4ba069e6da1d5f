"""Settings checks about secrets and the address guard: file:line problems, no traceback.

Kept beside config.py (which calls `safety_problems` once the settings validated) so that the
checks read top to bottom and settings.py stays the one place where settings are declared.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from monitor.redact import raw_at_problem

if TYPE_CHECKING:
    from monitor.settings import Settings
    from monitor.yamlsource import Located


def safety_problems(settings: Settings, located: Located) -> list[str]:
    """Return every problem with the database URL, the SMTP password file and allowed_hosts."""
    return [
        *_database_url_problems(settings, located),
        *_password_file_problems(settings, located),
        *_allowed_hosts_problems(settings, located),
    ]


def _database_url_problems(settings: Settings, located: Located) -> list[str]:
    """Refuse a database URL that no driver reads as written (it would leak or misroute)."""
    from_env = os.environ.get("MONITOR_DATABASE_URL")
    problem = raw_at_problem(from_env or settings.database.url)
    if problem is None:
        return []
    where = (
        "$MONITOR_DATABASE_URL"
        if from_env
        else f"{located.where(('database', 'url'))}: database.url"
    )
    return [f"{where}: {problem}"]


def resolve_password_file(settings: Settings, base: Path) -> Settings:
    """Make smtp.password_file relative to monitor.yaml, like every other path in it."""
    smtp = settings.smtp
    if smtp.password_file is None or smtp.password_file.is_absolute():
        return settings
    resolved = smtp.model_copy(update={"password_file": (base / smtp.password_file).resolve()})
    return settings.model_copy(update={"smtp": resolved})


def _password_file_problems(settings: Settings, located: Located) -> list[str]:
    """Check now that the SMTP password file can be read, rather than at the first send."""
    path = settings.smtp.password_file
    if path is None:
        return []
    try:
        path.read_text(encoding="utf-8")
    except OSError as exc:
        reason = exc.strerror or str(exc)
    except UnicodeDecodeError:
        reason = "not UTF-8 text"
    else:
        return []
    return [
        f"{located.where(('smtp', 'password_file'))}: smtp.password_file: cannot read {path} "
        f"({reason}); fix: create the file (mode 600) or correct the path, which is relative "
        "to monitor.yaml"
    ]


def _allowed_hosts_problems(settings: Settings, located: Located) -> list[str]:
    """Refuse allowed_hosts entries the address guard never opens (metadata, link-local...)."""
    if not settings.polling.allowed_hosts:
        return []  # the usual case: no need to load the guard at all
    # Imported here: monitor.feeds brings the HTTP client, which loading a config needs not.
    from monitor.feeds.guard import never_allowed_entry

    problems = []
    for index, entry in enumerate(settings.polling.allowed_hosts):
        reason = never_allowed_entry(entry)
        if reason:
            where = located.where(("polling", "allowed_hosts", index))
            problems.append(
                f"{where}: polling.allowed_hosts.{index}: {reason}; fix: remove the entry"
            )
    return problems
