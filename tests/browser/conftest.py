"""Fixtures for the browser tests: one headless Chromium per run, a fresh page per test.

Run them with `pytest -m browser tests/browser` (the default run leaves them out). Every page
a test visits is saved as a full-page screenshot under screenshots/ at the repository root;
with CHENGNUO_DOC_SCREENSHOTS=1 the ones the user guides show are copied to docs/images/.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.utils import translation

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse the
# ORM calls the tests make between page actions.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import sync_playwright  # noqa: E402

from chengnuo.tests.factories import PASSWORD  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"
DOC_IMAGES = ROOT / "docs" / "images"

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def zh(msgid: str) -> str:
    """The Chinese text the interface shows for an English msgid."""
    with translation.override("zh-hans"):
        return translation.gettext(msgid)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _new_page(browser, viewport, **options):
    context = browser.new_context(viewport=viewport, locale="zh-CN",
                                  timezone_id="Asia/Shanghai", **options)
    context.set_default_timeout(10_000)
    return context, context.new_page()


@pytest.fixture
def page(browser, transactional_db):
    context, page = _new_page(browser, DESKTOP)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, transactional_db):
    context, page = _new_page(browser, PHONE, is_mobile=True, has_touch=True,
                              device_scale_factor=2)
    yield page
    context.close()


@pytest.fixture
def open_page(browser, transactional_db):
    """open_page(): another person at another computer, in a browser context of their own;
    every context is closed after the test."""
    contexts = []

    def make():
        context, page = _new_page(browser, DESKTOP)
        contexts.append(context)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def shoot(request):
    """shoot(page, name, doc=None): save a full-page screenshot named after the test's step;
    doc names the copy that the user guides show (made only with CHENGNUO_DOC_SCREENSHOTS=1)."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(page, name: str, doc: str | None = None) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        if doc and os.environ.get("CHENGNUO_DOC_SCREENSHOTS") == "1":
            DOC_IMAGES.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, DOC_IMAGES / f"{doc}.png")
        return path

    return take


@pytest.fixture
def cycle(county, county_admin, branch):
    """This year's cycle at the county, opened by its admin: solicitation opened a month
    ago, so the first quarter is running today."""
    from chengnuo.cycles.services import cycle_open
    from chengnuo.tests.factories import cycle_dates

    dates = cycle_dates()
    return cycle_open(actor=county_admin, organization=county,
                      year=dates["commitment_deadline"].year, **dates)


@pytest.fixture
def photo(tmp_path):
    """A real JPEG photo, with a GPS position in its metadata as a phone camera writes."""
    from chengnuo.evidence.tests.files import image_bytes

    path = tmp_path / "走访照片.jpg"
    path.write_bytes(image_bytes(size=(640, 480), gps=True, color="steelblue"))
    return path


def tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching selector has the focus, as a keyboard user."""
    target = page.locator(selector)
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached {selector}")


def answer_the_check(form) -> None:
    """Read the sum the form asks and type its result, as a person would."""
    label = form.locator("label[for=id_answer]").inner_text()
    numbers = [int(n) for n in re.findall(r"\d+", label)]
    assert len(numbers) == 2, label
    form.locator("#id_answer").fill(str(sum(numbers)))


def comment_by_keyboard(page, member_id: int, arrows: int, words: str) -> None:
    """From the field before a member's comment in the quarterly review, keyboard only: a
    rating (Space on the first, 好, then arrows onwards) and the words, typed after the
    facts the form prepared."""
    page.keyboard.press("Tab")  # onto the first rating: 好
    assert page.evaluate("document.activeElement.name") == f"rating_{member_id}"
    page.keyboard.press("Space")
    for _ in range(arrows):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Tab")  # past the rest of the group, into the words
    assert page.evaluate("document.activeElement.id") == f"id_words_{member_id}"
    page.keyboard.press("End")
    page.keyboard.type(words)


@pytest.fixture
def log_in(live_server):
    """log_in(page, username): fill in the login form as a person would and submit it."""

    def submit(page, username: str, password: str = PASSWORD, *, shoot=None, name=None,
               doc=None):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label(zh("Username")).fill(username)
        page.get_by_label(zh("Password")).fill(password)
        if shoot is not None:
            shoot(page, name or "login-form", doc)
        page.get_by_role("button", name=zh("Log in")).click()
        page.wait_for_load_state()

    return submit


def pytest_configure(config):
    # The embedded setup serves static files from the finders; STATIC_ROOT need not exist.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")
