"""The composition of the core: database, detector, texts, suggestion builders, incident desk and engine."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlite_utils import Database

from bot.clock import Clock, IdFactory, RandomIds, SystemClock
from bot.data_files import DataPaths
from bot.detection import Detector
from bot.engine import Engine
from bot.incidents import IncidentDesk, Playbooks, load_playbooks
from bot.settings import Settings
from bot.store.database import open_database
from bot.suggestions import SuggestionComposer
from bot.texts import Texts

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CoreData:
    """Everything the core reads from data/ (seconds to load); read-only once loaded, so one CoreData
    can serve many engines (tests, a process with several adapters)."""

    detector: Detector
    texts: Texts
    composer: SuggestionComposer
    playbooks: Playbooks


def load_core_data(settings: Settings) -> CoreData:
    """Read and validate every data file once; a broken one stops here with a DataFileError naming it."""
    paths = DataPaths(settings.data_dir, settings.extra_playbooks_dir)
    texts = Texts.load(paths)
    return CoreData(
        detector=Detector.load(paths),
        texts=texts,
        composer=SuggestionComposer.load(paths, texts),
        playbooks=load_playbooks(paths),
    )


def build_engine(
    settings: Settings,
    *,
    clock: Clock | None = None,
    ids: IdFactory | None = None,
    database: Database | None = None,
    core: CoreData | None = None,
) -> Engine:
    """An engine on the settings' database; `core` reuses data already loaded (else it is loaded here)."""
    clock = clock or SystemClock()
    ids = ids or RandomIds()
    core = core or load_core_data(settings)
    db = database if database is not None else open_database(settings.database_path)
    engine: Engine | None = None

    def settle(message_key: str) -> None:
        # The desk resolves an incident; the ledger's matter for that message is settled (rule 14).
        if engine is not None:
            engine.ledger.settle(message_key, by="incident")

    desk = IncidentDesk(
        settings=settings, db=db, playbooks=core.playbooks, texts=core.texts, clock=clock, ids=ids,
        on_resolved=settle,
    )
    engine = Engine(
        settings=settings, db=db, detector=core.detector, texts=core.texts, composer=core.composer, clock=clock,
        ids=ids, desk=desk,
    )
    log.info("engine ready (database %s)", "given" if database is not None else settings.database_path)
    return engine
