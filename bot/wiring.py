"""The composition of the core: database, detector, texts, suggestion builders, incident desk and engine."""

from __future__ import annotations

import logging

from sqlite_utils import Database

from bot.clock import Clock, IdFactory, RandomIds, SystemClock
from bot.data_files import DataPaths
from bot.detection import Detector
from bot.engine import Engine
from bot.incidents import IncidentDesk, load_playbooks
from bot.settings import Settings
from bot.store.database import open_database
from bot.suggestions import SuggestionComposer
from bot.texts import Texts

log = logging.getLogger(__name__)


def build_engine(
    settings: Settings,
    *,
    clock: Clock | None = None,
    ids: IdFactory | None = None,
    database: Database | None = None,
) -> Engine:
    """Everything the engine needs, loaded once; a broken data file stops here with a DataFileError naming it."""
    clock = clock or SystemClock()
    ids = ids or RandomIds()
    paths = DataPaths(settings.data_dir, settings.extra_playbooks_dir)
    texts = Texts.load(paths)
    detector = Detector.load(paths)
    composer = SuggestionComposer.load(paths, texts)
    playbooks = load_playbooks(paths)
    db = database if database is not None else open_database(settings.database_path)
    engine: Engine | None = None

    def settle(message_key: str) -> None:
        # The desk resolves an incident; the ledger's matter for that message is settled (rule 14).
        if engine is not None:
            engine.ledger.settle(message_key, by="incident")

    desk = IncidentDesk(
        settings=settings, db=db, playbooks=playbooks, texts=texts, clock=clock, ids=ids, on_resolved=settle
    )
    engine = Engine(
        settings=settings, db=db, detector=detector, texts=texts, composer=composer, clock=clock, ids=ids, desk=desk
    )
    log.info("engine ready (database %s)", "given" if database is not None else settings.database_path)
    return engine
