"""Child process for test_two_computers.py: one computer on a shared database.

Usage: two_computers_worker.py URL DEVICE SECONDS SEED CARDS OUT

For SECONDS it moves random CARDS (ids, comma-separated) to random places in random
stages, and checks the reminders as this computer's window and as its watcher (two
processes' tokens on one device). Prints "ready" and waits for a line on stdin, so that two
start together; then writes to OUT, as JSON, the moves that changed a card's stage
and every reminder shown, with the token that showed it.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

from jobhunt_desktop.domain.clock import SystemClock
from jobhunt_desktop.domain.errors import StorageBusyError
from jobhunt_desktop.persistence.database import open_database
from jobhunt_desktop.services.container import Services
from tests.recording_notifier import RecordingNotifier

MOVED_STAGES = ("Applied", "Screening", "Interviewing", "Offer")


def main(argv: list[str]) -> int:
    url, device, seconds, seed = argv[1], argv[2], float(argv[3]), int(argv[4])
    cards, out = [int(c) for c in argv[5].split(",")], argv[6]
    rng = random.Random(seed)
    db = open_database(url)
    services = Services.create(db, SystemClock(), "UTC")
    inboxes = {f"{device}:window": RecordingNotifier(), f"{device}:watcher": RecordingNotifier()}
    moves: list[list[object]] = []
    busy = 0
    print("ready", flush=True)
    sys.stdin.readline()
    ends = time.monotonic() + seconds
    try:
        while time.monotonic() < ends:
            card, stage = rng.choice(cards), rng.choice(MOVED_STAGES)
            try:
                moved = services.applications.move([card], stage, index=rng.randint(0, 3))
                if moved.changes.history:
                    moves.append([card, stage])
                for token, inbox in inboxes.items():
                    services.reminders.check(inbox, token, device)
            except StorageBusyError:  # the other computer held the lock too long
                busy += 1
        for token, inbox in inboxes.items():  # a last look, once all is due
            services.reminders.check(inbox, token, device)
    finally:
        db.close()
    shown = [
        [followup_id, token]
        for token, inbox in inboxes.items()
        for notice in inbox.shown
        for followup_id in notice.followup_ids
    ]
    Path(out).write_text(json.dumps({"moves": moves, "shown": shown, "busy": busy}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
