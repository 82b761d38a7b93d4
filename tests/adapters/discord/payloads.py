"""Gateway and REST payloads as Discord sends them, for the fake Discord and the tests that drive it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

APPLICATION_ID = "900000000000000001"
BOT_USER_ID = "900000000000000001"
GUILD_ID = "800000000000000001"
BOT_ROLE_ID = "800000000000000077"
CHANNEL_ID = "700000000000000001"
TEAM_CHANNEL_ID = "700000000000000002"
ADMINISTRATOR = 1 << 3
EVERYONE_PERMISSIONS_ALL = ((1 << 41) - 1) & ~ADMINISTRATOR
MANAGE_MESSAGES = 1 << 13
DISCORD_EPOCH_MS = 1420070400000
MESSAGE_CONTENT_INTENT = 1 << 15
APPLICATION_FLAG_MESSAGE_CONTENT_LIMITED = 1 << 19


def user_payload(user_id: str, name: str, *, bot: bool = False) -> dict[str, Any]:
    return {
        "id": user_id,
        "username": name,
        "global_name": name,
        "discriminator": "0",
        "avatar": None,
        "bot": bot,
    }


class DiscordPayloads:
    """Builders mixed into FakeDiscord: they need its id factory and its guild's permissions and size."""

    bot_permissions: int
    member_count: int

    def new_id(self) -> str:
        raise NotImplementedError

    def message_payload(
        self,
        content: str,
        *,
        author_id: str = "600000000000000001",
        author_name: str = "alice",
        channel_id: str = CHANNEL_ID,
        message_id: str | None = None,
        bot: bool = False,
        webhook_id: str | None = None,
        guild: bool = True,
    ) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "id": message_id or self.new_id(),
            "channel_id": channel_id,
            "author": user_payload(author_id, author_name, bot=bot),
            "content": content,
            "timestamp": datetime.now(UTC).isoformat(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "type": 0,
        }
        if guild:
            payload["guild_id"] = GUILD_ID
            payload["member"] = {
                "roles": [],
                "joined_at": "2026-01-01T00:00:00+00:00",
                "deaf": False,
                "mute": False,
                "flags": 0,
            }
        if webhook_id:
            payload["webhook_id"] = webhook_id
        return payload

    def interaction_payload(
        self,
        interaction_type: int,
        data: dict[str, Any],
        *,
        user_id: str = "600000000000000001",
        user_name: str = "alice",
        channel_id: str = CHANNEL_ID,
        in_guild: bool = True,
        message: dict[str, Any] | None = None,
        thread_id: str | None = None,
    ) -> dict[str, Any]:
        """`thread_id`: the interaction happens in that thread (of `channel_id`)."""
        payload: dict[str, Any] = {
            "id": self.new_id(),
            "application_id": APPLICATION_ID,
            "type": interaction_type,
            "data": data,
            "channel_id": channel_id,
            "token": f"interaction-token-{self.new_id()}",
            "version": 1,
            "locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {},
            "attachment_size_limit": 8 * 1024 * 1024,
            "app_permissions": str(self.bot_permissions),
        }
        if in_guild:
            payload["guild_id"] = GUILD_ID
            payload["guild_locale"] = "en-US"
            payload["channel"] = {"id": channel_id, "type": 0, "guild_id": GUILD_ID, "name": "general"}
            if thread_id is not None:
                payload["channel_id"] = thread_id
                payload["channel"] = self.thread_payload(thread_id, channel_id)
            payload["member"] = {
                "user": user_payload(user_id, user_name),
                "roles": [],
                "joined_at": "2026-01-01T00:00:00+00:00",
                "deaf": False,
                "mute": False,
                "flags": 0,
                "permissions": str(EVERYONE_PERMISSIONS_ALL),
            }
            payload["context"] = 0
        else:
            payload["channel"] = {"id": channel_id, "type": 1}
            payload["user"] = user_payload(user_id, user_name)
            payload["context"] = 1
        if message is not None:
            payload["message"] = message
        return payload

    def slash_command(
        self, subcommand: str, options: dict[str, Any] | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        sub_options = [
            {"name": name, "type": 4 if isinstance(value, int) else 3, "value": value}
            for name, value in (options or {}).items()
        ]
        data = {
            "id": "500000000000000001",
            "name": "damage",
            "type": 1,
            "options": [{"name": subcommand, "type": 1, "options": sub_options}],
        }
        return self.interaction_payload(2, data, **kwargs)

    def context_menu(self, name: str, target: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        data = {
            "id": "500000000000000002",
            "name": name,
            "type": 3,
            "target_id": target["id"],
            "resolved": {"messages": {target["id"]: target}},
        }
        return self.interaction_payload(2, data, **kwargs)

    def button_press(self, custom_id: str, *, message: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        return self.interaction_payload(
            3, {"custom_id": custom_id, "component_type": 2}, message=message, **kwargs
        )

    def thread_payload(self, thread_id: str, parent_id: str, *, private: bool = False) -> dict[str, Any]:
        return {
            "id": thread_id,
            "type": 12 if private else 11,
            "guild_id": GUILD_ID,
            "parent_id": parent_id,
            "name": "thread",
            "owner_id": BOT_USER_ID,
            "thread_metadata": {
                "archived": False,
                "auto_archive_duration": 1440,
                "archive_timestamp": "2026-11-21T20:00:00+00:00",
                "locked": False,
                "invitable": not private,
            },
            "message_count": 0,
            "member_count": 1,
        }

    def reaction_payload(self, message: dict[str, Any], emoji: str, user_id: str) -> dict[str, Any]:
        return {
            "user_id": user_id,
            "channel_id": message["channel_id"],
            "message_id": message["id"],
            "guild_id": GUILD_ID,
            "emoji": {"id": None, "name": emoji},
            "member": {
                "user": user_payload(user_id, f"member{user_id[-2:]}"),
                "roles": [],
                "joined_at": "2026-01-01T00:00:00+00:00",
                "deaf": False,
                "mute": False,
                "flags": 0,
            },
            "message_author_id": message["author"]["id"],
            "burst": False,
            "type": 0,
        }

    def guild_create(self) -> dict[str, Any]:
        everyone = {
            "id": GUILD_ID,
            "name": "@everyone",
            "permissions": str(self.bot_permissions),
            "position": 0,
            "color": 0,
            "hoist": False,
            "managed": False,
            "mentionable": False,
        }

        def text_channel(channel_id: str, name: str, position: int) -> dict[str, Any]:
            return {
                "id": channel_id,
                "type": 0,
                "name": name,
                "position": position,
                "permission_overwrites": [],
                "guild_id": GUILD_ID,
            }

        return {
            "id": GUILD_ID,
            "name": "Test Guild",
            "owner_id": "600000000000000009",
            # Discord gives every bot a managed role named after it when it joins (no permissions of its own here).
            "roles": [everyone, {"id": BOT_ROLE_ID, "name": "damage-control", "permissions": "0", "position": 1,
                                 "color": 0, "hoist": False, "managed": True, "mentionable": True,
                                 "tags": {"bot_id": BOT_USER_ID}}],
            "emojis": [],
            "stickers": [],
            "features": [],
            "member_count": self.member_count,
            "large": False,
            "unavailable": False,
            "channels": [text_channel(CHANNEL_ID, "general", 0), text_channel(TEAM_CHANNEL_ID, "team", 1)],
            "threads": [],
            "members": [
                {
                    "user": user_payload(BOT_USER_ID, "damage-control", bot=True),
                    "roles": [],
                    "joined_at": "2026-01-01T00:00:00+00:00",
                    "deaf": False,
                    "mute": False,
                    "flags": 0,
                }
            ],
            "voice_states": [],
            "presences": [],
            "joined_at": "2026-01-01T00:00:00+00:00",
            "premium_tier": 0,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "system_channel_flags": 0,
            "preferred_locale": "en-US",
            "nsfw_level": 0,
        }
