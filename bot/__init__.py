"""damage-control's platform-agnostic core: detection, policy, ledger, incidents and the engine."""
