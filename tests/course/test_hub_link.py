"""``smlearn hub-link`` stays as it was for the lessons (issue 16: class mode leaves it unchanged).

The links are pinned as the command printed them when it was added: a change to them would break
every link an instructor has already posted. (tests/course/test_classroom.py checks its errors.)
"""

from pathlib import Path

from smlearn.cli import main
from smlearn.course import load_course, notebooks_dir

REPO = Path(__file__).resolve().parents[2]
PULL = "https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2FOWNER%2Fsmlearn"
LINKS = {
    # the defaults: branch main, lesson 00
    ("https://hub.example.edu", "https://github.com/OWNER/smlearn"):
        PULL + "&branch=main&urlpath=lab%2Ftree%2Fsmlearn%2Fnotebooks%2F00_start_here.ipynb",
    # the instructor pack's example
    ("https://hub.example.edu", "https://github.com/OWNER/smlearn", "--lesson", "01_two_ideas.ipynb"):
        PULL + "&branch=main&urlpath=lab%2Ftree%2Fsmlearn%2Fnotebooks%2F01_two_ideas.ipynb",
    # a hub address ending in / and a repository ending in .git, on another branch
    ("https://hub.example.edu/", "https://github.com/OWNER/smlearn.git", "--branch", "spring-2027"):
        PULL + ".git&branch=spring-2027&urlpath=lab%2Ftree%2Fsmlearn%2Fnotebooks%2F00_start_here.ipynb",
}


def test_hub_link_prints_the_links_it_always_printed(capsys):
    for arguments, link in LINKS.items():
        assert main(["hub-link", *arguments]) == 0, arguments
        captured = capsys.readouterr()
        assert captured.out == link + "\n" and captured.err == ""


def test_the_lessons_those_links_open_are_the_courses():
    files = [lesson.file for lesson in load_course().lessons]
    assert files[0] == "00_start_here.ipynb" and "01_two_ideas.ipynb" in files
    assert (notebooks_dir() / "00_start_here.ipynb").is_file() and (notebooks_dir() / "01_two_ideas.ipynb").is_file()
    pack = (REPO / "docs" / "instructors" / "README.md").read_text(encoding="utf-8")
    assert "smlearn hub-link https://hub.example.edu https://github.com/OWNER/smlearn --lesson 01_two_ideas.ipynb" in pack
