"""Accessibility in a real Chromium, on Pyodide and MicroPython: axe-core on the demo and on
the widget in every state, keyboard-only use, what screen readers are told and when.

axe-core is the pinned npm devDependency (node_modules/axe-core/axe.min.js), served by
nothing: the tests put it into the page themselves. Both pages run under a
Content-Security-Policy without 'unsafe-inline', which refuses the inline <script> that
``page.add_script_tag`` would add, so the tests evaluate the file with the
'unsafe-eval' that PyScript needs on those pages anyway.
"""

import re
from urllib.parse import urlencode

from playwright.sync_api import expect
from serve import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BUTTON = "#w-embeddable button"
READY = "html[data-widget-ready]"
UNAVAILABLE = "Mute (available during a connected call)"
WAITING = "Mute (waiting for the softphone to confirm)"


def axe_violations(page) -> list:
    """axe-core on the whole page, in the light and the dark colour scheme (motion reduced,
    so colours are measured at rest): (scheme, rule, impact, target, summary) for each
    failing node."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate("source => { (0, eval)(source); }", AXE.read_text())
    found = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
        result = page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ['violations']})).violations.flatMap(v =>
                 v.nodes.map(n => [v.id, v.impact, n.target.join(' '), n.failureSummary]))"""
        )
        found += [(scheme, *v) for v in result]
    page.emulate_media(color_scheme="light", reduced_motion="no-preference")
    return found


def open_widget(page, site, interp, **options):
    query = urlencode({"interp": interp, "adapters": "embeddable", **options})
    page.goto(f"{site}/reliability.html?{query}")
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    return page.locator(BUTTON)


def wait_attr(page, name, value):
    page.wait_for_selector(f'{BUTTON}[{name}="{value}"]', state="attached", timeout=5000)


def test_the_demo_under_its_policy_has_no_axe_violations(page, site, interp):
    """The demo (index.html), under its own Content-Security-Policy: axe before a call and
    in a call, muted; the policy refused nothing (test_security.py checks the policy)."""
    page.add_init_script(
        "window.cspViolations = []; document.addEventListener('securitypolicyviolation',"
        " (e) => cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.goto(f"{site}/index.html?interp={interp}")
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    policy = page.get_attribute("meta[http-equiv=Content-Security-Policy]", "content")
    assert (
        "'unsafe-inline'" not in policy and "default-src 'self'" in policy and "object-src 'none'" in policy
    )
    assert axe_violations(page) == [], "before a call"
    page.get_by_role("button", name="Incoming call", exact=True).click()
    page.get_by_role("button", name="Answer", exact=True).click()
    mute = page.locator("#mute button.mute-button")
    expect(mute).to_be_enabled()
    mute.click()
    expect(mute).to_have_attribute("aria-pressed", "true")
    assert axe_violations(page) == [], "in a call, muted"
    assert page.evaluate("cspViolations") == []


def test_every_state_by_keyboard_with_axe_and_what_a_screen_reader_hears(page, site, interp):
    button = open_widget(page, site, interp, delay="150", timeout="3")
    axe = {}
    status = page.get_by_role("status")

    # Unavailable: the reason is in the button's accessible name, not only in a tooltip,
    # and it is in the accessibility tree where a screen reader reads the page.
    expect(button).to_be_disabled()
    expect(button).to_have_accessible_name(UNAVAILABLE)
    assert f'button "{UNAVAILABLE}" [disabled]' in page.locator("#w-embeddable").aria_snapshot()
    expect(page.locator(".mute-button__hint")).to_have_css("position", "absolute")  # not visible
    # A disabled button is not a Tab stop: the keyboard goes past it.
    page.focus("#notes")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") != "BUTTON"
    axe["unavailable"] = axe_violations(page)

    # Ready: Tab reaches it; its name is plain "Mute".
    page.evaluate("softphone.ring(); softphone.answer()")
    expect(button).to_be_enabled()
    expect(button).to_have_accessible_name("Mute")
    page.focus("#notes")
    page.keyboard.press("Tab")
    expect(button).to_be_focused()
    axe["ready"] = axe_violations(page)

    # Space: pending (named so, busy) until the softphone carries it out, then muted; the
    # focus is back on the button and the polite live region says so.
    page.evaluate("softphone.nextMute = 'held'")
    page.keyboard.press("Space")
    expect(button).to_have_attribute("aria-busy", "true")
    expect(button).to_have_accessible_name(WAITING)
    page.evaluate("softphone.release()")
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_be_focused()
    expect(status).to_have_text("Microphone muted")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(button).to_have_accessible_name("Mute")
    axe["muted"] = axe_violations(page)

    # Enter: unmuted, announced.
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(status).to_have_text("Microphone on")
    expect(button).to_be_focused()

    # A request that is never confirmed: pending for 3 s, then the timeout (an error).
    page.evaluate("softphone.nextMute = 'never'")
    page.keyboard.press("Space")
    expect(button).to_have_attribute("data-status", "pending")
    axe["pending"] = axe_violations(page)
    expect(button).to_have_attribute("data-status", "error", timeout=10_000)
    expect(button).to_be_focused()
    axe["error (timeout)"] = axe_violations(page)

    # A refusal is announced assertively (role=alert) and read as the button's description.
    page.evaluate("softphone.nextMute = 'reject'")
    page.keyboard.press("Space")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("refused")
    expect(button).to_have_accessible_description(re.compile("refused"))
    expect(button).to_be_focused()
    expect(status).to_have_text("Microphone on")  # nothing changed, nothing claimed

    # Muted, then on hold: unavailable, still shown muted.
    page.keyboard.press("Space")
    expect(button).to_have_attribute("aria-pressed", "true")
    page.evaluate("softphone.hold()")
    expect(button).to_have_accessible_name(UNAVAILABLE)
    axe["muted, held"] = axe_violations(page)

    # The call ends: the reason is in the name; the live region does not claim a mute.
    page.evaluate("softphone.hangUp()")
    expect(button).to_have_accessible_name(UNAVAILABLE)
    tree = page.locator("#w-embeddable").aria_snapshot()
    assert f'button "{UNAVAILABLE}" [disabled]' in tree, tree
    assert {state: found for state, found in axe.items() if found} == {}
