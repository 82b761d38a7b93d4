"""Platform adapters: each translates one platform's events into core events and performs core actions."""
