"""scripts/build_site.py loaded as a module (it is a script, not part of the package), for the site tests."""

import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("build_site", REPO / "scripts" / "build_site.py")
build_site = sys.modules.get("build_site") or importlib.util.module_from_spec(_spec)
if "build_site" not in sys.modules:
    sys.modules["build_site"] = build_site
    _spec.loader.exec_module(build_site)
