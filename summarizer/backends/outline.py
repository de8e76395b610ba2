"""A JSON schema in one line, for a model whose answer a grammar already holds to that schema.

instructor's JSON mode writes the whole response schema into the system message,
indented, with every description and the article's figure enum: about 950 of the
2,650 prompt tokens of seed 001, read again for every article. When the answer is
decoded under a grammar built from the same schema (the embedded model), the
grammar, not the prompt, keeps the answer to the schema: the model needs the keys,
the values an enum allows (the article's numbers among them) and what goes under
each, which the user prompt says. ``outline`` gives the first two in about 150
tokens for seed 001's twelve numbers.

Measured on the eval set and both halves of h19 (``docs/scaling.md``): adding each
field's description to the outline, or leaving the numbers out, lowered the
figures' recall or precision or the sentiment's accuracy; this form did not lower
them on the eval set.
"""

from __future__ import annotations

import json
from typing import Any

LEAD = "Answer with one JSON object of this shape:"


def outline(schema: dict[str, Any]) -> str:
    """``schema`` as a JSON-like shape: keys in order, ``[...]`` for arrays, enums as ``"a"|"b"``."""
    return _shape(schema, schema.get("$defs", {}))


def _shape(node: dict[str, Any], defs: dict[str, Any]) -> str:
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return _shape(defs[ref.removeprefix("#/$defs/")], defs)
    if "const" in node:
        return json.dumps(node["const"], ensure_ascii=False)
    if "enum" in node:
        return "|".join(json.dumps(value, ensure_ascii=False) for value in node["enum"])
    if "anyOf" in node:
        return "|".join(_shape(option, defs) for option in node["anyOf"])
    kind = node.get("type")
    if kind == "object" and isinstance(node.get("properties"), dict):
        fields = ", ".join(f"{json.dumps(key)}: {_shape(value, defs)}" for key, value in node["properties"].items())
        return "{" + fields + "}"
    if kind == "array":
        return "[" + _shape(node.get("items", {}), defs) + ", ...]"
    return kind if isinstance(kind, str) else "value"


def outlined_system(system: str, schema: dict[str, Any]) -> str:
    """Our own system prompt followed by the schema's outline: what replaces instructor's system message."""
    line = f"{LEAD} {outline(schema)}"
    return f"{system.rstrip()}\n\n{line}" if system.strip() else line
