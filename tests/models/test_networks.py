"""Tests for smlearn.models.networks: generators and measures against theory, published values and networkx.

Expected values come from formulas written out here or from networkx's own
(independent, pure-Python) implementations, never from the module under test.
"""

import math
import os
import subprocess
import sys

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smlearn import data
from smlearn.models import networks
from smlearn.models.networks import (
    PARAMS,
    compare,
    follower_network,
    friendship_network,
    gini,
    make_network,
    measures,
    project_bipartite,
    random_network,
    shuffle_keeping_degrees,
    top_share,
)


# ---- PARAMS and signatures ------------------------------------------------------------------

# ---- Friendship network: Watts-Strogatz ----------------------------------------------------

def ring_clustering(k):
    """Clustering of a ring lattice where everyone knows k/2 people on each side (Watts-Strogatz 1998)."""
    return 3 * (k - 2) / (4 * (k - 1))


def ring_mean_path(n, k):
    """Mean hops on that ring lattice, counted by hand: distance d needs ceil(d / (k/2)) hops."""
    half = k // 2
    d = np.arange(1, n)
    hops = np.ceil(np.minimum(d, n - d) / half)
    return hops.mean()


@pytest.mark.parametrize("n, k", [(100, 4), (300, 10)])
def test_a_ring_without_shortcuts_matches_its_formulas(n, k):
    G = friendship_network(n, k, 0.0, seed=1)
    assert not G.is_directed() and G.number_of_nodes() == n
    assert {d for _, d in G.degree()} == {k}
    row = measures(G)
    assert row["clustering"] == pytest.approx(ring_clustering(k), rel=1e-12)
    assert row["mean_path"] == pytest.approx(ring_mean_path(n, k), rel=1e-12)
    assert row["reciprocity"] == 1.0


@pytest.mark.slow
def test_watts_strogatz_1998_ratios():
    """Watts & Strogatz (1998), Fig. 2 (n = 1000, k = 10): C(p)/C(0) and L(p)/L(0).

    Published (read from the figure, 20 realisations): C ratio 0.97 and L ratio about
    0.18 at p = 0.01; 0.73 and 0.09 at p = 0.1. The C ratio also follows Barrat and
    Weigt's (2000) (1 - p)^3 = 0.970 and 0.729. We average 4 seeds, with L sampled from
    200 starting people each. Across seeds L varies by about 3 % at p = 0.01 (5 rewired
    ties in 1000 carry most of the shortening) and 2 % at p = 0.1, so the mean of 4 is
    good to about 1.5 % and 1 %; C varies far less. Tolerances: 0.015 on the C ratios,
    0.02 on L(0.01)/L(0) and 0.01 on L(0.1)/L(0). A model without shortcuts gives 1.0;
    one that rewired both ends, or all ties, lands far outside.
    """
    def averaged(p):
        rows = [measures(friendship_network(1000, 10, p, seed=s), sample=200, seed=s) for s in range(4)]
        return np.mean([r["clustering"] for r in rows]), np.mean([r["mean_path"] for r in rows])

    c0, l0 = averaged(0.0)
    assert c0 == pytest.approx(ring_clustering(10))
    assert l0 == pytest.approx(ring_mean_path(1000, 10), rel=0.02)   # sampled starting people
    c1, l1 = averaged(0.01)
    c2, l2 = averaged(0.1)
    assert c1 / c0 == pytest.approx(0.97, abs=0.015)
    assert l1 / l0 == pytest.approx(0.18, abs=0.02)
    assert c2 / c0 == pytest.approx(0.73, abs=0.015)
    assert l2 / l0 == pytest.approx(0.09, abs=0.01)


def test_rewiring_keeps_the_number_of_ties():
    for p in (0.0, 0.3, 1.0):
        assert friendship_network(500, 8, p, seed=2).number_of_edges() == 500 * 8 // 2


# ---- Follower network: preferential attachment ----------------------------------------------

def test_follower_network_has_m_follows_per_newcomer_and_no_reciprocity_without_follow_back():
    n, k = 800, 8
    G = follower_network(n, k, 0.0, seed=3)
    m = k // 2
    assert G.is_directed() and G.number_of_nodes() == n
    assert G.number_of_edges() == m * (n - m)
    out = dict(G.out_degree())
    assert all(out[v] == m for v in range(m, n)) and all(out[v] == 0 for v in range(m))
    assert all(u > v for u, v in G.edges())          # newcomers follow earlier accounts
    assert nx.reciprocity(G) == 0


def test_follow_back_gives_the_expected_reciprocity():
    # E follows, each returned with probability r: E(1 + r) ties, 2rE of them mutual.
    r = 0.3
    G = follower_network(3000, 6, r, seed=4)
    expected = 2 * r / (1 + r)
    # about 9,000 follows, so the share returned is good to about 0.005 (binomial)
    assert measures(G)["reciprocity"] == pytest.approx(expected, abs=0.03)
    assert nx.reciprocity(G) == pytest.approx(measures(G)["reciprocity"], abs=1e-12)


def test_followers_are_concentrated_but_friendships_are_not():
    friends = measures(friendship_network(2000, 6, 0.1, seed=5))
    fans = measures(follower_network(2000, 6, 0.05, seed=5))
    assert friends["mean_degree"] == pytest.approx(6, rel=1e-12)
    assert fans["mean_degree"] == pytest.approx(6, rel=0.05)     # comparable networks
    assert fans["gini_followers"] > 0.4 > 0.1 > friends["gini_followers"]
    assert fans["top1_share"] > 3 * friends["top1_share"]
    assert friends["clustering"] > 5 * fans["clustering"]
    assert fans["reciprocity"] < 0.2 and friends["reciprocity"] == 1.0


def test_make_network_picks_by_name_with_the_same_generator():
    a = make_network("friendship", n=200, seed=9)
    b = friendship_network(200, 6, 0.1, seed=9)
    assert sorted(a.edges()) == sorted(b.edges())
    assert make_network("follower", n=200, seed=9).is_directed()


def test_the_same_seed_gives_the_same_network():
    assert sorted(follower_network(300, seed=7).edges()) == sorted(follower_network(300, seed=7).edges())
    assert sorted(follower_network(300, seed=7).edges()) != sorted(follower_network(300, seed=8).edges())
    gen = np.random.default_rng(7)
    assert sorted(friendship_network(300, seed=gen).edges()) == sorted(friendship_network(300, seed=7).edges())


def test_random_network_has_the_asked_mean_degree():
    G = random_network(4000, 3.5, seed=1)
    assert 2 * G.number_of_edges() / 4000 == pytest.approx(3.5, rel=0.03)   # 7,000 ties: 1.2 % s.e.


# ---- Measures against networkx --------------------------------------------------------------

GRAPHS = {
    "karate": nx.karate_club_graph(),
    "florentine": nx.florentine_families_graph(),
    "two parts": nx.disjoint_union(nx.cycle_graph(5), nx.complete_graph(4)),
    "follower": follower_network(300, 4, 0.2, seed=11),
}


def directed_possible_triangles(G):
    """For each node: d(d - 1) - 2b, the directed triangles it could sit on (Fagiolo 2007)."""
    return {v: (G.in_degree(v) + G.out_degree(v)) * (G.in_degree(v) + G.out_degree(v) - 1)
            - 2 * sum(1 for u in G.successors(v) if G.has_edge(u, v)) for v in G}


def reachable_pairs_mean(G, nodes):
    """Mean hops over ordered pairs (u, v) of ``nodes``, u != v, with a path along the arrows; and their share."""
    hops = []
    for u in nodes:
        lengths = nx.single_source_shortest_path_length(G, u)
        hops.extend(d for v, d in lengths.items() if v != u and v in nodes)
    return np.mean(hops), len(hops) / (len(nodes) * (len(nodes) - 1))


@pytest.mark.parametrize("name", list(GRAPHS))
def test_measures_agree_with_networkx(name):
    G = GRAPHS[name]
    row = measures(G, sample=10_000)
    U = G.to_undirected() if G.is_directed() else G
    largest = U.subgraph(max(nx.connected_components(U), key=len))
    assert row["people"] == G.number_of_nodes() and row["ties"] == G.number_of_edges()
    assert row["clustering"] == pytest.approx(nx.average_clustering(G), abs=1e-12)   # directed if G is
    if G.is_directed():
        possible = directed_possible_triangles(G)
        closed = sum(nx.clustering(G, v) * possible[v] for v in G)
        assert row["transitivity"] == pytest.approx(closed / sum(possible.values()), abs=1e-12)
        mean, share = reachable_pairs_mean(G, set(largest))
        assert row["mean_path"] == pytest.approx(mean, abs=1e-12)
        assert row["reachable"] == pytest.approx(share, abs=1e-12)
    else:
        assert row["transitivity"] == pytest.approx(nx.transitivity(U), abs=1e-12)
        assert row["mean_path"] == pytest.approx(nx.average_shortest_path_length(largest), abs=1e-12)
        assert row["reachable"] == 1.0
    assert row["components"] == nx.number_connected_components(U)
    assert row["largest_component"] == pytest.approx(largest.number_of_nodes() / G.number_of_nodes())
    assert row["mean_degree"] == pytest.approx(2 * U.number_of_edges() / U.number_of_nodes())
    assert row["reciprocity"] == pytest.approx(nx.reciprocity(G) if G.is_directed() else 1.0)
    followers = [d for _, d in (G.in_degree() if G.is_directed() else G.degree())]
    assert row["max_followers"] == max(followers)


SMALL_DIGRAPHS = {
    "chain": nx.DiGraph([(0, 1), (1, 2)]),
    "cycle": nx.DiGraph([(0, 1), (1, 2), (2, 0)]),
    "mutual triangle": nx.DiGraph([(0, 1), (1, 0), (1, 2), (2, 1), (0, 2), (2, 0)]),
    "star of followers": nx.DiGraph([(1, 0), (2, 0), (3, 0), (0, 1)]),
    "random": nx.gnp_random_graph(40, 0.08, seed=5, directed=True),
    "two parts": nx.DiGraph([(0, 1), (1, 2), (2, 0), (3, 4)]),
}


@pytest.mark.parametrize("name", list(SMALL_DIGRAPHS))
def test_directed_clustering_and_paths_follow_the_arrows(name):
    G = SMALL_DIGRAPHS[name]
    row = measures(G)
    assert row["clustering"] == pytest.approx(nx.average_clustering(G), abs=1e-12)
    largest = max(nx.weakly_connected_components(G), key=len)
    mean, share = reachable_pairs_mean(G, largest)
    assert row["mean_path"] == pytest.approx(mean, abs=1e-12) and row["reachable"] == pytest.approx(share, abs=1e-12)


def test_directed_measures_by_hand():
    # a -> b -> c: pairs (a, b), (b, c) at 1 hop and (a, c) at 2: 4/3 hops, 3 of 6 pairs joined
    row = measures(nx.DiGraph([("a", "b"), ("b", "c")]))
    assert row["mean_path"] == pytest.approx(4 / 3) and row["reachable"] == 0.5
    # a cycle 0 -> 1 -> 2 -> 0: every pair joined, at 1 or 2 hops; one triangle out of d(d-1) = 2
    row = measures(SMALL_DIGRAPHS["cycle"])
    assert row["mean_path"] == pytest.approx(1.5) and row["reachable"] == 1.0
    assert row["clustering"] == pytest.approx(0.5)
    # with every tie returned, directed clustering equals the undirected one
    assert measures(SMALL_DIGRAPHS["mutual triangle"])["clustering"] == pytest.approx(1.0)
    fans = follower_network(300, 6, 1.0, seed=2)
    assert measures(fans)["clustering"] == pytest.approx(nx.average_clustering(fans.to_undirected()), abs=1e-12)


@pytest.mark.slow
def test_measures_are_reproducible_by_default():
    """Issue 12: with seed=None two calls sampled different starting people (9.331, 9.362)."""
    G = friendship_network(1500, 4, 0.01, seed=3)       # more than 500 people: paths are sampled
    first, second = measures(G), measures(G)
    pd.testing.assert_series_equal(first, second)
    assert first["mean_path"] == measures(G, seed=networks.PATH_SEED)["mean_path"]
    assert measures(G, seed=1)["mean_path"] != first["mean_path"]        # the sample matters, and is fixed
    pd.testing.assert_frame_equal(compare({"a": G}), compare({"a": G}))


def test_compare_puts_networks_side_by_side():
    table = compare({"karate": GRAPHS["karate"], "follower": GRAPHS["follower"]})
    assert list(table.index) == ["karate", "follower"]
    assert list(table.columns) == list(measures(GRAPHS["karate"]).index)


def test_gini_and_top_share_known_values():
    assert gini([1, 1, 1]) == 0.0
    assert gini([0, 0, 0, 1]) == pytest.approx(0.75)     # (n - 1)/n for one holder
    assert gini([1, 2, 3, 4]) == pytest.approx(0.25)     # sum |xi - xj| / (2 n^2 mean) = 20 / 80
    assert top_share([1] * 99 + [101]) == pytest.approx(101 / 200)
    assert top_share([0, 0]) == 0.0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 1000), min_size=1, max_size=60), st.integers(1, 5))
def test_gini_properties(values, factor):
    g = gini(values)
    assert 0 <= g < 1
    assert gini([factor * v for v in values]) == pytest.approx(g, abs=1e-12)   # scale does not matter
    # the mean absolute difference definition, written out
    x = np.array(values, float)
    if x.sum() > 0:
        assert g == pytest.approx(np.abs(x[:, None] - x[None, :]).sum() / (2 * x.size**2 * x.mean()), abs=1e-9)
    share = top_share(values)
    assert 0 <= share <= 1


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(st.sampled_from([50, 100, 150]), st.sampled_from([2, 4, 6]), st.floats(0, 1), st.floats(0, 1), st.integers(0, 10**6))
def test_measures_stay_in_their_ranges(n, k, rewire, follow_back, seed):
    for G in (friendship_network(n, k, round(rewire, 2), seed=seed),
              follower_network(n, k, round(follow_back, 2), seed=seed)):
        row = measures(G, seed=seed)
        for column in ("reciprocity", "clustering", "transitivity", "gini_followers", "top1_share", "largest_component"):
            assert 0 <= row[column] <= 1, column
        assert row["mean_path"] >= 1 and row["components"] >= 1


@pytest.mark.slow
def test_shuffle_keeps_every_degree_and_removes_clustering():
    ring = friendship_network(600, 6, 0.0, seed=1)
    mixed = shuffle_keeping_degrees(ring, seed=2)
    assert dict(mixed.degree()) == dict(ring.degree())
    assert mixed.number_of_edges() == ring.number_of_edges()
    assert nx.number_of_selfloops(mixed) == 0
    # a random graph with these degrees has clustering about (k - 1)^2 / (k n) = 0.007
    assert measures(mixed)["clustering"] < 0.03 < 0.6 == pytest.approx(measures(ring)["clustering"])
    assert sorted(ring.edges()) == sorted(friendship_network(600, 6, 0.0, seed=1).edges())   # input untouched


# ---- Real networks through smlearn.data -----------------------------------------------------

def same_graph(a, b):
    return set(a.nodes()) == set(b.nodes()) and {frozenset(e) for e in a.edges()} == {frozenset(e) for e in b.edges()}


def test_karate_loads_with_its_factions_and_weights():
    G = data.load("karate")
    reference = nx.karate_club_graph()
    assert same_graph(G, reference)
    assert all(G.nodes[v]["club"] == reference.nodes[v]["club"] for v in reference)
    assert all(G.edges[u, v]["weight"] == d["weight"] for u, v, d in reference.edges(data=True))
    assert sum(1 for v in G if G.nodes[v]["club"] == "Mr. Hi") == 17


def test_florentine_and_davis_load_as_networkx_ships_them():
    assert same_graph(data.load("florentine"), nx.florentine_families_graph())
    davis, reference = data.load("davis"), nx.davis_southern_women_graph()
    assert same_graph(davis, reference)
    assert set(davis.graph["top"]) == set(reference.graph["top"])
    assert set(davis.graph["bottom"]) == set(reference.graph["bottom"])
    assert all(davis.nodes[v]["bipartite"] == reference.nodes[v]["bipartite"] for v in reference)


def test_the_projection_of_davis_counts_shared_events():
    women = project_bipartite(data.load("davis"))
    reference = nx.bipartite.weighted_projected_graph(nx.davis_southern_women_graph(),
                                                      nx.davis_southern_women_graph().graph["top"])
    assert same_graph(women, reference)
    assert all(women.edges[u, v]["weight"] == d["weight"] for u, v, d in reference.edges(data=True))
    assert project_bipartite(data.load("davis"), side="bottom").number_of_nodes() == 14


def test_manifest_entries_cite_their_sources():
    table = data.list_datasets().set_index("name")
    assert "Zachary" in table.loc["karate", "source"]
    assert "Padgett" in table.loc["florentine", "source"] and "Breiger" in table.loc["florentine", "source"]
    assert "Davis" in table.loc["davis", "source"]
    assert all("NetworkX" in table.loc[name, "source"] for name in ("karate", "florentine", "davis"))


# ---- Bad input ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(PARAMS))
def test_every_parameter_is_checked(name):
    function = friendship_network if name != "follow_back" else follower_network
    p = PARAMS[name]
    with pytest.raises(ValueError, match=f"{name} must be between {p.min} and {p.max}"):
        function(**{name: p.max + p.step})
    with pytest.raises(ValueError, match=f"{name} must be between"):
        function(**{name: p.min - p.step})
    with pytest.raises(TypeError, match=f"{name} must be a number"):
        function(**{name: "many"})


def test_bad_shapes_and_kinds_are_refused():
    with pytest.raises(TypeError, match="mean_degree must be a whole number"):
        friendship_network(100, 5.5)
    with pytest.raises(ValueError, match="kind must be one of 'friendship', 'follower'; got 'fans'"):
        make_network("fans")
    with pytest.raises(TypeError, match="seed must be None"):
        friendship_network(seed=-1)
    with pytest.raises(ValueError, match="mean_degree must be between 0.0 and 99.0"):
        random_network(100, 150.0)


def test_lattice_network_is_a_triangular_grid_on_a_torus():
    """Everyone has 6 contacts; the 6 contacts of a person form a ring of 6 ties among 15
    pairs (clustering 6/15 = 0.4); each person sits in 6 triangles, so there are 6N/3 = 2N."""
    G = networks.lattice_network(8, 16)
    assert G.number_of_nodes() == 128 and G.number_of_edges() == 128 * 3
    assert set(dict(G.degree()).values()) == {6}
    assert nx.average_clustering(G) == pytest.approx(0.4)
    assert sum(nx.triangles(G).values()) // 3 == 2 * 128
    # row 0, column 0: left and right (15, 1), below (16, 31) and above (112, 113), wrapping round
    assert sorted(G.neighbors(0)) == [1, 15, 16, 31, 112, 113]
    with pytest.raises(ValueError, match="rows must be between 3 and 1000"):
        networks.lattice_network(2, 16)


@pytest.mark.slow
def test_random_network_refuses_sizes_a_lesson_cannot_hold_and_says_why():
    # 20,000 people all tied to each other passed the old check and then ran for minutes.
    with pytest.raises(ValueError, match=r"expected number of ties\) must be at most 1,000,000.*n=20,000.*mean_degree=19999"):
        random_network(20000, 19999.0)
    with pytest.raises(ValueError, match="n must be between 2 and 1000000"):
        random_network(2_000_000, 0.5)
    # How fast it refuses (before building anything) is measured by benchmarks/quick_loop.py.
    # Just under the cap still builds: a dense small network and a sparse big one.
    dense = random_network(1000, 999.0, seed=1)
    assert dense.number_of_edges() == 1000 * 999 // 2          # p = 1: every pair tied
    assert networks.MAX_TIES == 1_000_000


def test_graph_inputs_are_checked():
    with pytest.raises(ValueError, match="G is an empty graph"):
        measures(nx.Graph())
    with pytest.raises(TypeError, match="G must be a networkx graph; got list"):
        measures([(0, 1)])
    with pytest.raises(ValueError, match="G must be an undirected graph"):
        shuffle_keeping_degrees(nx.DiGraph([(0, 1), (1, 2)]))
    with pytest.raises(ValueError, match="at least two ties"):
        shuffle_keeping_degrees(nx.path_graph(2))
    with pytest.raises(ValueError, match="swaps_per_tie must be between"):
        shuffle_keeping_degrees(nx.cycle_graph(5), swaps_per_tie=0)
    with pytest.raises(ValueError, match="sample must be between"):
        measures(nx.path_graph(3), sample=0)
    with pytest.raises(TypeError, match="graphs must be a non-empty dict"):
        compare([nx.path_graph(3)])
    with pytest.raises(ValueError, match="side must be 'top' or 'bottom'; got 'left'"):
        project_bipartite(nx.davis_southern_women_graph(), side="left")
    with pytest.raises(ValueError, match="bipartite graph with its node lists"):
        project_bipartite(nx.path_graph(3))


def test_degrees_are_ties_or_followers_in_node_order():
    G = nx.karate_club_graph()
    assert networks.degrees(G).tolist() == [G.degree(v) for v in G]
    assert networks.degrees(G).sum() == 2 * G.number_of_edges()          # each tie counted at both ends
    fans = follower_network(300, 6, 0.05, seed=2)
    assert networks.degrees(fans).tolist() == [fans.in_degree(v) for v in fans]
    assert networks.degrees(fans).sum() == fans.number_of_edges()       # each follow counted once
    with pytest.raises(ValueError, match="G is an empty graph"):
        networks.degrees(nx.Graph())
    with pytest.raises(TypeError, match="G must be a networkx graph; got dict"):
        networks.degrees({0: [1]})


def test_measurement_helpers_refuse_bad_values():
    with pytest.raises(ValueError, match="values must not be empty"):
        gini([])
    with pytest.raises(ValueError, match="values must not be negative; got -1.0"):
        gini([3, -1])
    with pytest.raises(ValueError, match="values must not be empty"):
        top_share([])
    with pytest.raises(ValueError, match="values must be finite numbers; got NaN or infinity"):
        gini([1.0, float("nan")])
    with pytest.raises(ValueError, match="values must be a list of amounts, or a table of them .*got 3 dimensions"):
        gini(np.ones((2, 2, 2)))


def test_measures_row_is_tidy():
    row = measures(GRAPHS["karate"])
    assert isinstance(row, pd.Series) and row.dtype == float
    assert not math.isnan(row["mean_path"])
    assert networks.KINDS == ("friendship", "follower")


@pytest.mark.parametrize("G", [
    nx.karate_club_graph(),
    nx.gnp_random_graph(150, 0.012, seed=3),                   # several components
    networks.friendship_network(130, 4, 0.0, seed=1),          # a long ring: many rounds
    networks.follower_network(130, 6, 0.05, seed=1),           # directed: paths follow the arrows
], ids=["karate", "fragmented", "ring", "follower"])
@pytest.mark.parametrize("sample", [1, 64, 100, 500])
def test_mean_path_equals_one_search_per_starting_person(G, sample):
    """The all-at-once search must give what scipy's one-search-per-person gives, to the last bit."""
    from scipy.sparse.csgraph import connected_components, shortest_path

    _, A = networks.adjacency(G, ties=True)
    _, labels = connected_components(A, directed=False)
    largest = np.flatnonzero(labels == np.bincount(labels).argmax())
    rng = np.random.default_rng(9)       # picks the starting people as measures() does
    sources = largest if largest.size <= sample else rng.choice(largest, size=sample, replace=False)
    hops = shortest_path(A, unweighted=True, directed=G.is_directed(), indices=sources)[:, largest]
    expected = float(hops[np.isfinite(hops) & (hops > 0)].mean())
    assert measures(G, sample=sample, seed=9)["mean_path"] == expected


@pytest.mark.slow   # two fresh Pythons
def test_a_projection_lists_its_ties_in_the_same_order_in_every_python():
    # Text names hash differently in each Python (PYTHONHASHSEED); the ties' order must not follow,
    # or the lesson's picture of the Davis women changes from one run to the next.
    code = ("from smlearn import data; from smlearn.models import networks; "
            "print(list(networks.project_bipartite(data.load('davis')).edges()))")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(hash_seed)}).stdout for hash_seed in (1, 2)}
    assert len(runs) == 1


def test_adjacency_gives_ties_or_weights_of_the_same_graph():
    """One adjacency for the measures (ties) and PageRank (weights): parallel edges and self-loops differ."""
    G = nx.MultiDiGraph([("a", "b", {"weight": 2.0}), ("a", "b", {"weight": 0.5}), ("b", "b"), ("b", "a")])
    nodes, A = networks.adjacency(G, ties=True)
    assert nodes == ["a", "b"] and A.dtype == np.int64
    assert A.toarray().tolist() == [[0, 1], [1, 0]]                # one tie each way, no self-loop
    _, W = networks.adjacency(G, weight="weight")
    assert W.toarray().tolist() == [[0.0, 2.5], [1.0, 1.0]]        # weights add up; the self-loop stays
    _, C = networks.adjacency(G)
    assert C.toarray().tolist() == [[0.0, 2.0], [1.0, 1.0]]        # weight=None: each edge counts 1
    with pytest.raises(TypeError, match="ties must be True or False"):
        networks.adjacency(G, ties=1)
    with pytest.raises(ValueError, match="must be numbers >= 0"):
        networks.adjacency(nx.DiGraph([("a", "b", {"weight": -1.0})]), weight="weight")
