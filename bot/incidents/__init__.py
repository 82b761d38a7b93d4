"""Incident threads: playbooks, an owner, a checklist, a timeline, reminders and follow-up."""

from bot.incidents.desk import IncidentDesk
from bot.incidents.playbooks import Playbook, Playbooks, load_playbooks

__all__ = ["IncidentDesk", "Playbook", "Playbooks", "load_playbooks"]
