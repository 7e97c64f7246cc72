"""Keep data/manifest.json in step with the files the data scripts write.

The loader (``smlearn.data.load``) refuses a file whose sha256 differs from its
manifest entry, so a script that rewrites a data file must record the new checksum.
Both data scripts call :func:`record` for that: nobody copies a hash by hand.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from smlearn.data import REQUIRED_KEYS  # noqa: E402  (what the loader insists on)
from smlearn.data import sha256_of  # noqa: E402  (the loader's own checksum)

MANIFEST = REPO / "data" / "manifest.json"


def record(entry: dict, *, manifest: Path = MANIFEST) -> dict:
    """Add ``entry`` to the manifest, or update the entry of the same name, with its file's sha256.

    ``entry`` names its file relative to the manifest's folder. Keys of an existing
    entry that ``entry`` does not mention are kept, and the entries keep their order.
    """
    path = manifest.parent / entry["file"]
    entry = {**entry, "sha256": sha256_of(path)}
    content = json.loads(manifest.read_text(encoding="utf-8"))
    datasets = content["datasets"]
    for i, old in enumerate(datasets):
        if old["name"] == entry["name"]:
            datasets[i] = {**old, **entry}
            break
    else:
        missing = [key for key in REQUIRED_KEYS if key not in entry]
        if missing:
            raise ValueError(f"a new data set {entry['name']!r} needs the manifest keys {', '.join(missing)}")
        datasets.append(entry)
    # Write beside it, then swap: an interrupted run never leaves half a manifest.
    partial = manifest.with_suffix(".json.partial")
    partial.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(partial, manifest)
    return entry
