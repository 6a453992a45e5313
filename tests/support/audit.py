"""A test register as the bot's first start leaves it: schema up to date, audit chain begun."""

from core.audit import begin
from storage.engine import Database
from storage.migrate import upgrade


def migrated(db: Database) -> Database:
    """Migrate `db` and sign its audit chain's start, as `bot.app.prepare_database` does."""
    upgrade(db.engine)
    with db.session() as session:
        begin(session, db.keyring)
    return db
