#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs one test in a private world: its own HOME and XDG folders, a private
# D-Bus session bus with an unlocked gnome-keyring (test password) and, when
# CREDENCE_TEST_DISPLAY=1, an Xvfb display.  Order matters: dbus-run-session
# first, then xvfb-run, then the keyring; the reverse hangs on a prompt.
set -u

here=$(cd "$(dirname "$0")" && pwd)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/credence-test.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/home" "$tmp/data" "$tmp/config" "$tmp/cache" "$tmp/runtime"
chmod 700 "$tmp/runtime"

export HOME="$tmp/home"
export XDG_DATA_HOME="$tmp/data"
export XDG_CONFIG_HOME="$tmp/config"
export XDG_CACHE_HOME="$tmp/cache"
export XDG_RUNTIME_DIR="$tmp/runtime"
export CREDENCE_TEST_KEYRING_PASSWORD="credence-test-password"

# The daemon creates the login keyring a moment after it returns: wait for it
# (at most 10 s) so that the first test to store a secret finds it.
inner='printf %s "$CREDENCE_TEST_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
i=0
while [ $i -lt 100 ] && ! gdbus call --session --dest org.freedesktop.secrets \
    --object-path /org/freedesktop/secrets/collection/login \
    --method org.freedesktop.DBus.Properties.Get org.freedesktop.Secret.Collection Locked >/dev/null 2>&1; do
  sleep 0.1; i=$((i + 1))
done
"$@"'

if [ "${CREDENCE_TEST_DISPLAY:-0}" = 1 ]; then
  dbus-run-session --config-file="$here/dbus-session.conf" -- xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" sh -c "$inner" sh "$@"
else
  dbus-run-session --config-file="$here/dbus-session.conf" -- sh -c "$inner" sh "$@"
fi
