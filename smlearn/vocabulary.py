"""The words the course's data readers and models share.

An analytics export (:mod:`smlearn.exports`) and the model that analyses it
(:mod:`smlearn.models.uncertainty`) must agree on what the kinds of post are called. The
list lives here, below both, so that reading a file never needs to import a model.

Examples
--------
>>> from smlearn.vocabulary import POST_TYPES
>>> POST_TYPES
('photo', 'video', 'link', 'status')
"""

__all__ = ["POST_TYPES"]

# The kinds of post a page publishes, as the course's analysis names them (Facebook's own four).
POST_TYPES = ("photo", "video", "link", "status")
