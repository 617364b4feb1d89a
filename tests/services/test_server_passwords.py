"""Where a server's password comes from, against a real server that asks for one (the
test cluster's role `with_password`) and a real Secret Service (gnome-keyring under
dbus-run-session): given once to `use-database`, it is kept in the keyring and never
written to the app's files; without a keyring it is refused; with none anywhere the
server's question is said plainly."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jobhunt_desktop.domain.errors import StorageAccessError
from jobhunt_desktop.persistence.database import open_database
from tests.postgres_server import LOGIN_PASSWORD, LOGIN_ROLE, with_password

ROOT = Path(__file__).resolve().parents[2]
SESSION = ROOT / "tests" / "keyring_session.sh"
PASSWORD = LOGIN_PASSWORD
NEEDS = ("gnome-keyring-daemon", "dbus-run-session")
INSTALL = "apt-get install gnome-keyring dbus-daemon"


def home(tmp_path: Path) -> dict[str, str]:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {**os.environ, "HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(runtime)}
    for name in ("CONFIG", "DATA", "STATE"):
        env[f"XDG_{name}_HOME"] = str(tmp_path / name.lower())
    env.pop("PGPASSWORD", None)
    env["PGPASSFILE"] = str(tmp_path / "no.pgpass")
    return env


STEPS = """
import json, subprocess, sys
def app(*args):
    done = subprocess.run([sys.executable, "-m", "jobhunt_desktop", *args],
                          capture_output=True, text=True)
    return {"code": done.returncode, "out": done.stdout, "err": done.stderr}
import keyring
steps = {"use": app("use-database", sys.argv[1]), "add": app("add", "--company", "Acme",
         "--title", "Analyst"), "list": app("list", "--json"),
         "kept": keyring.get_password("jobhunt-desktop", sys.argv[2])}
print(json.dumps(steps))
"""


def test_a_password_given_once_is_kept_in_the_keyring_and_nowhere_else(
    login_db: str, tmp_path: Path
) -> None:
    missing = [tool for tool in NEEDS if shutil.which(tool) is None]
    if missing:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"{', '.join(missing)} missing under CI: {INSTALL}")
        pytest.skip(f"needs a Secret Service: {INSTALL}")
    name = login_db.split("/")[3].split("?")[0]
    account = f"{LOGIN_ROLE}@{login_db.split('host=')[1]}:5432/{name}"
    done = subprocess.run(
        ["dbus-run-session", "--", "bash", str(SESSION), sys.executable, "-c", STEPS,
         with_password(login_db), account],
        capture_output=True, text=True, env=home(tmp_path), timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    steps = json.loads(done.stdout.strip().splitlines()[-1])
    assert steps["use"]["code"] == 0, steps["use"]["err"]
    assert "kept in the system's keyring" in steps["use"]["out"]
    assert steps["kept"] == PASSWORD
    assert steps["add"]["code"] == 0 and steps["list"]["code"] == 0, steps["list"]["err"]
    assert [c["company"] for c in json.loads(steps["list"]["out"])] == ["Acme"]
    for written in tmp_path.rglob("*"):
        if written.is_file() and "keyrings" not in written.parts:
            assert PASSWORD.encode() not in written.read_bytes(), written


def test_without_a_keyring_the_password_is_refused_and_nothing_saved(
    login_db: str, tmp_path: Path
) -> None:
    env = {**home(tmp_path), "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent"}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    done = subprocess.run(
        [sys.executable, "-m", "jobhunt_desktop", "use-database", with_password(login_db)],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 1 and "no keyring to keep it in" in done.stderr
    assert not (tmp_path / "config" / "jobhunt-desktop" / "database.ini").exists()


def test_a_server_asking_for_a_password_found_nowhere_says_so(
    login_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no.pgpass"))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    with pytest.raises(StorageAccessError, match="asks for a password") as caught:
        open_database(login_db)
    assert PASSWORD not in str(caught.value)
    open_database(with_password(login_db)).close()  # given, it opens
