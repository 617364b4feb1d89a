#!/usr/bin/env bash
# Run a command beside a real Secret Service: inside `dbus-run-session`, start
# gnome-keyring's secrets component with its login keyring unlocked (by a password
# given here, as a display manager would), then run the command.
set -euo pipefail
eval "$(printf 'test-login' | gnome-keyring-daemon --unlock --components=secrets)"
printf 'test-login' | gnome-keyring-daemon --start --components=secrets >/dev/null
exec "$@"
