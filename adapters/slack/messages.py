"""Slack-only wording the core cannot know (how to enable one-click edits, invite the app, ...)."""

from __future__ import annotations

# These explain Slack mechanics, not the product, so they live with the adapter rather than in
# data/templates; English only for now.
ENABLE_EDITS = (
    "Slack lets an app edit or delete your messages only with your permission. "
    "Use `/damage authorize` to allow one-click edits; until then, copy the text above and edit the "
    "message yourself (hover it, then *Edit message*)."
)
NOT_IN_CHANNEL = "I'm not in that channel, so I answered you here. Invite me with `/invite @damage-control`."
AUTHORIZE = "Open this link to let damage-control edit, delete and post messages for you: {url}"
AUTHORIZE_UNAVAILABLE = (
    "One-click edits are not set up in this workspace: an admin needs to set SLACK_CLIENT_ID and "
    "SLACK_CLIENT_SECRET and run the bot in HTTP mode."
)
AUTHORIZED = "Done: damage-control can now apply your corrections in one click. You can close this tab."
AUTHORIZE_FAILED = "Slack did not grant the permission ({code}). Try `/damage authorize` again."
SOMETHING_WENT_WRONG = "Sorry, something went wrong on my side; the team has the details in the logs."
ENABLE_POSTS = (
    "Slack lets an app post in your name only with your permission: copy the text above and post it "
    "yourself, or use `/damage authorize` to allow one-click posts."
)
ENABLE_DELETES = (
    "Slack lets an app delete your messages only with your permission: hover the message, choose "
    "*More actions* then *Delete message*, or use `/damage authorize` to allow one-click deletes."
)
