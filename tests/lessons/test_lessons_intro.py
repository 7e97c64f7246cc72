"""Tests of lessons 00 and 01: their questions, the activities figure, and the exercise cells."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from smlearn.exercises import key_of
from smlearn import data, frame
from smlearn.exercises import ChoiceQuestion, fingerprint
from smlearn.plots import activities as activities_plot
from smlearn.profile import active_profile
from smlearn.questions import start_here, two_ideas

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
SOURCES = Path(__file__).resolve().parents[2] / "sources"

CHOICE_QUESTIONS = {
    "start_here.two_way": start_here.two_way,
    "start_here.run_cell": start_here.run_cell,
    "two_ideas.promo": two_ideas.promo,
    "two_ideas.stranger": two_ideas.stranger,
    "two_ideas.contradiction": two_ideas.contradiction,
    "two_ideas.ledger": two_ideas.ledger,
}

# The right option of each question, as the lessons' solution cells type it: the letters a learner sees
# depend on their own shuffled order, so the text is what stays fixed. If an option is reworded, this fails first.
RIGHT_TEXT = {
    "start_here.two_way": "a private chat with a friend",
    "start_here.run_cell": "Shift+Enter",
    "two_ideas.promo": "neither, because nobody found it and it is not a conversation",
    "two_ideas.stranger": f"answering a viewer's question under your new {active_profile().story['video']}",   # story words
    "two_ideas.contradiction": "A says not to market to family and friends; D says to launch a business by telling"
                               " all the people you know",
    "two_ideas.ledger": "02 Push and pull",
}

# Where the author wrote each right option (0 = first), spread so that no position is a cue.
AUTHORED_POSITION = {
    "start_here.two_way": 0,
    "start_here.run_cell": 3,
    "two_ideas.promo": 2,
    "two_ideas.stranger": 0,
    "two_ideas.contradiction": 3,
    "two_ideas.ledger": 1,
}


@pytest.fixture(scope="module")
def activities():
    return data.load("activities")


def fresh(question: ChoiceQuestion, learner: str = "course-build") -> ChoiceQuestion:
    """A copy with no attempts counted (so tests do not depend on their order), as one learner sees it."""
    feedback = {chr(ord("a") + i): key_of(question).option_feedback[option]
                for i, option in enumerate(question.authored) if option in key_of(question).option_feedback}
    return ChoiceQuestion(question.id, question.prompt, question.authored,
                          answer_fingerprint=fingerprint(question.id, RIGHT_TEXT[question.id]),
                          hint=key_of(question).hint, feedback=feedback, explanation=question.explanation, learner=learner)


def right_letter(question: ChoiceQuestion) -> str:
    return question.letters[question.options.index(RIGHT_TEXT[question.id])]


# -- choice questions -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CHOICE_QUESTIONS))
@pytest.mark.parametrize("learner", ["course-build", "ada", "ivy"])
def test_choice_question_accepts_the_right_letter_the_learner_sees_and_the_right_text(name, learner):
    question = fresh(CHOICE_QUESTIONS[name], learner)
    letter = right_letter(question)
    feedback = question.check(letter)
    assert feedback.correct is True and feedback.message.startswith("✔ Correct")
    assert question.check(letter.upper()).correct is True
    assert question.check(RIGHT_TEXT[name]).correct is True
    assert question.check("  " + RIGHT_TEXT[name].upper() + " ").correct is True   # case and spaces are ignored


@pytest.mark.parametrize("name", sorted(CHOICE_QUESTIONS))
def test_choice_question_rejects_every_wrong_letter_with_a_hint(name):
    question = fresh(CHOICE_QUESTIONS[name])
    wrong = [letter for letter in question.letters if letter != right_letter(question)]
    assert wrong
    for letter in wrong:
        feedback = question.check(letter)
        assert feedback.correct is False
        assert feedback.message.startswith("✘ Not yet")
        assert "Hint:" in feedback.message


@pytest.mark.parametrize("name", sorted(CHOICE_QUESTIONS))
def test_choice_question_without_an_answer_says_no_answer_yet(name):
    for empty in (..., None):
        feedback = CHOICE_QUESTIONS[name].check(empty)
        assert feedback.correct is None
        assert feedback.message.startswith("… No answer yet")


def test_choice_answers_are_stored_only_as_fingerprints():
    for module in (start_here, two_ideas):
        source = Path(module.__file__).read_text(encoding="utf-8")
        assert "fingerprint(" not in source, f"{module.__name__} computes a fingerprint from the answer text"
        assert re.search(r'answer_fingerprint="[0-9a-f]{16}"', source)


def test_choice_questions_have_a_prompt_a_hint_and_a_specific_word_for_each_wrong_option():
    for name, question in CHOICE_QUESTIONS.items():
        assert question.prompt.endswith("?"), name
        assert key_of(question).hint, name
        assert set(key_of(question).option_feedback) == set(question.authored) - {RIGHT_TEXT[name]}, name


@pytest.mark.parametrize("name", sorted(CHOICE_QUESTIONS))
def test_right_option_is_not_the_longest_and_sits_where_assigned(name):
    """No length or position cue: options of similar length, the right one not the longest."""
    question = CHOICE_QUESTIONS[name]
    assert question.authored_position == AUTHORED_POSITION[name]
    lengths = [len(option) for option in question.authored]
    assert len(RIGHT_TEXT[name]) < max(lengths), f"{name}: the right option is the longest"
    assert max(lengths) <= 1.3 * min(lengths), f"{name}: option lengths {lengths} differ by more than 30 %"


def test_lesson_01_right_options_are_each_written_in_another_place():
    places = [AUTHORED_POSITION[name] for name in CHOICE_QUESTIONS if name.startswith("two_ideas.")]
    assert len(set(places)) == len(places)


def test_contradiction_question_follows_the_sources():
    """The effort pair is different cases (posts vs conversations); the real clash is marketing to your own contacts."""
    question = two_ideas.contradiction
    effort = next(option for option in question.authored if "schedule" in option)
    assert "conversations" in effort     # C's posts against D's conversations
    assert "different cases" in key_of(question).option_feedback[effort].lower()
    right = RIGHT_TEXT["two_ideas.contradiction"]
    assert "family and friends" in right and "people you know" in right
    assert "ties-broadcast" in question.explanation
    assert "stranger" not in two_ideas.ledger.prompt.lower().replace("people you do not know", "")


# -- the sorting question -------------------------------------------------------------------------------------


def test_sorting_sample_is_fixed_and_comes_from_the_data_set(activities):
    from smlearn import frame

    sample = two_ideas.sorting_sample(activities)
    assert len(sample) == two_ideas.SAMPLE_SIZE == 10
    assert sample["id"].tolist() == sorted(sample["id"].tolist())
    assert sample.equals(two_ideas.sorting_sample(activities))
    rows = activities.set_index("id").loc[sample["id"].tolist()]
    # The right answer is the cell the data set's two answers give, worked out here from the ids themselves.
    expected = (rows["route"].astype(str) + "-" + rows["exchange"].astype(str)).tolist()
    assert sample["label"].tolist() == expected
    assert set(sample["label"]) == set(frame.CELL_IDS)
    assert sample["label"].value_counts().min() >= 2  # every cell is practised at least twice
    assert {5, 41} <= set(sample["id"])  # two traps: a promo to every contact, a customer who found the shop
    assert two_ideas.sorting.items["id"].tolist() == sample["id"].tolist()


def test_sorting_accepts_the_cells_as_typed_and_the_sources_terms(activities):
    sample = two_ideas.sorting_sample(activities)
    full = dict(zip(sample["id"], sample["label"]))
    feedback = two_ideas.sorting.check(full)
    assert feedback.correct is True and feedback.message.startswith("✔ Correct")
    # Spaces or underscores for the hyphen, and any case, name the same cell.
    typed = {i: label.replace("-", " ").upper() if n % 2 else label.replace("-", "_") for n, (i, label) in enumerate(full.items())}
    assert two_ideas.sorting.check(typed).correct is True
    # The sources' two terms name one cell each (smlearn.frame.TERMS), and the feedback says which.
    for term, cell in frame.TERMS.items():
        row = sample[sample["label"] == cell].iloc[0]
        assert two_ideas.sorting.check({int(row["id"]): term}).message.startswith("✘ 1 of 10 right")
        other = sample[sample["label"] != cell].iloc[0]
        assert f"you said {term}, that is {cell}." in two_ideas.sorting.check({int(other["id"]): term}).message
    # A category of no cell is refused, and the example of a dict uses this question's own cells.
    first = int(sample["id"].iloc[0])
    assert "is not one of" in two_ideas.sorting.check({first: "both"}).message
    example = two_ideas.sorting.check([first]).message
    assert "find-broadcast" in example and "media" not in example


@pytest.mark.parametrize("wrong_part", ["route", "exchange"])
def test_sorting_clue_names_the_half_of_the_answer_that_differs(activities, wrong_part):
    sample = two_ideas.sorting_sample(activities)
    for row in sample.itertuples():
        cell = frame.cell(row.label)
        flipped = {"route": {"find": "ties", "ties": "find"}, "exchange": {"broadcast": "two-way", "two-way": "broadcast"}}
        answer = {"route": cell.route, "exchange": cell.exchange}
        answer[wrong_part] = flipped[wrong_part][answer[wrong_part]]
        wrong_label = frame.cell_of(answer["route"], answer["exchange"]).id
        feedback = two_ideas.sorting.check({int(row.id): wrong_label})
        assert f"Clue: think about its {wrong_part}." in feedback.message, feedback.message
        assert row.label not in feedback.message  # a clue, never the answer


def test_sorting_rejects_a_wrong_label_with_a_clue_and_lists_missing_ones(activities):
    sample = two_ideas.sorting_sample(activities)
    first = sample.iloc[0]
    # Both halves wrong: the clue is the question the data set says people most often get wrong.
    cell = frame.cell(first["label"])
    opposite = frame.cell_of("ties" if cell.route == "find" else "find",
                             "two-way" if cell.exchange == "broadcast" else "broadcast").id
    feedback = two_ideas.sorting.check({int(first["id"]): opposite})
    assert feedback.correct is False
    assert feedback.message.startswith("✘ 0 of 10 right")
    assert f"Clue: think about its {first['question']}." in feedback.message
    assert "Not answered yet" in feedback.message
    assert str(first["label"]) not in feedback.message  # a clue, never the answer


def test_sorting_without_an_answer_says_no_answer_yet():
    assert two_ideas.sorting.check(...).message.startswith("… No answer yet")


def test_sorting_prompt_hides_the_labels():
    shown = repr(two_ideas.sorting)
    for label in two_ideas.LABELS:
        assert label not in shown.split("\n", 1)[1]  # the prompt names the cells; the items never do


# -- the figure -----------------------------------------------------------------------------------------------


def test_figure_has_labelled_axes_and_a_title_that_states_the_finding(activities):
    fig = activities_plot.plot_activities_by_cell(activities)
    (ax,) = fig.axes
    assert ax.get_xlabel() == "Number of activities"
    assert ax.get_ylabel() == "Cell of the frame"
    title = fig.get_suptitle()
    assert title == activities_plot.activities_finding(activities)
    assert title == "15 of 55 activities are neither social media nor social networking in the sources' sense"


def test_figure_has_one_bar_per_cell_and_counts_every_activity(activities):
    fig = activities_plot.plot_activities_by_cell(activities)
    (ax,) = fig.axes
    counts = activities_plot.count_by_cell(activities)
    # counted independently: route and exchange straight from the data set
    by_hand = {}
    for route, exchange in zip(activities["route"].astype(str), activities["exchange"].astype(str)):
        by_hand[f"{route}-{exchange}"] = by_hand.get(f"{route}-{exchange}", 0) + 1
    assert counts.to_dict() == by_hand
    assert len(ax.patches) == 4
    assert [bar.get_width() for bar in ax.patches] == counts.tolist()
    assert sum(bar.get_width() for bar in ax.patches) == len(activities)
    assert [t.get_text().split("\n")[0] for t in ax.get_yticklabels()] == list(counts.index)


def test_each_cell_differs_by_more_than_colour(activities):
    fig = activities_plot.plot_activities_by_cell(activities)
    (ax,) = fig.axes
    hatches = {bar.get_hatch() for bar in ax.patches}
    colours = {bar.get_facecolor() for bar in ax.patches}
    assert len(hatches) == 4 and len(colours) == 4


def test_figure_of_part_of_the_data_still_counts_right(activities):
    named = activities[(activities["route"] == "find") & (activities["exchange"] == "broadcast")]
    fig = activities_plot.plot_activities_by_cell(named)
    (ax,) = fig.axes
    assert sum(bar.get_width() for bar in ax.patches) == len(named)
    assert activities_plot.activities_finding(named) == f"All {len(named)} activities are social media or social networking in the sources' sense"


def test_description_is_one_line_and_agrees_with_the_counts(activities):
    text = activities_plot.describe_activities_by_cell(activities)
    assert "\n" not in text and text.endswith(".")
    assert "55 activities" in text
    assert "find-broadcast (social media) 20, ties-two-way (social networking) 20" in text
    assert "ties-broadcast (mass messages to contacts) 7" in text


def test_count_by_cell_names_a_missing_column(activities):
    with pytest.raises(ValueError, match="'route'"):
        activities_plot.count_by_cell(activities.drop(columns="route"))


# -- the lessons' exercise cells ------------------------------------------------------------------------------


def code_cells(name):
    notebook = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            yield "".join(cell["source"]), cell["metadata"].get("tags", []), cell.get("outputs", [])


def plain_text(outputs) -> str:
    return "".join("".join(o.get("data", {}).get("text/plain", "")) + "".join(o.get("text", "")) for o in outputs)


@pytest.mark.parametrize("name, exercises", [("00_start_here.ipynb", 1), ("01_two_ideas.ipynb", 5)])
def test_each_exercise_shows_no_answer_yet_and_is_followed_by_a_tagged_solution(name, exercises):
    cells = list(code_cells(name))
    assert cells[0][0].startswith("%matplotlib inline")
    assert re.search(r"smlearn\.check_environment\(lesson=\"\w+\"\)$", cells[0][0].rstrip())
    assert plain_text(cells[0][2]).startswith("✔ Ready")
    found = 0
    for (source, tags, outputs), following in zip(cells, cells[1:]):
        if not source.startswith("my_answer = ...   # replace ... with your answer"):
            continue
        found += 1
        assert plain_text(outputs).startswith("… No answer yet"), source
        solution_source, solution_tags, solution_outputs = following
        assert solution_source.startswith("# Solution"), solution_source
        assert "solution" in solution_tags
        assert plain_text(solution_outputs).startswith("✔ Correct"), solution_source
        # Letters depend on the learner's own order of options: a solution types the option's text.
        assert not re.search(r"\.check\(\s*[\"'][a-z][\"']\s*\)", solution_source), solution_source
    assert found == exercises
    for source, tags, _ in cells:
        assert ("solution" in tags) == source.startswith("# Solution")


# -- evidence boxes and verdicts (issue 12) ---------------------------------------------------------------------

EVIDENCE_LESSONS = ["00_start_here.md", "01_two_ideas.md", "02_push_and_pull.md", "02b_when_push_wins.md"]


def evidence_box(name: str) -> str:
    """The text of the lesson's one 'What the evidence says' box."""
    text = (SOURCES / name).read_text(encoding="utf-8")
    boxes = re.findall(r"^:::\{admonition\} What the evidence says\n(.*?)^:::$", text, flags=re.DOTALL | re.MULTILINE)
    assert len(boxes) == 1, f"{name} should have exactly one evidence box; found {len(boxes)}"
    return boxes[0]


# The studies each box draws on: (first author, year). Each must be named in the box and listed in full
# in the lesson (authors, year, title, and the venue in italics).
CITATIONS = {
    "00_start_here.md": [("Kwak", 2010)],
    "01_two_ideas.md": [("Kwak", 2010), ("Dunbar", 2016), ("Granovetter", 1973)],
    "02_push_and_pull.md": [("Goel", 2012), ("Goel", 2016), ("Dunbar", 2016)],
    "02b_when_push_wins.md": [("Schmitt", 2011), ("Trusov", 2009), ("Goel", 2012), ("Dunbar", 2016)],
}


@pytest.mark.parametrize("name", EVIDENCE_LESSONS)
def test_evidence_box_has_its_three_parts_in_order_and_full_citations(name):
    box = evidence_box(name)
    assert box.startswith(":class: evidence\n")
    parts = [box.find(part) for part in ("*The model assumes*", "*The model derives*", "*Real studies found*")]
    assert -1 not in parts and parts == sorted(parts), parts
    lesson = " ".join((SOURCES / name).read_text(encoding="utf-8").split())   # one line, single spaces
    for author, year in CITATIONS[name]:
        assert author in box and str(year) in box, f"{name}: the box does not cite {author} {year}"
        full = re.search(rf"{author}, [A-Z]\.[^()]*\({year}\)\. [^*]+?[.?] \*[^*]+\*", lesson)
        assert full, f"{name}: {author} {year} has no full reference (authors, year, title, venue)"


def test_lesson_00_shows_kwak_as_the_worked_example():
    box = evidence_box("00_start_here.md")
    assert "Kwak" in box and "22.1 %" in box and "41.7 million" in box


@pytest.mark.parametrize("name", ["00_start_here.md", "01_two_ideas.md"])
def test_kwak_reciprocity_is_a_share_of_pairs_not_of_links(name):
    """Kwak et al. reported 22.1 % of connected pairs following each other (about 36 % of links are returned)."""
    box = " ".join(evidence_box(name).split())
    assert "22.1 % of connected pairs followed each other" in box
    assert "follow links went both ways" not in box


def test_run_cell_takes_keys_as_people_type_them():
    question = fresh(start_here.run_cell)   # a plain choice question: the lesson's own one is tried here
    for typed in ("Shift + Enter", "shift enter", " SHIFT+ENTER "):
        assert start_here.run_cell.chosen(typed) == start_here.run_cell.chosen("Shift+Enter"), typed
    assert start_here.run_cell.chosen("Enter") == start_here.run_cell.chosen("the Enter key")
    assert start_here.run_cell.chosen("Esc A") == start_here.run_cell.chosen("Esc, then A")
    assert start_here.run_cell.chosen("Shift") is None and question.check("Shift+Enter").correct


def test_sorting_items_reach_people_and_are_found_as_the_frame_asks(activities):
    """#7 posts the photo (not only measuring it); in #50 the author found your comment and answered."""
    rows = activities.set_index("id")
    assert rows.loc[7, "activity"].startswith("Posting")
    assert "answered" in rows.loc[50, "activity"] and "get noticed" not in rows.loc[50, "activity"]


def test_the_push_lessons_say_the_conversion_gaps_are_settings_and_drop_the_26_times_claim():
    lesson_02 = (SOURCES / "02_push_and_pull.md").read_text(encoding="utf-8")
    assert "no study in this list measures the model's conversion gaps" in evidence_box("02_push_and_pull.md")
    assert "## What flips the verdict" in lesson_02
    assert "26 times" not in lesson_02
    lesson_02b = (SOURCES / "02b_when_push_wins.md").read_text(encoding="utf-8")
    assert "26 times" not in lesson_02b and "## What flips the verdict" in lesson_02b
    # The referral studies are about customers referred by customers: they do not support the gap, nor refute it.
    assert "evidence does not support the gap" in " ".join(evidence_box("02b_when_push_wins.md").split())
    # Lesson 01 runs no model: it says its frame is a setting (definitions) rather than a verdict.
    lesson_01 = (SOURCES / "01_two_ideas.md").read_text(encoding="utf-8")
    assert "no verdict to flip" in lesson_01 and "**settings**" in lesson_01
