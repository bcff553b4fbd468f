#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest offline: valid JSON, the sandbox holes it may
have and no more, SQLCipher from a pinned release tarball, and (when
flatpak-builder is installed) that flatpak-builder itself parses it."""

import json
import shutil
import subprocess
import sys

path = sys.argv[1]
failures = []

with open(path, encoding="utf-8") as f:
    manifest = json.load(f)

def check(ok, what):
    print(("ok     " if ok else "FAILED ") + what)
    if not ok:
        failures.append(what)

check(manifest.get("id") == "io.github.credence.Credence", "application id")
check(manifest.get("runtime") == "org.gnome.Platform" and manifest.get("sdk") == "org.gnome.Sdk",
      "GNOME runtime and SDK")
check(str(manifest.get("runtime-version", "")).isdigit(), "a stable GNOME runtime version")

args = manifest.get("finish-args", [])
allowed = {
    "--share=ipc", "--socket=fallback-x11", "--socket=wayland", "--device=dri",
    "--share=network", "--talk-name=org.freedesktop.secrets",
}
check(set(args) <= allowed, "finish-args limited to display, network and the Secret Service")
check(not any(a.startswith("--filesystem") for a in args), "no file system access (files come through the portal)")
check("--talk-name=org.freedesktop.secrets" in args, "Secret Service access")

modules = {m["name"]: m for m in manifest.get("modules", []) if isinstance(m, dict)}
sqlcipher = modules.get("sqlcipher")
check(sqlcipher is not None, "a SQLCipher module")
if sqlcipher:
    sources = sqlcipher.get("sources", [])
    check(len(sources) == 1 and sources[0].get("type") == "archive", "SQLCipher from a release tarball")
    sha = sources[0].get("sha256", "") if sources else ""
    check(len(sha) == 64 and all(c in "0123456789abcdef" for c in sha), "SQLCipher tarball pinned by sha256")
check(list(modules)[-1:] == ["credence"], "credence is the last module")

builder = shutil.which("flatpak-builder")
if builder:
    result = subprocess.run([builder, "--show-manifest", path], capture_output=True, text=True)
    check(result.returncode == 0, "flatpak-builder --show-manifest parses it")
    if result.returncode != 0:
        print(result.stderr)
else:
    print("skip   flatpak-builder not installed")

sys.exit(1 if failures else 0)
