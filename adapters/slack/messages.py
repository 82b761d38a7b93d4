"""Slack-only wording with no user language at hand: OAuth pages in a browser and a last-resort apology.

The hints shown in Slack (how to enable one-click edits, invite the app, authorise) are localised in
data/templates under `slack.*` and rendered by SlackSink.say."""

from __future__ import annotations

AUTHORIZED = "Done: damage-control can now apply your corrections in one click. You can close this tab."
AUTHORIZE_FAILED = "Slack did not grant the permission ({code}). Try `/damage authorize` again."
SOMETHING_WENT_WRONG = "Sorry, something went wrong on my side; the team has the details in the logs."
