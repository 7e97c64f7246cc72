# The smlearn class service on a JupyterHub: add these lines to your jupyterhub_config.py.
# docs/instructors/class_mode.md explains each entry. The end-to-end test
# (tests/browser/test_class_hub.py) loads this very file into the hub it starts, changing only
# the service's port (to a free one), so what is written here is what is tested.
import sys

# The hub starts the service, stops it with the hub, and restarts it if it exits.
# append: your other services (an idle culler, nbgrader) stay as they are.
c.JupyterHub.services.append({
    "name": "smlearn-class",
    # where the service listens; the hub's proxy forwards https://HUB/services/smlearn-class/ to it
    "url": "http://127.0.0.1:8765",
    # the hub's own Python, which must have smlearn[hub] installed
    "command": [sys.executable, "-m", "smlearn.classmode",
                # a SQLite file in the hub's working folder, beside jupyterhub.sqlite (an absolute
                # path works too); for PostgreSQL see "environment" below
                "--database", "smlearn-class.sqlite",
                # the hub group whose members see the dashboard, every student's rows and the CSV
                "--instructor-group", "instructors"],
    # PostgreSQL, for a large hub: drop the --database line above and give its URL here, never in the
    # command (every user of the machine sees a command, with its password, in `ps`):
    # "environment": {"SMLEARN_CLASS_DATABASE": "postgresql+psycopg://USER:PASSWORD@HOST/DB"},
    # the course's own service: students are not asked to approve it when their browser logs in
    "oauth_no_confirm": True,
})

c.JupyterHub.load_roles.extend([
    # the service asks the hub who is in the instructors group (nothing more)
    {"name": "smlearn-class", "services": ["smlearn-class"], "scopes": ["read:groups!group=instructors"]},
    # every hub user may log in to the service with a browser (the default "self", plus this service)
    {"name": "user", "scopes": ["self", "access:services!service=smlearn-class"]},
    # a kernel sends the token the hub gave its server, whose scopes are the server role's: the
    # default two, plus this service (a student's server started before this change needs a restart)
    {"name": "server", "scopes": ["users:activity!user", "access:servers!server",
                                  "access:services!service=smlearn-class"]},
])

# Who the instructors are: hub user names. A hub admin can also add and remove members on the
# hub's admin page (Groups); the service sees a change within 30 seconds.
c.JupyterHub.load_groups.update({"instructors": {"users": ["instructor"]}})
