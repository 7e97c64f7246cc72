"""Export the small real networks that networkx ships into CSV files under data/, with manifest entries.

Run from the repository root (only when the data need rebuilding)::

    python scripts/export_networkx_graphs.py

It writes ``data/karate.csv``, ``data/florentine.csv`` and ``data/davis.csv`` (one row
per tie) and adds or replaces their entries in ``data/manifest.json`` with a single
read-modify-write, leaving every other entry as it was. ``smlearn.data.load(name)``
then returns each one as a networkx graph, through the reader
``smlearn.data:read_graph_csv``.
"""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx

DATA = Path(__file__).resolve().parent.parent / "data"
READER = "smlearn.data:read_graph_csv"
NETWORKX = ("Hagberg, A. A., Schult, D. A. and Swart, P. J. (2008). Exploring network structure, dynamics, and"
            f" function using NetworkX. Proc. 7th Python in Science Conference, 11-15. Exported from networkx {nx.__version__}.")


def write_csv(name, header, rows):
    path = DATA / f"{name}.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def karate():
    G = nx.karate_club_graph()
    rows = [(u, v, d["weight"], G.nodes[u]["club"], G.nodes[v]["club"]) for u, v, d in sorted(G.edges(data=True))]
    path = write_csv("karate", ["source", "target", "weight", "source_club", "target_club"], rows)
    clubs = ["Mr. Hi", "Officer"]
    return path, len(rows), {
        "name": "karate",
        "title": "Zachary's karate club: friendships among 34 members, and the split into two clubs",
        "description": ("Friendships outside the club among the 34 members of a university karate club, observed"
                        " 1970-1972 by Wayne Zachary. One row per tie; members are numbered 0-33 as in networkx"
                        " (Zachary numbers them 1-34). weight counts the contexts in which the two met. After a"
                        " dispute the club split: club says whose side each member joined, Mr. Hi (the instructor)"
                        " or the Officer (the president). Loads as an undirected networkx graph with a 'club'"
                        " attribute on every member."),
        "source": ("Zachary, W. W. (1977). An information flow model for conflict and fission in small groups."
                   " Journal of Anthropological Research 33(4), 452-473. " + NETWORKX),
        "columns": [
            {"name": "source", "type": "int", "description": "One member (0-33)."},
            {"name": "target", "type": "int", "description": "The other member (0-33)."},
            {"name": "weight", "type": "int", "description": "In how many contexts the two interacted (1-7)."},
            {"name": "source_club", "type": "category", "description": "The side the source member joined.", "allowed": clubs},
            {"name": "target_club", "type": "category", "description": "The side the target member joined.", "allowed": clubs},
        ],
        "graph": {"source": "source", "target": "target", "edge_attributes": ["weight"],
                  "node_attributes": {"club": ["source_club", "target_club"]}, "name": "Zachary's karate club"},
    }


def florentine():
    G = nx.florentine_families_graph()
    rows = sorted(tuple(sorted(e)) for e in G.edges())
    path = write_csv("florentine", ["source", "target"], rows)
    return path, len(rows), {
        "name": "florentine",
        "title": "Florentine families: marriage ties among leading families of Renaissance Florence",
        "description": ("Marriage ties among 15 leading Florentine families around 1430, from Padgett's data as"
                        " shipped with networkx. One row per tie between two families. The Pucci family, which had"
                        " no marriage ties with the others, is not included, as in networkx. Loads as an"
                        " undirected networkx graph."),
        "source": ("Padgett, J. F. and Ansell, C. K. (1993). Robust action and the rise of the Medici, 1400-1434."
                   " American Journal of Sociology 98(6), 1259-1319. Breiger, R. L. and Pattison, P. E. (1986)."
                   " Cumulated social roles: the duality of persons and their algebras. Social Networks 8(3),"
                   " 215-256. " + NETWORKX),
        "columns": [
            {"name": "source", "type": "str", "description": "One family."},
            {"name": "target", "type": "str", "description": "The family it is tied to by marriage."},
        ],
        "graph": {"source": "source", "target": "target", "name": "Florentine families (marriages)"},
    }


def davis():
    G = nx.davis_southern_women_graph()
    women, events = G.graph["top"], G.graph["bottom"]
    order = {v: i for i, v in enumerate(women + events)}
    rows = sorted(((w, e) if w in women else (e, w) for w, e in G.edges()), key=lambda r: (order[r[0]], order[r[1]]))
    path = write_csv("davis", ["woman", "event"], rows)
    return path, len(rows), {
        "name": "davis",
        "title": "Davis Southern Women: which of 18 women attended which of 14 social events",
        "description": ("Attendance of 18 women at 14 informal social events in a town in the US South, 1930s."
                        " One row per attendance (woman, event). Loads as a bipartite (two-mode) networkx graph:"
                        " node attribute 'bipartite' is 0 for women and 1 for events, and G.graph['top'] and"
                        " G.graph['bottom'] list them; smlearn.models.networks.project_bipartite turns it into a"
                        " network of women tied by the events they share."),
        "source": ("Davis, A., Gardner, B. B. and Gardner, M. R. (1941). Deep South: A Social Anthropological"
                   " Study of Caste and Class. University of Chicago Press. " + NETWORKX),
        "columns": [
            {"name": "woman", "type": "str", "description": "The woman's name."},
            {"name": "event", "type": "str", "description": "The event, E1 to E14."},
        ],
        "graph": {"source": "woman", "target": "event", "bipartite": True, "name": "Davis Southern Women"},
    }


def main():
    from manifest import record

    for build in (karate, florentine, davis):
        path, rows, entry = build()
        entry.update(file=path.name, format="csv", reader=READER,
                     licence="Public domain facts from a published study, as distributed with networkx (BSD-3-Clause)",
                     rows=rows)
        keys = ["name", "file", "format", "reader", "title", "description", "source", "licence", "rows", "columns", "graph"]
        entry = record({key: entry[key] for key in keys})
        print(f"{entry['name']}: {entry['rows']} rows, sha256 {entry['sha256'][:12]}...")


if __name__ == "__main__":
    main()
