"""The invite link, with exactly the permissions the adapter's code uses (each one says why)."""

from __future__ import annotations

import discord

SCOPES = ("bot", "applications.commands")


def required_permissions() -> discord.Permissions:
    return discord.Permissions(
        view_channel=True,  # see the channels it watches and the team channel
        send_messages=True,  # incident threads' first message, posts allowed on a member's behalf
        send_messages_in_threads=True,  # incident updates, private-thread fallback for closed DMs
        embed_links=True,  # suggestions and incident cards are embeds
        manage_messages=True,  # delete a leaked secret or personal data when the author asks
        create_public_threads=True,  # one thread per incident in the team channel
        create_private_threads=True,  # the closed-DM fallback, when configured as private_thread
    )


def invite_url(application_id: int | str) -> str:
    return discord.utils.oauth_url(int(application_id), permissions=required_permissions(), scopes=SCOPES)
