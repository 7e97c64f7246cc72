"""The class service's fixtures; the helpers they use are in tests/class_service.py."""

from class_service import service  # noqa: F401  (a fixture, found by name)
