"""The deployment guide's three hub configurations say the same thing, and the guide shows them as they are.

``docs/instructors/hub/jupyterhub_config.py`` is the one the end-to-end test loads into a real
hub (tests/browser/test_class_hub.py). The Zero to JupyterHub values and The Littlest JupyterHub
file must give the same service (its options, but for the Python, the database's place and the
address it listens on), the same roles and the same instructors group; and the service must
accept the options each one's command gives it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from traitlets.config.loader import PyFileConfigLoader

from smlearn.classmode.__main__ import make_parser

HUB = Path(__file__).resolve().parents[2] / "docs" / "instructors" / "hub"
GUIDE = HUB.parent / "class_mode.md"
FILES = ("jupyterhub_config.py", "z2jh_values.yaml", "tljh_class_mode.py")


def from_python(name: str) -> dict:
    """services, roles and groups as JupyterHub reads them from a config file (what it appends, resolved)."""
    config = PyFileConfigLoader(name, path=str(HUB)).load_config().JupyterHub
    return {"services": config.services.get_value([]), "roles": config.load_roles.get_value([]),
            "groups": config.load_groups.get_value({})}


def from_z2jh() -> dict:
    """The same from the chart's values: hub.services and hub.loadRoles are keyed by name."""
    hub = yaml.safe_load((HUB / "z2jh_values.yaml").read_text(encoding="utf-8"))["hub"]
    return {"services": [{"name": name, **service} for name, service in hub["services"].items()],
            "roles": [{"name": name, **role} for name, role in hub["loadRoles"].items()],
            "groups": hub["config"]["JupyterHub"]["load_groups"], "hub": hub}


def options(service: dict) -> dict:
    """The service's options as it parses them, after ``python -m smlearn.classmode``."""
    command = service["command"]
    assert command[1:3] == ["-m", "smlearn.classmode"], command
    return vars(make_parser().parse_args(command[3:]))


def test_the_three_configurations_give_the_same_service_roles_and_group():
    plain, tljh, z2jh = from_python("jupyterhub_config.py"), from_python("tljh_class_mode.py"), from_z2jh()
    [service] = plain["services"]
    assert service["name"] == "smlearn-class" and service["oauth_no_confirm"] is True
    expected = options(service)
    assert expected == {"database": "smlearn-class.sqlite", "instructor_group": "instructors", "ip": None}
    for other, python, database, ip in ((tljh, "/opt/tljh/user/bin/python", "/opt/tljh/state/smlearn-class.sqlite", None),
                                        (z2jh, "python3", "/srv/jupyterhub/smlearn-class.sqlite", "0.0.0.0")):
        [theirs] = other["services"]
        assert {k: v for k, v in theirs.items() if k not in ("url", "command")} == \
               {k: v for k, v in service.items() if k not in ("url", "command")}
        assert theirs["command"][0] == python
        assert options(theirs) == {**expected, "database": database, "ip": ip}
        assert other["roles"] == plain["roles"] and other["groups"] == plain["groups"]
    # the group the service is told about is the group the roles let it read, and the one the hub fills
    group = expected["instructor_group"]
    assert {"name": "smlearn-class", "services": ["smlearn-class"], "scopes": [f"read:groups!group={group}"]} in plain["roles"]
    assert {"name": "user", "scopes": ["self", "access:services!service=smlearn-class"]} in plain["roles"]
    # a kernel's token is its server's: the service takes it only with the service's access scope, and
    # JupyterHub gives a server's token only scopes its user also holds (the user role's, above)
    [server] = [role for role in plain["roles"] if role["name"] == "server"]
    from jupyterhub.roles import get_default_roles

    [default] = [role for role in get_default_roles() if role["name"] == "server"]
    assert set(server["scopes"]) == {*default["scopes"], "access:services!service=smlearn-class"}
    assert list(plain["groups"]) == [group] and plain["groups"][group]["users"]


@pytest.mark.parametrize("name", FILES)
def test_a_database_password_goes_in_the_environment_not_the_command(name, monkeypatch):
    # a command line, with a password in it, is shown by `ps` to every user of the machine
    text = (HUB / name).read_text(encoding="utf-8")
    service = (from_z2jh() if name.endswith(".yaml") else from_python(name))["services"][0]
    assert not any("postgresql" in part or "@" in part for part in service["command"])
    lines = [line for line in text.splitlines() if "PASSWORD@" in line]
    assert lines and all("SMLEARN_CLASS_DATABASE" in line for line in lines), lines
    assert "`environment` as\n  `SMLEARN_CLASS_DATABASE`" in GUIDE.read_text(encoding="utf-8")
    # and the service reads it there, when the command gives no --database
    monkeypatch.setenv("SMLEARN_CLASS_DATABASE", "postgresql+psycopg://u:secret@db/class")
    assert make_parser().parse_args(["--instructor-group", "instructors"]).database.endswith("@db/class")


def test_on_kubernetes_the_service_port_is_opened_where_the_proxy_needs_it():
    hub = from_z2jh()["hub"]
    port = int(hub["services"]["smlearn-class"]["url"].rsplit(":", 1)[1])
    assert hub["service"]["extraPorts"] == [{"name": "smlearn-class", "port": port, "targetPort": port}]
    assert [p["port"] for rule in hub["networkPolicy"]["ingress"] for p in rule["ports"]] == [port]
    values = yaml.safe_load((HUB / "z2jh_values.yaml").read_text(encoding="utf-8"))
    assert [p["port"] for rule in values["proxy"]["chp"]["networkPolicy"]["egress"] for p in rule["ports"]] == [port]


def test_the_hub_entry_takes_an_address_to_listen_on_and_refuses_an_unknown_option(capsys):
    assert make_parser().parse_args(["--ip", "0.0.0.0"]).ip == "0.0.0.0"
    with pytest.raises(SystemExit):
        make_parser().parse_args(["--listen", "0.0.0.0"])
    assert "unrecognized arguments: --listen" in capsys.readouterr().err


@pytest.mark.parametrize("name", FILES)
def test_the_guide_shows_each_file_as_it_is(name):
    guide = GUIDE.read_text(encoding="utf-8")
    text = (HUB / name).read_text(encoding="utf-8")
    fence = "```yaml\n" if name.endswith(".yaml") else "```python\n"
    assert f"`docs/instructors/hub/{name}`:\n\n{fence}{text}```" in guide, \
        f"docs/instructors/class_mode.md must show docs/instructors/hub/{name} whole, after its name"
