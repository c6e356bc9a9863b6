"""Django's async-safety guard stays on outside the browser suite.

tests/browser/conftest.py sets DJANGO_ALLOW_ASYNC_UNSAFE only while Playwright runs (its sync API keeps
an event loop running in the main thread) and puts it back when the browser tests end. This module is
run after tests/browser (pytest-django runs tests without a database last), so in a run of both it
checks that nothing was left behind. The guard refuses before any database access.
"""

import asyncio
import os

import pytest
from django.core.exceptions import SynchronousOnlyOperation


def test_async_unsafe_is_not_allowed():
    assert "DJANGO_ALLOW_ASYNC_UNSAFE" not in os.environ


def test_an_orm_call_from_a_running_event_loop_is_refused():
    from django.contrib.auth import get_user_model

    async def count_users():
        return get_user_model().objects.count()

    with pytest.raises(SynchronousOnlyOperation):
        asyncio.run(count_users())
