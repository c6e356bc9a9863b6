import pytest


@pytest.fixture
def demo(db):
    """The demo store, loaded through the same code as `make run`."""
    from content.demo import load_demo

    load_demo(log=lambda *args: None)


@pytest.fixture
def article(demo):
    from content.models import ArticlePage

    return ArticlePage.objects.get(slug="red-light-therapy-for-peripheral-neuropathy")
