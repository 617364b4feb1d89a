"""Several settings changed as one step: checked first, previewed, undone."""

from __future__ import annotations

from datetime import timedelta

import pytest

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.services.container import Services


def _r5(services: Services, app: int) -> object:
    return next(f.due_at for f in services.followups.chain(app) if f.rule == "R5")


def test_a_preview_counts_what_a_change_re_times_and_changes_nothing(
    services: Services, clock: FixedClock
) -> None:
    apps = [services.applications.add(f"Co {i}", "Analyst", stage="Applied").id for i in range(3)]
    before = _r5(services, apps[0])
    assert services.settings.preview({"r5_days": "10"}) == 3
    assert _r5(services, apps[0]) == before
    assert services.settings.get().r5_days == 7
    assert services.settings.preview({"your_name": "Sam Rivera"}) == 0


def test_a_change_is_one_step_and_restore_undoes_it(services: Services) -> None:
    app = services.applications.add("Acme", "Analyst", stage="Applied").id
    before = _r5(services, app)
    done = services.settings.change({"r5_days": "10", "your_name": "Sam Rivera"})
    assert done.value.retimed == 1
    assert done.value.before == {"r5_days": None, "your_name": None}
    assert _r5(services, app) == before + timedelta(days=3)  # type: ignore[operator]
    assert services.settings.get().your_name == "Sam Rivera"
    services.settings.restore(done.value.before)
    assert _r5(services, app) == before
    assert services.settings.get().your_name == ""


def test_one_bad_value_stores_nothing(services: Services) -> None:
    with pytest.raises(UserError, match="at most 30"):
        services.settings.change({"your_name": "Sam", "r5_days": "45"})
    assert services.settings.get().your_name == ""
    with pytest.raises(UserError, match="at least 1"):
        services.settings.change({"r12_min_active": "0"})
