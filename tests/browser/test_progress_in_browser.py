"""Progress that survives a JupyterLab restart (issue 14), as a learner meets it.

A learner's copy of the course (``smlearn copy --student``) is served by JupyterLab; the
learner answers a question in lesson 06; JupyterLab is stopped and started again on the same
folder; the lesson's first cell then says where the learner left off, and the solution, which
waits for a first try, is there.
"""

from __future__ import annotations

import json
import pytest

import labdriver
from smlearn import progress
from smlearn.copies import copy_course

LESSON = "06_links.ipynb"

_RUN_FIRST_CODE_CELL = """async () => {
  const panel = window.jupyterapp.shell.currentWidget;
  const first = panel.content.widgets.findIndex(cell => cell.model.type === 'code');
  panel.content.activeCellIndex = first;
  await window.jupyterapp.commands.execute('notebook:run-cell');
  const cell = panel.content.widgets[first];
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline) {
    const outputs = cell.model.outputs.toJSON();
    const text = outputs.map(o => [].concat(o.text || (o.data && o.data['text/plain']) || []).join('')).join('');
    if (text.includes('Lesson')) { return text; }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  return 'no output';
}"""


@pytest.fixture
def learner_folder(tmp_path):
    copy_course(tmp_path / "notebooks", student=True)
    return tmp_path


def _session(folder, playwright, work):
    # Recording on, as for a learner: the test run's own SMLEARN_PROGRESS=off is not passed on.
    server = labdriver.LabServer(course=folder, env={"SMLEARN_PROGRESS": "", "SMLEARN_LEARNER": "ada"})
    server.start()
    try:
        browser = labdriver.launch_browser(playwright)
        try:
            lab = labdriver.LabPage(browser.new_page(viewport={"width": 1366, "height": 768}), server)
            lab.open(LESSON)
            return work(lab)
        finally:
            browser.close()
    finally:
        server.stop()


def test_a_jupyterlab_restart_keeps_the_answers_and_the_first_cell_says_where_you_left_off(learner_folder, browser_driver):
    before = _session(learner_folder, browser_driver, lambda lab: lab.kernel_execute(
        "from smlearn.questions import links as quiz\nfeedback = quiz.rank_step.check(lambda graph, rank, page: 0.0)",
        "feedback.correct"))
    assert before == "False"
    kept = learner_folder / "notebooks" / progress.FILE_NAME
    lines = kept.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["question"] for line in lines] == ["links.rank_step"]

    def after_restart(lab):
        first_cell = lab.page.evaluate(_RUN_FIRST_CODE_CELL)
        solution = lab.kernel_execute(
            "import io, contextlib\nfrom smlearn.questions import links as quiz\nshown = io.StringIO()\n"
            "with contextlib.redirect_stdout(shown):\n    quiz.rank_step.solution()", "shown.getvalue()")
        return first_cell, solution

    first_cell, solution = _session(learner_folder, browser_driver, after_restart)
    assert "✔ Ready" in first_cell
    assert "Lesson 06: 0 of" in first_cell and "(1 tried)" in first_cell and "rank_step" in first_cell, first_cell
    assert "Answer:" in solution and "Try it first" not in solution
    assert kept.read_text(encoding="utf-8").splitlines() == lines, "opening the lesson again rewrote nothing"
