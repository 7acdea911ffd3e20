import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def chinese():
    """Reasons are checked in Chinese, the interface default, whatever an earlier request
    left active in this thread."""
    with translation.override("zh-hans"):
        yield
