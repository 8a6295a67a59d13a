"""Shared steps of the vendor SDK browser tests (tests/pages/vendor-sdk.html)."""

from urllib.parse import urlencode

from playwright.sync_api import TimeoutError as PlaywrightTimeout

BUTTON = "#mount button"
ATTRIBUTES = [
    "disabled",
    "aria-pressed",
    "aria-busy",
    "data-call",
    "data-mic",
    "data-status",
    "data-confirmed",
    "data-error",
]


def open_sdk(page, site: str, interp: str, sdk: str, **options):
    """Open the test page on the fake of ``sdk`` and wait until the widget is mounted."""
    query = urlencode({"interp": interp, "sdk": sdk, **options})
    page.goto(f"{site}/vendor-sdk.html?{query}")
    page.wait_for_selector("html[data-widget-ready]", state="attached", timeout=60_000)
    return page


def attrs(page) -> dict:
    """The button's contract attributes as the DOM has them."""
    return page.eval_on_selector(
        BUTTON, f"b => Object.fromEntries({ATTRIBUTES!r}.map(n => [n, b.getAttribute(n)]))"
    )


def wait_attr(page, name: str, value: str, timeout: int = 5000) -> None:
    """Until the button has name="value"; when it does not in time, the failure says what
    the button showed instead and the widget's last events, so an intermittent one can be
    read from the log."""
    try:
        page.wait_for_selector(f'{BUTTON}[{name}="{value}"]', state="attached", timeout=timeout)
    except PlaywrightTimeout:
        events = page.evaluate("(window.widgetEvents ?? []).slice(-8)")
        raise AssertionError(
            f"no {name}={value!r} in {timeout} ms: the button shows {attrs(page)}; last events {events}"
        ) from None


def sim(page, script: str):
    """Act as the SDK, the network or the other party: run script with `sim` in scope."""
    return page.evaluate(f"() => {{ {script} }}")


def mute_calls(page, names=("mute", "unmute")) -> list:
    """The mute requests the fake SDK received, in order."""
    return page.evaluate(f"sim.calls.filter(c => {list(names)!r}.includes(c[0]))")


def click_and_see_pending(page) -> None:
    """A click asks; the button shows pending (busy, disabled) and not the result."""
    before = attrs(page)["aria-pressed"]
    page.click(BUTTON)
    a = attrs(page)
    assert a["data-status"] == "pending" and a["aria-busy"] == "true" and a["disabled"] == "", a
    assert a["aria-pressed"] == before, "the click alone must not change what is shown"
