"""The engine tests need no Django: `pytest tests/claims -p no:django` works with DJANGO_SETTINGS_MODULE unset.

The suite-wide autouse fixture `fresh_cache` (tests/conftest.py) clears Django's cache, which needs
configured settings. Here it is overridden: it does the same clearing when Django is set up (the normal
`make test` run), and nothing otherwise.
"""

import os

import pytest


def _django_configured() -> bool:
    if os.environ.get("DJANGO_SETTINGS_MODULE"):
        return True
    try:
        from django.conf import settings
    except ImportError:
        return False
    return settings.configured


@pytest.fixture(autouse=True)
def fresh_cache():
    if _django_configured():
        from django.core.cache import cache

        from claims import ruleset

        cache.clear()
        ruleset._compiled.clear()
        ruleset._local[:] = [None, 0.0]
    yield


FIGURES: list[str] = []  # lines the labelled-set tests report, printed at the end of the run


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section("claim finder on held-out text (tests/claims/SCORES.md has the first scores)")
        for line in FIGURES:
            terminalreporter.write_line(line)
