"""A page checks dozens of stored texts against the rules version: a process reads it from the shared
cache at most every CLAIMS_VERSION_LOCAL_SECONDS, and forgets it at once when this process changes a rule."""

from unittest import mock

from django.core.cache import cache

from claims import ruleset


def test_the_version_is_read_from_the_shared_cache_once_per_interval(db, settings):
    settings.CLAIMS_VERSION_LOCAL_SECONDS = 2
    ruleset._local[:] = [None, 0.0]
    with mock.patch.object(ruleset.cache, "get", wraps=cache.get) as reads:
        versions = {ruleset.rules_version() for _ in range(30)}
    assert len(versions) == 1
    assert reads.call_count == 1


def test_a_change_in_this_process_is_seen_at_once_and_elsewhere_after_the_interval(db, settings):
    settings.CLAIMS_VERSION_LOCAL_SECONDS = 2
    ruleset._local[:] = [None, 0.0]
    first = ruleset.rules_version()
    cache.set(ruleset.VERSION_KEY, "another-process-moved-on")
    assert ruleset.rules_version() == first  # trusted for up to two seconds
    ruleset._local[1] -= 2.5  # two and a half seconds later
    assert ruleset.rules_version() == "another-process-moved-on"
    ruleset.rules_changed()  # a rule saved here
    assert ruleset.rules_version() == first  # recomputed from the database at once
