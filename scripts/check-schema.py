#!/usr/bin/env python3
"""Validates dataset documents against the dataset JSON Schema (data/schema).

    scripts/check-schema.py [FILE_OR_FOLDER ...]

Without arguments: every document of data/ (the every-field dataset, the sample, the
Jiangxi network). Exits 1 naming each document, path and reason that breaks the schema.
"""
import json
import pathlib
import sys

import jsonschema

root = pathlib.Path(__file__).resolve().parent.parent
schema = json.loads((root / "data/schema/metrotrace-dataset-v1.schema.json").read_text(encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

targets = [pathlib.Path(a) for a in sys.argv[1:]] or [root / "data/every-field", root / "data/sample", root / "data/jiangxi"]
documents = []
for target in targets:
    documents += sorted(target.rglob("*.json")) if target.is_dir() else [target]

failures = 0
for document in documents:
    for error in validator.iter_errors(json.loads(document.read_text(encoding="utf-8"))):
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path).lstrip(".")
        print(f"{document}: {path or '(document)'}: {error.message}", file=sys.stderr)
        failures += 1

def names(node, of_object):
    """Every name `of_object` gives for an object anywhere in `node`: the schema's
    property names, or a document's keys."""
    found = set()
    if isinstance(node, dict):
        found |= set(of_object(node))
        node = list(node.values())
    if isinstance(node, list):
        for value in node:
            found |= names(value, of_object)
    return found


# The every-field dataset must use every field the schema defines (but "$schema").
every_field = root / "data/every-field/every-field.json"
if not sys.argv[1:]:
    defined = names(schema, lambda node: node.get("properties", {}))
    used = names(json.loads(every_field.read_text(encoding="utf-8")), lambda node: node)
    unused = defined - used - {"$schema"}
    if unused:
        print(f"{every_field}: does not use the fields {', '.join(sorted(unused))} that the schema defines", file=sys.stderr)
        failures += 1

print(f"check-schema: {len(documents)} documents, {failures} violations")
sys.exit(1 if failures or not documents else 0)
