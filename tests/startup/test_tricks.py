"""The start-up package's switches, its garbage-collector pause and its lazy services."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.startup import gc_pause
from jobhunt_desktop.startup.tricks import Tricks


def test_every_trick_is_on_unless_switched_off() -> None:
    assert Tricks.from_env({}) == Tricks(quick=True, gc=True, preload=True)
    assert Tricks.from_env({"JOBHUNT_STARTUP_TRICKS": ""}) == Tricks()
    assert Tricks.from_env({"JOBHUNT_STARTUP_TRICKS": "-gc"}) == Tricks(gc=False)
    off = Tricks.from_env({"JOBHUNT_STARTUP_TRICKS": "-quick, -gc,-preload"})
    assert off == Tricks(quick=False, gc=False, preload=False)


@pytest.mark.parametrize("value", ["quick", "-fast", "-quick,gc"])
def test_a_switch_it_does_not_know_is_refused(value: str) -> None:
    with pytest.raises(UserError, match="JOBHUNT_STARTUP_TRICKS"):
        Tricks.from_env({"JOBHUNT_STARTUP_TRICKS": value})


@pytest.fixture
def collecting() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    gc_pause.resume()
    if not was:
        gc.disable()


@pytest.mark.usefixtures("collecting")
def test_the_pause_holds_collection_until_resumed() -> None:
    with gc_pause.paused():
        assert not gc.isenabled()
        gc_pause.resume()  # the window is ready before the block ends
        assert gc.isenabled()
    assert gc.isenabled()
    with gc_pause.paused(on=False):
        assert gc.isenabled()


@pytest.mark.usefixtures("collecting")
def test_the_pause_never_turns_on_a_collector_someone_else_turned_off() -> None:
    gc.disable()
    with gc_pause.paused():
        gc_pause.resume()
    assert not gc.isenabled()


def test_the_services_load_only_when_asked_for(tmp_path: Path) -> None:
    """In a fresh process: made, the loader has imported nothing of the ORM; called,
    it opens the file and gives the services; closed, the file is released."""
    code = textwrap.dedent(
        """
        import sys
        from jobhunt_desktop.domain.clock import SystemClock
        from jobhunt_desktop.startup.deferred import DeferredServices

        load = DeferredServices(sys.argv[1], None, {}, SystemClock(), "UTC", 500)
        heavy = [m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "alembic")]
        assert heavy == [] and "jobhunt_desktop.services.container" not in sys.modules
        services = load()
        assert services.stages.all()
        load.close()
        print("OK")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "jobs.sqlite3")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "OK"
