"""jobhunt-desktop: a local-first organizer for a job hunt."""

__version__ = "0.1.0"
