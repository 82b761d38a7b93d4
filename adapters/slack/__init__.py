"""Slack adapter: Bolt app, translation of Slack payloads, Block Kit rendering and the action sink."""
