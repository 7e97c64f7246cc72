"""Links that open the course on a JupyterHub through nbgitpuller.

nbgitpuller (installed on the hub) clones the course repository into each learner's
home the first time they click the link, and on later clicks merges in the course's
changes without overwriting the learner's own edits.

Examples
--------
>>> print(nbgitpuller_link("https://hub.example.edu", "https://github.com/OWNER/smlearn"))
https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2FOWNER%2Fsmlearn&branch=main&urlpath=lab%2Ftree%2Fsmlearn%2Fnotebooks%2F00_start_here.ipynb
"""

from __future__ import annotations

from urllib.parse import urlencode, urlparse

from smlearn.params import check_text

__all__ = ["nbgitpuller_link"]


def nbgitpuller_link(hub: str, repo: str, *, branch: str = "main", lesson: str = "00_start_here.ipynb") -> str:
    """Return the link that pulls ``repo`` into a learner's hub account and opens ``lesson``.

    Raises
    ------
    ValueError
        If ``hub`` or ``repo`` is not an http(s) address, or ``branch`` / ``lesson`` is empty.
    """
    check_text("hub", hub)
    check_text("repo", repo)
    check_text("branch", branch)
    check_text("lesson", lesson)
    for name, address in (("hub", hub), ("repo", repo)):
        parsed = urlparse(address)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise ValueError(f"{name} must be an http(s) address like https://example.org/...; got {address!r}")
    if not branch or not lesson:
        raise ValueError("branch and lesson must not be empty")
    folder = urlparse(repo).path.rstrip("/").split("/")[-1].removesuffix(".git")
    query = urlencode({"repo": repo, "branch": branch, "urlpath": f"lab/tree/{folder}/notebooks/{lesson}"})
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"
