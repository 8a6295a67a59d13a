# ruff: noqa: F811  (the fixtures built, cdn and host come from test_cdn and are parameters here)
"""The README's "From JavaScript": <mute-button> (dist/mute-button.js) in a real Chromium, on
Pyodide and MicroPython.

As in test_cdn.py: dist/ is built fresh and served from a second loopback origin laid out like
jsDelivr (PyScript and the runtimes beside it), the host page on the first origin is the
README's snippet with https://cdn.jsdelivr.net replaced by that origin, under the README's
policy, and the mirror's configs name the pinned runtimes. The element finds PyScript and the
config from its own URL; nothing comes from anywhere else.
"""

import re

from test_cdn import (  # noqa: F401  (fixtures)
    CDN,
    PAGES,
    RECORD_VIOLATIONS,
    ROOT,
    built,
    cdn,
    host,
    host_page,
    npm_version,
)

ELEMENT = "mute-button"
BUTTON = "mute-button button"
README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README.split("\n### From JavaScript\n", 1)[1].split("\n### ", 1)[0]
SNIPPETS = re.findall(r"^```(\w*)\n(.*?)^```", SECTION, flags=re.M | re.S)
SNIPPET = next(body for lang, body in SNIPPETS if lang == "html")
CSP = next(line for line in README.splitlines() if line.startswith("default-src "))
CORE = f"/@pyscript/core@{npm_version('@pyscript/core')}/dist/core.js"


def page_with(snippet: str, interp: str, cdn: str) -> str:
    snippet = snippet.replace(CDN, cdn).replace('interpreter="mpy"', f'interpreter="{interp}"')
    text = host_page(snippet, CSP.replace(CDN, cdn))
    return text.replace("</head>", '<script type="module" src="./cdn-spa.js"></script>\n</head>')


def open_page(page, host, cdn, name: str, snippet: str, interp: str, requests: list) -> None:
    origin, root = host
    (root / "cdn-spa.js").write_text((PAGES / "cdn-spa.js").read_text(encoding="utf-8"))
    (root / name).write_text(page_with(snippet, interp, cdn), encoding="utf-8")
    page.add_init_script(RECORD_VIOLATIONS)
    page.add_init_script(path=PAGES / "mute-events.js")
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{origin}/{name}")


def listeners(page, sdk: str) -> int:
    return page.evaluate(f"window.{sdk}.listenerCount()")


def mute_calls(page, sdk: str) -> list:
    return page.evaluate(f"window.{sdk}.calls.filter(c => c[0] === 'muteMic').map(c => c[1])")


def mounted(page, sdk: str, listening: int, selector: str = ELEMENT) -> None:
    """Wait until exactly one button is in the element and `sdk` has `listening` listeners."""
    page.wait_for_function(
        """([sel, sdk, n]) => document.querySelectorAll(sel + ' button').length === 1
             && document.querySelector(sel + ' button[data-call]') && window[sdk].listenerCount() === n""",
        arg=[selector, sdk, listening],
        timeout=60_000,
    )


# The re-renders of a single-page app: the same element moved out and back, a new element in
# its place, and both in one task (React's keyed re-order).
RERENDER = """
(kind) => {
  const el = document.querySelector("mute-button");
  const main = el.parentElement;
  if (kind === 0) { el.remove(); return new Promise((ok) => setTimeout(() => { main.append(el); ok(); })); }
  if (kind === 1) {
    const fresh = document.createElement("mute-button");
    for (const a of el.attributes) fresh.setAttribute(a.name, a.value);
    el.replaceWith(fresh);
    return;
  }
  el.remove(); main.append(el);
}
"""


def test_rerendered_like_a_single_page_app(page, interp, cdn, host):
    requests = []
    open_page(page, host, cdn, f"element-spa-{interp}.html", SNIPPET, interp, requests)
    page.wait_for_selector(f"{BUTTON}[data-call]", state="attached", timeout=60_000)
    one = listeners(page, "mySoftphone")
    assert one > 0 and listeners(page, "otherSoftphone") == 0

    for i in range(20):
        page.evaluate(RERENDER, i % 3)
        if i == 9:  # the app hands the element another softphone
            page.eval_on_selector(ELEMENT, "el => el.setAttribute('sdk', 'otherSoftphone')")
            mounted(page, "otherSoftphone", one)
            assert listeners(page, "mySoftphone") == 0
            page.evaluate("otherSoftphone.ring()")
            page.wait_for_selector(f'{BUTTON}[data-call="ringing"]', state="attached", timeout=10_000)
            page.evaluate("otherSoftphone.hangUp()")
            page.eval_on_selector(ELEMENT, "el => el.setAttribute('sdk', 'mySoftphone')")
        mounted(page, "mySoftphone", one)

    # One widget's worth of listeners, one button, one PyScript, one interpreter.
    assert listeners(page, "mySoftphone") == one and listeners(page, "otherSoftphone") == 0
    assert page.locator(BUTTON).count() == 1 and page.get_by_role("button", name="Mute").count() == 1
    assert page.locator("script[data-mute-button]").count() == 1
    core = [
        u for u in requests if u.endswith(f"/@pyscript/core@{npm_version('@pyscript/core')}/dist/core.js")
    ]
    assert len(core) == 1, core

    # The button follows the softphone, and one shortcut press sends one request.
    page.evaluate("mySoftphone.ring(); mySoftphone.answer()")
    page.wait_for_selector(f'{BUTTON}[data-call="connected"]:not([disabled])', timeout=10_000)
    page.keyboard.press("Control+Shift+M")
    page.wait_for_selector(f'{BUTTON}[data-status="pending"][aria-busy="true"]', state="attached")
    page.wait_for_selector(f'{BUTTON}[aria-pressed="true"][data-confirmed="true"]', timeout=10_000)
    assert mute_calls(page, "mySoftphone") == [True] and mute_calls(page, "otherSoftphone") == []
    page.evaluate("mySoftphone.toggleOwnMute()")  # the softphone's own control
    page.wait_for_selector(f'{BUTTON}[aria-pressed="false"][data-mic="unmuted"]', timeout=10_000)
    assert mute_calls(page, "mySoftphone") == [True]
    assert page.evaluate("cspViolations") == [] and page.evaluate("muteErrors") == []
    assert all(u.startswith((cdn, host[0], "blob:", "data:")) for u in requests), requests


TWO = """\
<mute-button id="first" sdk="mySoftphone" interpreter="mpy"></mute-button>
<mute-button id="second" sdk="otherSoftphone" interpreter="mpy"></mute-button>
"""


def test_elements_share_one_interpreter(page, interp, cdn, host):
    requests = []
    snippet = SNIPPET.split("<mute-button", 1)[0] + TWO
    open_page(page, host, cdn, f"element-two-{interp}.html", snippet, interp, requests)
    page.wait_for_selector("#first button[data-call]", state="attached", timeout=60_000)
    page.wait_for_selector("#second button[data-call]", state="attached", timeout=60_000)
    assert page.locator("script[data-mute-button]").count() == 1
    entry = [u for u in requests if u.endswith("/dist/mute-button.py")]
    assert len(entry) == 1, entry
    page.evaluate("otherSoftphone.ring()")
    page.wait_for_selector('#second button[data-call="ringing"]', state="attached", timeout=10_000)
    assert page.get_attribute("#first button", "data-call") == "none"
    # Removing one element ends its widget only.
    page.eval_on_selector("#second", "el => el.remove()")
    assert listeners(page, "otherSoftphone") == 0 and listeners(page, "mySoftphone") > 0


ERRORS = """\
<mute-button id="unknown" sdk="mySoftphone" adapter="NoSuchAdapter" interpreter="mpy"></mute-button>
<mute-button id="missing" sdk="missingSoftphone" wait-for-sdk="0.5" interpreter="mpy"></mute-button>
<mute-button id="nosdk" interpreter="mpy"></mute-button>
"""


def reason(page, selector: str) -> str:
    return page.eval_on_selector(
        f"{selector} button", "b => document.getElementById(b.getAttribute('aria-describedby')).textContent"
    )


def test_setup_problems_show_on_the_button(page, interp, cdn, host):
    requests = []
    snippet = SNIPPET.split("<mute-button", 1)[0] + ERRORS
    open_page(page, host, cdn, f"element-errors-{interp}.html", snippet, interp, requests)
    # A missing SDK is waited for (wait-for-sdk seconds), then it is the widget's own no-sdk.
    for selector, code in (("#unknown", "unavailable"), ("#missing", "no-sdk"), ("#nosdk", "unavailable")):
        page.wait_for_selector(f'{selector} button[data-error="{code}"]', state="attached", timeout=60_000)
        attrs = page.eval_on_selector(
            f"{selector} button", "b => [b.disabled, b.getAttribute('data-status')]"
        )
        assert attrs == [True, "error"], (selector, attrs)
    assert "NoSuchAdapter" in reason(page, "#unknown") and "EmbeddableClient" in reason(page, "#unknown")
    assert "missingSoftphone" in reason(page, "#missing")
    assert 'sdk="..."' in reason(page, "#nosdk")
    page.wait_for_function("muteErrors.length === 3")
    assert sorted((e["sdk"] or "", e["code"]) for e in page.evaluate("muteErrors")) == [
        ("", "unavailable"),
        ("missingSoftphone", "no-sdk"),
        ("mySoftphone", "unavailable"),
    ]
    assert listeners(page, "mySoftphone") == 0
    # Mended in place: the right adapter name mounts a working widget.
    page.eval_on_selector("#unknown", "el => el.setAttribute('adapter', 'EmbeddableClient')")
    page.wait_for_selector('#unknown button[data-call="none"]:not([data-error])', state="attached")
    assert page.locator("#unknown button").count() == 1
    assert listeners(page, "mySoftphone") > 0
