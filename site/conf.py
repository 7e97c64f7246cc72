"""Sphinx configuration for the course site. Build it with ``python scripts/build_site.py``.

The build script stages the sources (the lessons as committed, with their outputs, the
instructor pack, the contributor guide and pages it generates from ``notebooks/course.yml``)
in ``site/_build/src`` and runs Sphinx with this folder as the configuration directory.
Nothing is executed and nothing is downloaded: the lessons render from their saved outputs.
"""

import os
import sys

# Our own extension (site/_ext): figures described, tables without empty header cells.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "_ext"))

project = "smlearn: social media vs social networking"
author = "smlearn developers"
copyright = "smlearn developers; lesson text CC BY 4.0, code MIT"

extensions = ["myst_nb", "accessible_outputs"]

# Render what the committed notebooks show; never run them here (the tests do that).
nb_execution_mode = "off"
nb_output_stderr = "show"
nb_merge_streams = True
# The lessons' live explorers are stripped when they are saved; their static PNG is what a page shows.
# A figure's output also holds its picture as text/html (an <img> with alt, for JupyterLab, which
# ignores the PNG's metadata); the site shows the PNG, which accessible_outputs describes and
# captions. text/html's priority is 30, so the PNG goes before it (only figures have both).
nb_mime_priority_overrides = [("html", "application/vnd.jupyter.widget-view+json", None),
                              ("html", "image/png", 25)]

myst_enable_extensions = ["dollarmath", "colon_fence", "deflist"]
# "$40 ... $200" in a lesson is money, not maths: a $ next to a space never delimits maths here.
myst_dmath_allow_space = False
myst_dmath_allow_digits = False
myst_heading_anchors = 3

source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
master_doc = "index"

# The launch buttons on each lesson (Binder, and a JupyterHub through nbgitpuller) point at the
# repository the site is built for; scripts/build_site.py passes them in from its options.
repository_url = os.environ.get("SMLEARN_SITE_REPO", "https://github.com/OWNER/smlearn")
repository_branch = os.environ.get("SMLEARN_SITE_BRANCH", "main")
jupyterhub_url = os.environ.get("SMLEARN_SITE_HUB", "")

html_theme = "sphinx_book_theme"
html_title = "smlearn"
html_static_path = ["_static"]
html_css_files = ["smlearn.css"]   # visible keyboard focus on the header's buttons (see the file)
html_theme_options = {
    "repository_url": repository_url,
    "repository_branch": repository_branch,
    "path_to_docs": "",  # the staged sources mirror the repository: notebooks/NN_name.ipynb
    "use_repository_button": True,
    "launch_buttons": {
        "binderhub_url": "https://mybinder.org",
        "jupyterhub_url": jupyterhub_url,
        "notebook_interface": "jupyterlab",
    },
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
}
html_last_updated_fmt = None

# Maths as MathML, written into the pages at build time (latex2mathml), which browsers show
# natively: no MathJax fetched from a CDN, so a page's formula shows offline too.
html_math_renderer = "mathml"
html_show_sourcelink = False
html_copy_source = True  # the download button offers each lesson's .ipynb


def _mathml(translator, node, display):
    from docutils import nodes
    from latex2mathml.converter import convert

    translator.body.append(convert(node.astext(), display=display))
    raise nodes.SkipNode


def setup(app):
    app.add_html_math_renderer("mathml", (lambda t, node: _mathml(t, node, "inline"), None),
                               (lambda t, node: _mathml(t, node, "block"), None))
