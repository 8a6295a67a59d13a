"""The vendor SDK demo page (demo/sdk.html?sdk=amazon-connect, twilio, jssip) driven like a
user on Pyodide and MicroPython: a call comes in, is answered, the agent mutes with the
widget, the SDK's own control unmutes, and the log shows it. The pages carry a CSP with
no inline script; the `page` fixture fails on any console error or off-loopback request."""

import pytest
from playwright.sync_api import expect

PAGES = {
    "amazon-connect": "Amazon Connect",
    "twilio": "Twilio Voice",
}


@pytest.mark.parametrize("name", PAGES)
def test_demo_page_mutes_and_follows(page, site, interp, name):
    page.goto(f"{site}/demo/sdk.html?sdk={name}&interp={interp}")
    page.wait_for_selector("html[data-widget-ready]", state="attached", timeout=60_000)
    expect(page.get_by_role("heading", level=1)).to_contain_text(PAGES[name])
    expect(page.get_by_role("link", name="All demos")).to_have_attribute("href", "../index.html")
    expect(page.locator(f"#interp-{interp}")).to_have_attribute("aria-current", "page")
    mute = page.locator("#mute button.mute-button")
    expect(mute).to_be_disabled()

    page.get_by_role("button", name="Incoming call").click()
    expect(mute).to_have_attribute("data-call", "ringing")
    page.locator("[data-action=answer]").click()
    expect(mute).to_be_enabled()
    mute.click()
    expect(mute).to_have_attribute("aria-pressed", "true")
    page.locator("[data-action=own-mute]").click()
    expect(mute).to_have_attribute("aria-pressed", "false")
    expect(page.locator("#log")).to_contain_text("mute:change")
    page.locator("[data-action=hangup]").click()
    expect(mute).to_have_attribute("data-call", "ended")


def test_jssip_demo_on_kamailio(page, site, interp, kamailio):
    # The real JsSIP: the agent's and the customer's UAs on the tests' Kamailio.
    page.goto(f"{site}/demo/sdk.html?sdk=jssip&interp={interp}&sip={kamailio.url}")
    page.wait_for_selector("html[data-widget-ready]", state="attached", timeout=60_000)
    expect(page.get_by_role("heading", level=1)).to_contain_text("JsSIP")
    mute = page.locator("#mute button.mute-button")
    expect(mute).to_be_disabled()
    expect(page.locator("#sdk-state")).to_contain_text("registered")

    page.get_by_role("button", name="Customer calls").click()
    expect(mute).to_have_attribute("data-call", "ringing")
    page.locator("[data-action=answer]").click()
    expect(mute).to_have_attribute("data-call", "connected")
    mute.click()
    expect(mute).to_have_attribute("aria-pressed", "true")
    page.locator("[data-action=own-mute]").click()
    expect(mute).to_have_attribute("aria-pressed", "false")
    page.locator("[data-action=remote-hold]").click()
    expect(mute).to_have_attribute("data-call", "held")
    page.locator("[data-action=remote-hold]").click()
    expect(mute).to_have_attribute("data-call", "connected")
    expect(page.locator("#log")).to_contain_text("mute:change")
    page.locator("[data-action=caller-hangs-up]").click()
    expect(mute).to_have_attribute("data-call", "ended")
