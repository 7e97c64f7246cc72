"""How a JSON value is named in a refusal's message, for the experiment kinds (:mod:`smlearn.classmode.kinds`).

>>> describe([1, 2])
'a list [1, 2]'
"""

from __future__ import annotations

import json


def describe(value) -> str:
    """How a JSON value is described in a message: its type, and the value itself when short."""
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false", int: "a number", float: "a number",
             type(None): "null"}
    shown = json.dumps(value, ensure_ascii=False)
    name = names.get(type(value), type(value).__name__)
    return f"{name} {shown}" if len(shown) <= 40 else name
