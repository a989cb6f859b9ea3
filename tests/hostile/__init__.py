"""Hostile-input cases: one tiny site per folder, and the checks every built site must pass (see cases.py)."""
