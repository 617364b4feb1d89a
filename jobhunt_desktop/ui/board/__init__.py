"""The kanban board: one list view per stage over thin models, painted by a delegate."""
