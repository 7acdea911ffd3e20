import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Stored files go to a fresh directory per test, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
