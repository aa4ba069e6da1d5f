"""Alembic environment: the URL comes from the caller, the schema from monitor.store.tables."""

from alembic import context

from monitor.store.db import make_engine
from monitor.store.tables import METADATA

config = context.config
url: str = config.attributes.get("url") or config.get_main_option("sqlalchemy.url") or ""


def run_migrations_offline() -> None:
    context.configure(url=url, target_metadata=METADATA, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    # The service's own engine: on SQLite it issues a real BEGIN, without which pysqlite would
    # autocommit every CREATE/ALTER and a migration dying half-way would leave half a schema.
    engine = make_engine(url)
    with engine.connect() as connection:
        # transactional_ddl: a migration that dies half-way leaves the old schema, on SQLite too.
        context.configure(
            connection=connection,
            target_metadata=METADATA,
            transactional_ddl=True,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
