#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks data/pathway.schema.json against the test pathway files: every file
# in tests/data/pathways/ is valid, every file in its invalid/ folder is not.
# Usage: check-pathway-schema.py SCHEMA PATHWAYS_DIR

import json
import pathlib
import sys

import jsonschema

schema = json.loads(pathlib.Path(sys.argv[1]).read_text(encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
root = pathlib.Path(sys.argv[2])

valid = sorted(root.glob("*.json"))
invalid = sorted((root / "invalid").glob("*.json"))
print(f"1..{len(valid) + len(invalid)}")
n = 0
failed = False
for path, expect_valid in [(p, True) for p in valid] + [(p, False) for p in invalid]:
    n += 1
    errors = list(validator.iter_errors(json.loads(path.read_text(encoding="utf-8"))))
    if bool(errors) != (not expect_valid):
        failed = True
        print(f"not ok {n} {path.name}: expected {'valid' if expect_valid else 'invalid'}")
        for e in errors[:3]:
            print(f"# {e.message}")
    else:
        print(f"ok {n} {path.name}")
sys.exit(1 if failed else 0)
