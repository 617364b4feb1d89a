"""Use cases: each user action is one short transaction through these services."""
