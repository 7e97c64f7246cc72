"""Class mode: a small web service that collects a class's checked answers and shows what they say.

Each time a student checks an answer in a lesson (:mod:`smlearn.progress` keeps the record in
the student's folder), the kernel can also send that record to the class service; the instructor
sees, per question, how many answered, how many were right at their first attempt and the common
wrong answers, while the class is running. Nothing leaves a kernel unless class mode is on.

The parts:

- :mod:`smlearn.classmode.records`: what a kernel sends, and the checks it must pass;
- :mod:`smlearn.classmode.store`: the database (SQLite file in WAL mode, or PostgreSQL);
- :mod:`smlearn.classmode.stats`: the per-question statistics;
- :mod:`smlearn.classmode.auth`: who is asking (JupyterHub's users, or a class code);
- :mod:`smlearn.classmode.app`: the web API (tornado), and the instructor's dashboard at the
  service's own address: a page (``dashboard/``: HTML, a small script, a style sheet, nothing from
  another site) that shows the statistics of a session live, opens and closes sessions and
  exports the CSV. Students get 403 there.
- :mod:`smlearn.classmode.send`: the learner's side, in the kernel: :func:`join` a class, and each
  answer checked from then on is sent in the background, kept in an outbox until the service has it
  (standard library only: importing it loads neither tornado nor a database).
- :mod:`smlearn.classmode.kinds`: the experiments a class runs on itself (the wisdom of the crowd;
  a class music market, :mod:`~smlearn.classmode.market`; a class front page with a vote ring,
  :mod:`~smlearn.classmode.frontpage`): what an instructor opens, what a student sends in each
  round, and what each one sees.
- :mod:`smlearn.classmode.experiments`: the experiments in a lesson cell (show the question, send
  a move through an outbox, show the class's aggregates) and in the instructor's notebook.

Two ways to run it
------------------
Without a hub, on one machine for a lab or a demonstration (localhost unless told otherwise)::

    smlearn class serve [--port 8765] [--host 127.0.0.1] [--database FILE_OR_URL] [--code CODE]

It prints the class code for students and the instructor's code; the instructor opens the
printed address in a browser and signs in with any name and the instructor's code.

On JupyterHub, as a service the hub starts and stops (``python -m smlearn.classmode``). In
``jupyterhub_config.py``::

    import sys
    c.JupyterHub.services = [{
        "name": "smlearn-class",
        "url": "http://127.0.0.1:8765",          # where the service listens; the hub's proxy forwards to it
        "command": [sys.executable, "-m", "smlearn.classmode",
                    "--database", "/srv/smlearn/class.sqlite",   # or a postgresql+psycopg:// URL
                    "--instructor-group", "instructors"],
        "oauth_no_confirm": True,                 # students are not asked to approve the course's own service
    }]
    c.JupyterHub.load_roles = [
        # the service asks the hub who is in the instructors group
        {"name": "smlearn-class", "services": ["smlearn-class"], "scopes": ["read:groups!group=instructors"]},
        # hub users may log in to the service with a browser (the kernels use their server's token instead)
        {"name": "user", "scopes": ["self", "access:services!service=smlearn-class"]},
    ]
    c.JupyterHub.load_groups = {"instructors": {"users": ["the-instructor"]}}

The hub gives the service ``JUPYTERHUB_API_TOKEN``, ``JUPYTERHUB_API_URL``,
``JUPYTERHUB_SERVICE_URL``, ``JUPYTERHUB_SERVICE_PREFIX``, ``JUPYTERHUB_CLIENT_ID`` and
``JUPYTERHUB_OAUTH_CALLBACK_URL``; the service reads them, listens where
``JUPYTERHUB_SERVICE_URL`` says and serves under ``/services/smlearn-class/``. A student's kernel
sends ``Authorization: token $JUPYTERHUB_API_TOKEN``; the hub says whose token it is.
The deployment guide, ``docs/instructors/class_mode.md``, has the tested configurations for
JupyterHub, Zero to JupyterHub and The Littlest JupyterHub (files in ``docs/instructors/hub/``).
"""

from smlearn.classmode.send import join, leave, status

__all__ = ["join", "leave", "status"]
