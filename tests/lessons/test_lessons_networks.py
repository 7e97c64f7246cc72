"""Lessons 03 and 04: their questions, with every right answer worked out here independently.

Numbers come from formulas or from networkx, not from the question's own answer function,
so a question that drifts from the model (or a model that drifts from theory) fails here.
"""

import math

import networkx as nx
import numpy as np
import pytest
from scipy import optimize

from smlearn.exercises import key_of
from smlearn.exercises import ChoiceQuestion, NumericQuestion
from smlearn.models import diffusion, diffusion_theory, networks
from smlearn.questions import how_things_spread as spread_quiz
from smlearn.questions import who_is_connected as network_quiz

ALL = network_quiz.QUESTIONS + spread_quiz.QUESTIONS


@pytest.mark.parametrize("question", ALL, ids=lambda q: q.id)
def test_every_question_waits_for_an_answer_and_has_a_hint(question, capsys):
    assert "No answer yet" in question.check(...).message
    question.hint()
    assert capsys.readouterr().out.startswith("Hint: ")
    assert question.explanation


@pytest.mark.parametrize("question", [q for q in ALL if isinstance(q, NumericQuestion)], ids=lambda q: q.id)
def test_numeric_questions_accept_their_answer_and_refuse_a_far_one(question):
    expected = key_of(question).expected()
    assert question.check(expected).correct
    assert not question.check(expected * 1.5 + 1).correct


# ---- Lesson 03 ------------------------------------------------------------------------------

def test_top_share_is_the_top_ten_accounts_share_of_followers():
    G = networks.follower_network(1000, 6, 0.05, seed=np.random.default_rng(1))
    # simulate makes the friendship network first from the same generator, so rebuild both in order
    rng = np.random.default_rng(1)
    networks.friendship_network(1000, 6, 0.1, seed=rng)
    G = networks.follower_network(1000, 6, 0.05, seed=rng)
    followers = np.sort([d for _, d in G.in_degree()])[::-1]
    right = followers[:10].sum() / followers.sum()
    assert network_quiz.top_share.check(round(right, 3)).correct
    assert not network_quiz.top_share.check(0.01).correct       # the fair share of 10 accounts in 1000


def test_karate_mean_path_matches_networkx():
    right = nx.average_shortest_path_length(nx.karate_club_graph())
    assert network_quiz.karate_path.check(round(right, 2)).correct


def test_choice_answers_of_lesson_03():
    assert network_quiz.reciprocity.check("The friendship network, because its rules make every tie go both ways").correct
    assert not network_quiz.reciprocity.check("The friendship network, which shows that real friendships are returned").correct
    assert network_quiz.real_network.check("its clustering: two friends of a member are often friends").correct
    assert not network_quiz.real_network.check("its reciprocity of 1: every tie in the data goes both ways").correct
    # and the reasoning holds: a random graph with karate's members and ties has clustering = its density
    karate = nx.karate_club_graph()
    density = nx.density(karate)
    assert density == pytest.approx(0.139, abs=0.001)
    assert nx.average_clustering(karate) == pytest.approx(0.57, abs=0.005) and nx.average_clustering(karate) > 4 * density


def test_reciprocity_really_is_higher_for_friendship():
    table = networks.simulate(**network_quiz.SETTINGS).table
    assert table.loc["friendship", "reciprocity"] == 1.0 > 0.2 > table.loc["follower", "reciprocity"]


def test_real_networks_figure_title_names_only_the_network_clustered_beyond_chance():
    import smlearn
    from smlearn.plots.networks import plot_real_networks

    davis = nx.davis_southern_women_graph()
    women = nx.bipartite.projected_graph(davis, davis.graph["top"])
    real = {"karate": nx.karate_club_graph(), "florentine": nx.florentine_families_graph(), "davis women": women}
    # chance = density 2m / (n (n - 1)), written out; clustering from networkx
    ratio = {}
    for name, G in real.items():
        n, m = G.number_of_nodes(), G.number_of_edges()
        ratio[name] = nx.average_clustering(G) / (2 * m / (n * (n - 1)))
    assert ratio["karate"] > 4 and ratio["florentine"] < 1 and 1 < ratio["davis women"] < 1.1
    fig = plot_real_networks(real)
    assert fig.get_suptitle() == "Only karate clusters well beyond chance; florentine and davis women sit near chance"
    assert [ax.get_title().splitlines()[1] for ax in fig.axes] == [
        "clustering 0.57, chance 0.14", "clustering 0.16, chance 0.19", "clustering 0.94, chance 0.91"]
    # the course's copies of the data give the same figure
    course = {"karate": smlearn.data.load("karate"), "florentine": smlearn.data.load("florentine"),
              "davis women": networks.project_bipartite(smlearn.data.load("davis"))}
    assert plot_real_networks(course).get_suptitle() == fig.get_suptitle()


def test_a_projection_is_clustered_even_when_attendance_is_random():
    # what the lesson says about Davis: shared events close triangles by construction
    clustering = []
    for seed in range(20):
        B = nx.bipartite.gnmk_random_graph(18, 14, 89, seed=seed)
        clustering.append(nx.average_clustering(nx.bipartite.projected_graph(B, range(18))))
    assert np.mean(clustering) > 0.85


def test_reciprocity_of_an_undirected_network_is_1_whatever_its_ties():
    # the lesson's point: for the friendship model reciprocity is a setting, not a finding
    for G in (nx.path_graph(4), nx.gnp_random_graph(60, 0.05, seed=1), networks.friendship_network(200, 6, 1.0, seed=3)):
        assert networks.measures(G, sample=10)["reciprocity"] == 1.0
    fans = networks.follower_network(300, 6, 0.0, seed=1)
    assert networks.measures(fans, sample=10)["reciprocity"] == 0.0


# ---- Lesson 04 -----------------------------------------------------------------------------

def test_peak_time_is_bass_formula():
    assert spread_quiz.peak_time.check(round(math.log(0.38 / 0.03) / 0.41, 2)).correct
    assert spread_quiz.peak_time.check(6.19).correct
    figure_period = spread_quiz.peak_time.check(7)
    assert not figure_period.correct and "covers the time from 6 to 7" in figure_period.message


def test_word_of_mouth_wins_above_the_root_of_ln1r_over_r():
    # Over the whole diffusion the push share is (p/q) ln(1 + q/p) (integral of p(1 - F)); half at ln(1+r)/r = 1/2.
    r = optimize.brentq(lambda r: math.log(1 + r) / r - 0.5, 1, 10)
    assert r == pytest.approx(2.513, abs=1e-3)
    assert spread_quiz.ratio.check(round(r, 1)).correct
    assert not spread_quiz.ratio.check(1.0).correct


def test_highest_degree_seeding_reaches_most_on_the_follower_network():
    from smlearn.widgets.spread import build_network

    g = diffusion.prepare(build_network("follower", 1000, 6, 0.1, 1))
    reach = {s: np.mean([diffusion.simulate(g, model="independent cascade", p=0.1, strategy=s, seed=i).final_share
                         for i in range(20)]) for s in diffusion.STRATEGIES}
    assert max(reach, key=reach.get) == "highest degree"
    assert reach["highest degree"] > 2 * max(reach["random"], reach["one cluster"])
    assert spread_quiz.best_strategy.check("the five biggest accounts").correct


@pytest.mark.slow
def test_epidemic_threshold_question_takes_the_formula_and_its_reference_agrees_with_theory():
    def by_networkx(G):
        k = np.array([d for _, d in G.degree()], float)
        return k.mean() / ((k**2).mean() - k.mean())

    assert spread_quiz.threshold.check(by_networkx).correct
    # Theory for the reference: everyone with k ties gives 1/(k - 1); a random (Poisson) network about 1/<k>.
    assert diffusion_theory.epidemic_threshold(nx.random_regular_graph(4, 100, seed=1)) == pytest.approx(1 / 3)
    er = nx.gnp_random_graph(2000, 0.003, seed=2)
    assert diffusion_theory.epidemic_threshold(er) == pytest.approx(1 / (2 * er.number_of_edges() / 2000), rel=0.05)
    # The usual slips: 1/<k> instead of the formula, or <k>/<k^2>.
    assert not spread_quiz.threshold.check(lambda G: 1 / np.mean([d for _, d in G.degree()])).correct
    wrong = spread_quiz.threshold.check(lambda G: (lambda k: k.mean() / (k**2).mean())(networks.degrees(G)))
    assert not wrong.correct and "4 ties" in wrong.message


def test_centola_answer():
    right = "its adopters' contacts know each other, so many people hear it from two adopters"
    assert spread_quiz.centola.check(right).correct
    assert not spread_quiz.centola.check("its chances sit above the epidemic threshold there, and below it on the shuffled ties").correct


def test_choice_questions_have_feedback_for_wrong_options():
    for question in ALL:
        if isinstance(question, ChoiceQuestion):
            assert key_of(question).option_feedback


@pytest.mark.slow
def test_flip_centola_feedback_fits_the_kind_of_answer():
    # Nothing spreads: with p1 = 0 a single starter's contacts hear it from one adopter each and never
    # adopt, so the lead is 0 and the verdict "flips" for a reason unrelated to clusters: refused.
    assert not spread_quiz.flip_centola.check({"p1": 0.0}).correct
    assert "hardly spreads" in spread_quiz.flip_centola.check({"p1": 0.05, "p2": 0.3}).message
    # p1 = p2 = 0.5 is simple contagion far above its threshold on 6 contacts each: both saturate.
    saturated = spread_quiz.flip_centola.check({"p1": 0.5})
    assert saturated.correct and "nearly everyone" in saturated.message
    # p1 = p2 = 0.2 spreads to under 15 % on both networks: refused too.
    assert not spread_quiz.flip_centola.check({"p2": 0.2}).correct
    # p1 = 0.3 against p2 = 0.5: little reinforcement; the message names p1 near p2.
    near = spread_quiz.flip_centola.check({"p1": 0.3})
    assert near.correct and "not far below p2" in near.message
    # p1 above p2: a second contact counts less, and the message says so (not "not far below").
    above = spread_quiz.flip_centola.check({"p1": 0.4, "p2": 0.1})
    assert above.correct and "at or above p2" in above.message


@pytest.mark.slow   # the flip analysis of lesson 03: many model runs
def test_lesson_03_flip_ranges_are_plausible_and_hold_the_defaults():
    for name, (low, high) in network_quiz.RANGES.items():
        param = networks.PARAMS[name]
        assert param.min <= low <= param.default <= high < param.max
    # The rewiring flip, outside the plausible range, moves with the random network drawn.
    flips_at = [network_quiz.rewire_flip(seed) for seed in (1, 2, 3)]
    high = network_quiz.RANGES["rewire"][1]
    assert all(high < value < 0.8 for value in flips_at)
