"""``python -m smlearn.classmode``: the class service as JupyterHub starts it (see :mod:`smlearn.classmode`).

Reads what the hub sets for a managed service: ``JUPYTERHUB_SERVICE_URL`` (where to listen),
``JUPYTERHUB_SERVICE_PREFIX`` (the path the proxy forwards), and the token, API and OAuth
variables that :class:`~smlearn.classmode.auth.HubGate` hands to JupyterHub's ``HubOAuth``.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from urllib.parse import urlparse

__all__ = ["main", "make_parser"]


def make_parser() -> argparse.ArgumentParser:
    """The options the hub's ``command`` for the service may give (the deployment guide's configurations use them)."""
    parser = argparse.ArgumentParser(prog="python -m smlearn.classmode",
                                     description="The smlearn class service, run by JupyterHub as a managed service.")
    parser.add_argument("--database", default=os.environ.get("SMLEARN_CLASS_DATABASE", "smlearn-class.sqlite"),
                        help="a SQLite file or a postgresql+psycopg:// URL (default: $SMLEARN_CLASS_DATABASE or "
                             "smlearn-class.sqlite in the service's folder)")
    parser.add_argument("--instructor-group", default=os.environ.get("SMLEARN_CLASS_INSTRUCTORS", "instructors"),
                        help="the hub group whose members are instructors (default: instructors)")
    parser.add_argument("--ip", default=None,
                        help="the address to listen on (default: the host of JUPYTERHUB_SERVICE_URL); 0.0.0.0 where "
                             "that host is not this machine's own name, as in Zero to JupyterHub's hub pod (url "
                             "http://hub:8181, a Kubernetes Service's name)")
    return parser


def main(argv=None) -> int:
    args = make_parser().parse_args(argv)

    service_url = os.environ.get("JUPYTERHUB_SERVICE_URL")
    if not service_url or not os.environ.get("JUPYTERHUB_API_TOKEN"):
        print("python -m smlearn.classmode runs under JupyterHub, which sets JUPYTERHUB_SERVICE_URL and "
              "JUPYTERHUB_API_TOKEN; on one machine without a hub use `smlearn class serve`", file=sys.stderr)
        return 2
    where = urlparse(service_url)
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/")
    prefix = prefix if prefix.endswith("/") else prefix + "/"

    from smlearn.classmode.app import make_app, run
    from smlearn.classmode.auth import HubGate
    from smlearn.classmode.store import open_store

    logging.basicConfig(level=logging.INFO, format="[%(levelname)s %(asctime)s %(name)s] %(message)s")
    store = open_store(args.database)
    app = make_app(store, HubGate(args.instructor_group), prefix=prefix)
    try:
        run(app, host=args.ip or where.hostname or "127.0.0.1", port=where.port or 80, behind_proxy=True,
            ready=lambda: print(f"smlearn class service at {service_url} (prefix {prefix}); instructors: hub group "
                                f"{args.instructor_group!r}; database {store.describe()}", flush=True))
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
