#!/usr/bin/env python3
"""Derives engine/src/test/resources/specs/openai-chat-completions-request.schema.json from OpenAI's
OpenAPI spec (see engine/src/test/resources/specs/SOURCES.md for provenance).

Usage: extract_openai_chat_request_schema.py SPEC.json OUT.json

Takes components.schemas.CreateChatCompletionRequest and every components.schemas entry it reaches
through "$ref": "#/components/schemas/..." (transitively), copies them unchanged, and wraps them in a
JSON Schema 2020-12 document whose root is a $ref to CreateChatCompletionRequest. The schemas keep their
original place (components.schemas), so every $ref resolves as written and no schema text is rewritten.
The output is deterministic (sorted schema names, two-space indent) so re-running it yields no diff.
"""
import json
import sys

ROOT = "CreateChatCompletionRequest"
PREFIX = "#/components/schemas/"


def refs(node):
    """Every #/components/schemas/ name referenced anywhere inside node."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                if not isinstance(value, str) or not value.startswith(PREFIX):
                    raise SystemExit(f"unexpected $ref {value!r}: only {PREFIX}... is handled")
                yield value[len(PREFIX):]
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def main(spec_path, out_path):
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    schemas = spec["components"]["schemas"]
    closure, todo = set(), [ROOT]
    while todo:
        name = todo.pop()
        if name not in closure:
            closure.add(name)
            todo.extend(refs(schemas[name]))
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": f"Derived file: components.schemas.{ROOT} of OpenAI's OpenAPI spec and the "
                    f"{len(closure) - 1} schemas it references, unchanged. See SOURCES.md.",
        "$ref": PREFIX + ROOT,
        "components": {"schemas": {name: schemas[name] for name in sorted(closure)}},
    }
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(document, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(f"{len(closure)} schemas written to {out_path}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
