"""The demo page (index.html), driven like a user: clicks and keys in, the DOM out.

Each scenario runs on Pyodide and on MicroPython (the ``interp`` fixture). A page
load costs seconds on Pyodide, so each test walks through several steps of a call.
The page carries its own Content-Security-Policy (no 'unsafe-inline'), and the
``page`` fixture fails a test on any console error, so these also prove that the demo
runs without inline scripts and without anything from off the page's origin.
"""

import re
from html.parser import HTMLParser

from playwright.sync_api import Page, expect
from serve import ROOT

READY = "html[data-widget-ready]"
RUNTIME = {"py": "Pyodide", "mpy": "MicroPython"}


def open_demo(page: Page, site: str, interp: str) -> Page:
    """Open the demo on one interpreter and wait until the widget is mounted."""
    page.goto(f"{site}/index.html?interp={interp}")
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    return page


def mute_button(page: Page):
    return page.locator("#mute button.mute-button")


def phone_key(page: Page, name: str):
    return page.get_by_role("button", name=name, exact=True)


def answer_call(page: Page) -> None:
    phone_key(page, "Incoming call").click()
    phone_key(page, "Answer").click()
    expect(mute_button(page)).to_be_enabled()


def log_rows(page: Page, tag: str):
    return page.locator("#log li").filter(has=page.locator(f".tag--{tag}"))


def test_a_call_from_ringing_to_hang_up(page: Page, site: str, interp: str) -> None:
    open_demo(page, site, interp)
    mute = mute_button(page)

    # Before a call: the page says which runtime runs the widget, and Mute is unavailable.
    expect(page.locator("#runtime")).to_contain_text(RUNTIME[interp])
    expect(page.get_by_role("link", name=RUNTIME[interp])).to_have_attribute("aria-current", "page")
    expect(page.locator("#mute-loading")).to_be_hidden()
    expect(mute).to_be_disabled()
    expect(mute).to_have_attribute("data-call", "none")
    expect(mute).to_have_attribute("data-status", "unavailable")
    expect(mute).to_have_attribute("title", re.compile("connected call"))
    expect(mute).to_have_accessible_name(re.compile("Mute"))

    # Ringing: still disabled.
    phone_key(page, "Incoming call").click()
    expect(page.locator("#phone-state")).to_have_text("Incoming call")
    expect(mute).to_have_attribute("data-call", "ringing")
    expect(mute).to_be_disabled()

    # Answered: enabled, not pressed.
    phone_key(page, "Answer").click()
    expect(mute).to_be_enabled()
    expect(mute).to_have_attribute("data-call", "connected")
    expect(mute).to_have_attribute("data-status", "ready")
    expect(mute).to_have_attribute("aria-pressed", "false")
    expect(page.locator("#agent-status")).to_have_text("On call")

    # A slow softphone: the button waits, then shows muted once the softphone confirms.
    page.get_by_role("radio", name="Confirmed after 2 s").check()
    mute.click()
    expect(mute).to_have_attribute("aria-busy", "true")
    expect(mute).to_have_attribute("data-status", "pending")
    expect(mute).to_be_disabled()
    expect(mute).to_have_attribute("aria-pressed", "false")
    expect(page.locator("#mute-state")).to_contain_text("Waiting")
    expect(mute).to_have_attribute("aria-pressed", "true", timeout=5_000)
    expect(mute).to_have_attribute("data-mic", "muted")
    expect(mute).not_to_have_attribute("aria-busy", "true")
    expect(mute).to_be_enabled()
    expect(page.locator("#phone-mic")).to_have_text("muted")
    expect(page.locator("#mute-state")).to_contain_text("Muted")
    # The failure switch applies to one request only.
    expect(page.get_by_role("radio", name="Normal (confirmed at once)")).to_be_checked()

    # The softphone's own mute control: the widget follows.
    phone_key(page, "Mute from the softphone's own UI").click()
    expect(page.locator("#phone-mic")).to_have_text("on")
    expect(mute).to_have_attribute("aria-pressed", "false")
    expect(mute).to_have_attribute("data-mic", "unmuted")

    # Hold and resume.
    phone_key(page, "Hold").click()
    expect(mute).to_have_attribute("data-call", "held")
    expect(mute).to_be_disabled()
    phone_key(page, "Resume").click()
    expect(mute).to_have_attribute("data-call", "connected")
    expect(mute).to_be_enabled()

    # Hang up.
    phone_key(page, "Hang up").click()
    expect(mute).to_have_attribute("data-call", "ended")
    expect(mute).to_be_disabled()
    expect(page.locator("#phone-state")).to_have_text("Call ended")

    # The event log shows the softphone's events, the muteMic calls and the button's changes.
    expect(log_rows(page, "sdk").filter(has_text='stateChange "connected"')).to_have_count(2)
    expect(log_rows(page, "sdk").filter(has_text='micStateChange {"muted":true}')).to_have_count(1)
    expect(log_rows(page, "call").filter(has_text="muteMic(true)")).to_have_count(1)
    expect(log_rows(page, "widget").filter(has_text="data-status ready → pending")).to_have_count(1)
    expect(log_rows(page, "widget").filter(has_text="data-call connected → ended")).to_have_count(1)
    expect(log_rows(page, "widget").filter(has_text="mute:change muted=true confirmed=true")).to_have_count(1)
    # Newest first.
    expect(page.locator("#log li").first).to_contain_text("ended")


def test_a_rejected_request_and_the_keyboard_shortcut(page: Page, site: str, interp: str) -> None:
    open_demo(page, site, interp)
    mute = mute_button(page)
    alert = page.get_by_role("alert")
    answer_call(page)
    expect(alert).to_have_text("")

    # The softphone refuses: the button stays unmuted and says why, in the softphone's words.
    page.get_by_role("radio", name=re.compile("Rejected")).check()
    mute.click()
    expect(mute).to_have_attribute("data-error", "rejected")
    expect(mute).to_have_attribute("data-status", "error")
    expect(mute).to_have_attribute("aria-pressed", "false")
    expect(mute).to_be_enabled()
    expect(alert).to_contain_text("Operation Not Allowed")
    expect(alert).to_contain_text("refused")
    expect(mute).to_have_accessible_description(re.compile("Operation Not Allowed"))
    expect(page.locator("#phone-mic")).to_have_text("on")
    expect(log_rows(page, "call").filter(has_text="muteMic rejected: Operation Not Allowed")).to_have_count(1)
    expect(log_rows(page, "widget").filter(has_text="mute:error rejected")).to_have_count(1)
    expect(page.get_by_role("radio", name=re.compile("Normal"))).to_be_checked()

    # Ctrl+Shift+M while typing notes: mutes, clears the error, types nothing.
    notes = page.get_by_role("textbox", name="Call notes")
    notes.click()
    page.keyboard.type("Customer disputes")
    page.keyboard.press("Control+Shift+M")
    expect(mute).to_have_attribute("aria-pressed", "true")
    expect(mute).to_have_attribute("data-mic", "muted")
    expect(mute).not_to_have_attribute("data-error", re.compile(".*"))
    expect(alert).to_have_text("")
    expect(notes).to_have_value("Customer disputes")
    expect(notes).to_be_focused()
    page.keyboard.press("Control+Shift+M")
    expect(mute).to_have_attribute("aria-pressed", "false")

    # On hold the shortcut changes nothing and the reason says why.
    phone_key(page, "Hold").click()
    expect(mute).to_be_disabled()
    page.keyboard.press("Control+Shift+M")
    expect(mute).to_have_attribute("data-error", "not-connected")
    expect(mute).to_have_attribute("aria-pressed", "false")
    expect(alert).to_contain_text("connected call")
    expect(page.locator("#phone-mic")).to_have_text("on")


def test_the_runtime_switch(page: Page, site: str) -> None:
    # MicroPython starts in a fraction of a second; the scenarios above prove Pyodide's
    # readiness, so here the switch back only has to land on the default page.
    open_demo(page, site, "mpy")
    expect(page.locator("#runtime")).to_contain_text("MicroPython")
    expect(page.get_by_role("link", name="MicroPython")).to_have_attribute("aria-current", "page")
    page.get_by_role("link", name="Pyodide").click()
    page.wait_for_url(re.compile(r"/index\.html$"))
    expect(page.get_by_role("link", name="Pyodide")).to_have_attribute("aria-current", "page")
    expect(page.locator("#runtime")).to_contain_text("Pyodide")
    expect(page.get_by_role("link", name="MicroPython")).not_to_have_attribute("aria-current", "page")


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inline_scripts = 0
        self.handlers: list[str] = []
        self.refs: list[str] = []
        self.csp = ""
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.handlers += [f"<{tag} {name}>" for name in attrs if name.startswith("on")]
        self.refs += [attrs[a] for a in ("src", "href") if attrs.get(a)]
        if tag == "script" and not attrs.get("src"):
            self.inline_scripts += 1
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp = attrs.get("content") or ""


def test_the_page_has_no_inline_script_and_no_outside_url() -> None:
    scan = _Scan()
    scan.feed((ROOT / "index.html").read_text())
    assert scan.inline_scripts == 0
    assert scan.handlers == []
    assert [r for r in scan.refs if re.match(r"[a-z]+:", r) and not r.startswith("data:")] == []
    assert "script-src 'self'" in scan.csp and "unsafe-inline" not in scan.csp
    for path in (
        "static/mute-button.css",
        "demo/demo.css",
        "demo/index.js",
        "demo/boot.js",
        "demo/log.js",
        "demo/index_main.py",
    ):
        text = (ROOT / path).read_text()
        assert "@import" not in text, path
        urls = re.findall(r"url\(\s*['\"]?([^'\")]*)", text)
        assert all(u.startswith("data:") for u in urls), (path, urls)
        assert "innerHTML" not in text and "insertAdjacentHTML" not in text, path


def test_the_language_menu_a_forced_mute_and_how_long_muted(page, site, interp):
    page.goto(f"{site}/index.html?interp={interp}&lang=de")
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    expect(page.locator("#lang")).to_have_value("de")
    button = mute_button(page)
    expect(button).to_have_accessible_name(re.compile(r"^Stumm"))
    answer_call(page)
    phone_key(page, "A supervisor forces the mute").click()
    expect(button).to_have_attribute("data-forced", "true")
    expect(button).to_be_disabled()
    expect(button).to_have_accessible_name(re.compile(r"Supervisor"))
    expect(page.locator("#mute .mute-button__duration")).to_have_text(re.compile(r"^0:0\d$"))
    phone_key(page, "A supervisor forces the mute").click()  # lifted
    expect(button).not_to_have_attribute("data-forced", "true")
    expect(button).to_be_enabled()
    page.select_option("#lang", "ar")
    page.wait_for_url(re.compile(r"lang=ar"))
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    expect(mute_button(page)).to_have_accessible_name(re.compile("^كتم"))
