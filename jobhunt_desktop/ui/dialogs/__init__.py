"""Dialogs: quick add, the card, stage management and the prompts after a move."""
