"""What a team integrating the widget hits in its first hour, in host pages of its own.

The host pages are served from an origin that holds nothing of ours but the page, its
softphone (tests/pages/host-page.js) and its Python (tests/pages/host_mount.py); dist/ is
served from a second origin laid out like the CDN (test_cdn.py's fixtures), on Pyodide and
MicroPython: an SDK that appears after an async step, or never; a single-page app that
re-renders the button away; an SDK that cannot be asked for the microphone; the host's own
button, checked with axe in every state; several buttons on one page, one per interpreter.
"""

import json
import re

import pytest
from playwright.sync_api import expect
from serve import ROOT
from test_accessibility import axe_violations
from test_cdn import CDN, CONFIG, README, built, cdn, host  # noqa: F401 (fixtures)

READY = "html[data-host-ready]"
#: The host button's attributes as (name, value) pairs, in order.
HOST_ATTRIBUTES = (
    "JSON.stringify([...document.querySelector('#mute').attributes].map(a => [a.name, a.value]))"
)


def host_page(cdn_origin: str, interp: str, body: str, *, both: bool = False, ready: str = READY) -> str:
    """A page in the README's CDN shape: the stylesheet, PyScript, the host's own script,
    and one Python script (or one per interpreter) from the host's origin."""
    base = README[interp].replace(CDN, cdn_origin)
    link = re.search(r"<link[^>]*>", base).group(0)
    core = re.search(r'<script type="module" src="[^"]*core.js"></script>', base).group(0)
    config = cdn_origin + re.search(r'config="https://cdn\.jsdelivr\.net([^"]*)"', README[interp]).group(1)
    kinds = ("py", "mpy") if both else (interp,)
    configs = {k: config.replace(CONFIG[interp], CONFIG[k]) for k in kinds}
    scripts = "".join(
        f'<script type="{k}" src="./host_mount.py" config="{c}"></script>\n' for k, c in configs.items()
    )
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Host page</title>\n'
        f'{link}\n<script type="module" src="./host-page.js"></script>\n{core}\n</head>\n'
        f"<body>\n<main>\n<h1>Host page</h1>\n{body}\n</main>\n{scripts}</body>\n</html>\n"
    )


@pytest.fixture
def open_host(page, host, cdn):  # noqa: F811 (fixtures imported from test_cdn)
    origin, root = host
    for name in ("host-page.js", "host_mount.py"):
        (root / name).write_text((ROOT / "tests" / "pages" / name).read_text(encoding="utf-8"))
    pages = []

    def go(interp: str, query: str = "", body: str = '<div id="app"><span id="mute"></span></div>', **kw):
        pages.append(None)
        name = f"host-{interp}-{len(pages)}.html"
        (root / name).write_text(host_page(cdn, interp, body, **kw), encoding="utf-8")
        page.goto(f"{origin}/{name}?{query}")
        page.wait_for_selector(kw.get("ready", READY), state="attached", timeout=60_000)
        return page

    return go


def attrs(page, selector: str = "#mute button") -> dict:
    return page.eval_on_selector(
        selector,
        """b => Object.fromEntries(['disabled', 'aria-pressed', 'data-call', 'data-mic', 'data-status',
              'data-confirmed', 'data-error', 'title'].map(n => [n, b.getAttribute(n)]))""",
    )


def softphone(page, script: str):
    return page.evaluate(f"() => {{ const softphone = window.mySoftphone; {script} }}")


def test_a_late_sdk_is_waited_for_and_one_that_never_comes_says_so(open_host, interp):
    page = open_host(interp, "late=1")
    button = page.locator("#mute button")
    expect(button).to_be_disabled()
    expect(button).to_have_accessible_name("Mute (waiting for the softphone)")
    assert "window.mySoftphone" in attrs(page)["title"]
    page.evaluate("bringSoftphone()")
    expect(button).to_have_attribute("data-call", "none")  # attached
    softphone(page, "softphone.ring(); softphone.answer()")
    expect(button).to_be_enabled()
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")

    page = open_host(interp, "late=never&wait=1")
    button = page.locator("#mute button")
    expect(button).to_have_attribute("data-error", "no-sdk", timeout=10_000)
    reason = page.locator(".mute-button__reason")
    expect(reason).to_contain_text("window.mySoftphone did not appear within 1 s")
    events = page.evaluate("widgetEvents")
    assert [e["code"] for e in events] == ["no-sdk"] and button.is_disabled()
    assert page.locator(".py-error").count() == 0


def test_a_single_page_app_that_re_renders_leaves_one_widget(open_host, interp):
    page = open_host(interp, "shortcut=ctrl%2Bshift%2Bm")
    page.wait_for_selector("#mute button", state="attached")
    warnings = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    for _ in range(20):  # the host re-renders, then its component mounts again
        page.evaluate("rerender(); mountMute()")
    page.wait_for_function("mySoftphone.listenerCount() === 2", timeout=10_000)
    assert page.locator("#mute button").count() == 1
    assert page.evaluate("document.documentElement.dataset.mountError") is None
    softphone(page, "softphone.ring(); softphone.answer()")
    expect(page.locator("#mute button")).to_be_enabled()
    page.keyboard.press("Control+Shift+M")
    expect(page.locator("#mute button")).to_have_attribute("aria-pressed", "true")
    assert softphone(page, "return softphone.calls.filter(c => c[0] === 'muteMic').length") == 1
    assert any("left the document" in w for w in warnings)


def test_an_sdk_that_cannot_be_asked_is_reached_both_ways_in_two_presses(open_host, interp):
    """Reloaded in the middle of a muted call; the SDK has no isMicMuted() and says nothing
    when asked for the state it already has."""
    page = open_host(interp, "silent=1&muted=1")
    button = page.locator("#mute button")
    expect(button).to_have_accessible_name("Mute (microphone state unknown)")
    a = attrs(page)
    assert a["data-mic"] == "unknown" and a["aria-pressed"] == "false" and a["disabled"] is None
    unknown_border = button.evaluate("b => getComputedStyle(b).borderStyle")
    button.click()  # asks to mute: already muted, nothing is said
    expect(button).to_have_attribute("data-error", "timeout", timeout=10_000)
    button.click()  # so this one asks to unmute
    expect(button).to_have_attribute("data-mic", "unmuted")
    assert softphone(page, "return softphone.calls.filter(c => c[0] === 'muteMic').map(c => c[1])") == [
        True,
        False,
    ]
    assert unknown_border == "dotted" and button.evaluate("b => getComputedStyle(b).borderStyle") == "solid"


HOST_BUTTONS = {
    "text": '<button id="mute" type="button" class="btn">Mic</button>',
    "aria-label": '<button id="mute" type="button" aria-label="Mute Ana" title="Ana\'s line">'
    '<span aria-hidden="true">🎤</span></button>',
}


@pytest.mark.parametrize("kind", HOST_BUTTONS)
def test_the_hosts_own_button_keeps_its_name_and_passes_axe_in_every_state(open_host, interp, kind):
    page = open_host(interp, "target=%23mute", body=HOST_BUTTONS[kind])
    button = page.locator("#mute")
    before = page.evaluate(  # the button as the host wrote it
        """html => { const t = document.createElement('template'); t.innerHTML = html;
                     return [...t.content.firstElementChild.attributes].map(a => [a.name, a.value]); }""",
        HOST_BUTTONS[kind],
    )
    own = dict(before)
    name = "Mute Ana" if kind == "aria-label" else re.compile(r"^Mic")
    found = {}

    def check(state: str) -> None:
        expect(button).to_have_accessible_name(name)
        found[state] = axe_violations(page)

    check("unavailable")
    softphone(page, "softphone.ring(); softphone.answer()")
    expect(button).to_be_enabled()
    check("ready")
    softphone(page, "softphone.nextMute = 'held'")
    button.click()
    expect(button).to_have_attribute("aria-busy", "true")
    check("pending")
    softphone(page, "softphone.release()")
    expect(button).to_have_attribute("aria-pressed", "true")
    check("muted")
    softphone(page, "softphone.nextMute = 'reject'")
    button.click()
    expect(button).to_have_attribute("data-error", "rejected")
    check("error")
    assert all(found[state] == [] for state in found), found
    assert button.get_attribute("class") == own.get("class"), "the widget's look only where the host asks"
    if "title" in own:
        assert button.get_attribute("title") == own["title"], "the host's own tooltip is kept"
    inner = HOST_BUTTONS[kind].split(">", 1)[1].rsplit("</button>", 1)[0]
    page.evaluate("destroyMute()")
    assert json.loads(page.evaluate(HOST_ATTRIBUTES)) == before, "destroy() gives the button back as it was"
    assert page.eval_on_selector("#mute", "b => b.innerHTML") == inner


ROWS = "".join(f'<p><span id="mute-{k}"></span> <span id="short-{k}"></span></p>' for k in ("py", "mpy"))


def test_two_interpreters_on_one_page_one_shortcut_and_ids_of_their_own(open_host):
    """A supervisor's dashboard: one row per agent, one on each interpreter (one page holds
    both, so this test runs once)."""
    ready = "html[data-host-ready-py][data-host-ready-mpy]"
    page = open_host("mpy", "rows=1&shortcut=ctrl%2Bshift%2Bm", body=ROWS, both=True, ready=ready)
    names = [page.locator(f"#mute-{k} button").get_attribute("aria-describedby") for k in ("py", "mpy")]
    assert len(set(names)) == 2, names
    for kind in ("py", "mpy"):
        reason = page.eval_on_selector(f"#mute-{kind} button", "b => b.nextElementSibling.id")
        assert page.locator(f"#mute-{kind} button").get_attribute("aria-describedby").endswith(reason)
    expect(page.locator("#mute-py button")).to_have_accessible_name(re.compile("^Mute Ana"))
    expect(page.locator("#mute-mpy button")).to_have_accessible_name(re.compile("^Mute Ben"))
    errors = [
        page.evaluate(f"document.documentElement.getAttribute('data-mount-error-{k}')") for k in ("py", "mpy")
    ]
    refused = [e for e in errors if e]
    assert len(refused) == 1 and "already used by another mute button on this page" in refused[0], errors
    assert page.locator("#short-py button, #short-mpy button").count() == 1, "the refused one left nothing"
