"""Notification backends behind one small interface."""
