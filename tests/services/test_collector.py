"""The cycle collector is held off for one computation and comes back as it was."""

from __future__ import annotations

import gc

import pytest

from jobhunt_desktop.services.collector import collector_held_off


def test_it_is_off_inside_and_back_on_after_even_on_an_error() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_held_off():
        assert not gc.isenabled()
        raise RuntimeError("the read failed")
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off() -> None:
    gc.disable()
    try:
        with collector_held_off():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
