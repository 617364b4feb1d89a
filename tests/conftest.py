"""Shared test set-up: Qt runs offscreen unless a test brings its own display."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
