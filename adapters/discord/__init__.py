"""The Discord adapter: discord.py client, translation to core events, and a sink for the core's actions."""
