# The smlearn class service on The Littlest JupyterHub (TLJH). Copy this file to
#     /opt/tljh/config/jupyterhub_config.d/smlearn_class.py
# then install the course into the users' environment and reload the hub:
#     sudo -E /opt/tljh/user/bin/pip install "smlearn[hub]"
#     sudo tljh-config reload hub
# The entries are those of jupyterhub_config.py beside this file (tests/classmode/test_hub_config.py
# checks that they stay the same); only the Python and the database's place are TLJH's own.

c.JupyterHub.services.append({
    "name": "smlearn-class",
    "url": "http://127.0.0.1:8765",
    # the users' environment: TLJH installs jupyterhub there too, which the service needs
    "command": ["/opt/tljh/user/bin/python", "-m", "smlearn.classmode",
                # beside the hub's own database; the hub runs as root, so only root reads it
                "--database", "/opt/tljh/state/smlearn-class.sqlite",
                "--instructor-group", "instructors"],
    # PostgreSQL: drop --database and give the URL here, not in the command (`ps` shows a command)
    # "environment": {"SMLEARN_CLASS_DATABASE": "postgresql+psycopg://USER:PASSWORD@HOST/DB"},
    "oauth_no_confirm": True,
})

c.JupyterHub.load_roles.extend([
    {"name": "smlearn-class", "services": ["smlearn-class"], "scopes": ["read:groups!group=instructors"]},
    {"name": "user", "scopes": ["self", "access:services!service=smlearn-class"]},
    {"name": "server", "scopes": ["users:activity!user", "access:servers!server",
                                  "access:services!service=smlearn-class"]},
])

# TLJH's admins are set with `tljh-config add-item users.admin NAME`; instructors are a group:
c.JupyterHub.load_groups.update({"instructors": {"users": ["instructor"]}})
