"""Who may resolve an incident or hand it over; everything else in a thread is open to the whole team.

Rule 9 of docs/principles.md: one person is responsible for the response and keeps the others informed.
So the owner decides when it is over and to whom it passes. The reporter (who opened it) may too: they
know whether their concern was met, and an incident opened by hand may have nobody else yet. A channel
admin, when the platform says so, is the way out when both are away. Updates, notes, ticked steps and
severity are facts and progress (rules 10 and 13): anyone in the team channel may add them, and the
timeline says who did.
"""

from __future__ import annotations

from bot.events import Person
from bot.store.incidents import Incident


def is_responsible(incident: Incident, person: Person) -> bool:
    """The owner, the reporter, or a channel admin."""
    if person.is_channel_admin:
        return True
    return person.user_id in {user_id for user_id in (incident.owner_id, incident.opened_by) if user_id}


def may_resolve(incident: Incident, person: Person) -> bool:
    return is_responsible(incident, person)


def may_set_owner(incident: Incident, person: Person) -> bool:
    """Nobody owns it yet: anyone may claim it or name someone (the first hours decide, rule 2).
    Someone owns it: only they, the reporter or an admin hand it over, so it never changes hands unseen."""
    if incident.owner_id is None:
        return True
    return is_responsible(incident, person)
