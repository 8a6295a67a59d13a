"""Fixtures for the real-browser tests: a loopback server, Chromium, and a page that
fails its test on any request off loopback, any page error, any console error and any
PyScript error banner. A screenshot is kept in test-results/ when a test fails."""

import contextlib
import re
from urllib.parse import urlencode

import pytest
from browsers import PageWatch, off_loopback
from chromium_path import chromium_path
from serve import ROOT, make_server, start
from servers.kamailio import Kamailio

RESULTS = ROOT / "test-results"
INTERPRETERS = ["py", "mpy"]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, "rep_" + report.when, report)


def pytest_collection_modifyitems(items):
    for item in items:
        if "browser" in item.path.parts:
            item.add_marker(pytest.mark.browser)


@contextlib.contextmanager
def serving_site():
    """The repository (with tests/pages overlaid at the root) on a new loopback port."""
    server = make_server(0, overlay=ROOT / "tests" / "pages")
    start(server)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site():
    """Base URL of the site the test pages load from."""
    with serving_site() as url:
        yield url


@pytest.fixture(scope="session")
def softphone_site():
    """The same files on a second loopback origin (another port), for a softphone's
    cross-origin frame; http://localhost:<port> of either server is a third origin."""
    with serving_site() as url:
        yield url


@pytest.fixture(scope="session")
def kamailio_server():
    """Kamailio (tests/servers/kamailio.py) on a free loopback port, for this worker."""
    with Kamailio() as server:
        yield server


@pytest.fixture
def kamailio(kamailio_server):
    """The worker's Kamailio, running when the test starts (a test may stop and start it)."""
    if not kamailio_server.running:
        kamailio_server.start()
    return kamailio_server


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    args = dict(browser_type_launch_args)
    path = chromium_path()
    if path:
        args["executable_path"] = path
    args["args"] = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-quic",
        "--no-first-run",
        "--disable-sync",
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
    ]
    return args


@pytest.fixture(scope="session")
def shared_context(browser):
    """One context for the session so the pinned runtimes come from the HTTP cache."""
    context = browser.new_context()
    yield context
    context.close()


@pytest.fixture
def watch() -> PageWatch:
    return PageWatch()


@pytest.fixture
def page(shared_context, watch, request):
    page = shared_context.new_page()

    def route(route):
        if not off_loopback(route.request.url):
            route.continue_()
        else:
            watch.off_loopback.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda exc: watch.errors.append(f"page error: {exc}"))

    def on_console(msg):
        if msg.type == "error":
            watch.errors.append(f"console error: {msg.text}")
        elif msg.type == "warning":
            watch.warnings.append(msg.text)

    page.on("console", on_console)
    yield page
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    try:
        banner = page.locator(".py-error").all_text_contents()
    except Exception:  # the page may be gone already
        banner = []
    if failed or banner or watch.problems():
        RESULTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
        with contextlib.suppress(Exception):
            page.screenshot(path=str(RESULTS / f"{name}.png"), full_page=True)
    page.close()
    assert not banner, f"PyScript error banner: {banner}"
    assert not watch.problems(), "\n".join(watch.problems())


@pytest.fixture(params=INTERPRETERS)
def interp(request) -> str:
    """Each browser test that takes this runs on Pyodide ("py") and MicroPython ("mpy")."""
    return request.param


@pytest.fixture
def open_widget(page, site, interp):
    """Open tests/pages/widget.html with the widget mounted as the options say."""

    def open_(wait: bool = True, **options):
        query = urlencode({"interp": interp, **{k: v for k, v in options.items() if v is not None}})
        page.goto(f"{site}/widget.html?{query}")
        if wait:
            page.wait_for_selector("html[data-widget-ready]", state="attached", timeout=60_000)
        return page

    return open_
