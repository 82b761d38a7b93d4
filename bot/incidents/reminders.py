"""Reminders and follow-ups: claimed from the database once each, so a restart neither loses nor repeats one."""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.actions import Action, Card, NoticePurpose, SendPrivateNotice
from bot.incidents.context import DeskContext
from bot.incidents.wording import duration
from bot.store.incidents import Incident, Reminder
from bot.vocabulary import Delivery, Platform

log = logging.getLogger(__name__)

# Reception watches are kept a day past their window, for `why` and the timeline, then dropped.
_WATCH_KEEP = timedelta(days=1)


def due_actions(context: DeskContext) -> list[Action]:
    now = context.now()
    actions: list[Action] = []
    for reminder in context.store.claim_due(now):
        incident = context.store.get(reminder.incident_id)
        if incident is None:
            log.warning("reminder %s: incident %s is gone", reminder.reminder_id, reminder.incident_id)
            continue
        try:
            actions.extend(_fire(context, incident, reminder))
        except Exception:  # one broken reminder must not stop the others; it is already marked fired
            log.exception("reminder %s of incident %s failed", reminder.reminder_id, incident.incident_id)
    context.store.purge_watches_before(now - _WATCH_KEEP)
    return actions


def _fire(context: DeskContext, incident: Incident, reminder: Reminder) -> list[Action]:
    now = context.now()
    playbook = context.playbook_of(incident)
    if reminder.kind == "follow_up":
        days = max(1, round((now - (incident.resolved_at or now)).total_seconds() / 86400))
        card = Card(
            title=context.say(incident, "incident.nudge.follow_up_title", incident_id=incident.incident_id,
                              title=incident.title),
            lines=(context.say(incident, "incident.followup", days=days),
                   context.say(incident, "incident.nudge.follow_up")),
            fields=((context.say(incident, "incident.lessons_learned"), incident.lessons),),
        )
        recipient = incident.owner_id or incident.resolved_by
    elif not incident.is_open:
        return []  # resolved since it was scheduled: nothing to chase
    elif reminder.kind == "first_response":
        if incident.first_response_at is not None:
            return []
        # "The first hours decide": counted from the post when we know it, else from the opening.
        since = incident.posted_at or incident.opened_at
        card = Card(
            title=context.say(incident, "incident.nudge.first_title", incident_id=incident.incident_id),
            lines=(context.say(incident, "incident.reminder", owner=context.owner_label(incident),
                               minutes=int((now - since).total_seconds() // 60)),),
        )
        recipient = incident.owner_id
    elif reminder.kind == "update":
        interval = playbook.timing.update_interval(incident.severity)
        since = incident.last_update_at or incident.opened_at
        card = Card(
            title=context.say(incident, "incident.nudge.update_title", incident_id=incident.incident_id),
            lines=(context.say(incident, "incident.nudge.update", elapsed=duration(now - since),
                               severity=context.severity_label(incident), interval=duration(interval)),),
        )
        recipient = incident.owner_id
        # The next reminder, one interval on; each one still fires once.
        context.schedule(incident, "update", now + interval)
    else:
        log.warning("reminder %s has unknown kind %s", reminder.reminder_id, reminder.kind)
        return []
    context.store.add_entry(incident.incident_id, now, None, "reminder", reminder.kind)
    log.info("incident %s: %s reminder fired", incident.incident_id, reminder.kind)
    if recipient:
        return [SendPrivateNotice(recipient_id=recipient, place=None, delivery=Delivery.DIRECT_MESSAGE,
                                  card=card, reference_id=incident.incident_id,
                                  purpose=NoticePurpose.INCIDENT_REMINDER, platform=Platform(incident.platform),
                                  workspace_id=incident.workspace_id)]
    # Nobody owns it yet: remind the team in the thread, so someone takes it.
    lines = [*card.lines, context.say(incident, "incident.nudge.no_owner")]
    if incident.owner_role_id:
        lines.append(context.owner_label(incident))
    return context.post(incident, lines, title=card.title)
