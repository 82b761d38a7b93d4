"""`damage-control replay`: what the bot would have done over a Slack or Discord export, in time order."""
