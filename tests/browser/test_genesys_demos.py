"""The Genesys demos (demo/sdk.html?sdk=genesys-framework, ?sdk=genesys-webrtc), driven like a user.

One walk through a call on each page, on MicroPython (the same Python runs on Pyodide in
test_genesys_framework.py and test_genesys_webrtc.py). The pages carry their own
Content-Security-Policy, and the ``page`` fixture fails a test on any console error.
"""

from playwright.sync_api import expect

READY = "html[data-widget-ready]"


def test_framework_demo_mutes_through_the_softphone_iframe(page, site):
    page.goto(f"{site}/demo/sdk.html?sdk=genesys-framework&interp=mpy")
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    mute = page.locator("#mute button.mute-button")
    phone = page.frame_locator("#softphone")
    expect(page.locator("#runtime")).to_contain_text("MicroPython")
    expect(page.get_by_role("link", name="All demos")).to_have_attribute("href", "../index.html")
    expect(mute).to_be_disabled()

    phone.get_by_role("button", name="Incoming call").click()
    expect(mute).to_have_attribute("data-call", "ringing")
    phone.get_by_role("button", name="Answer").click()
    expect(mute).to_be_enabled()
    expect(mute).to_have_attribute("data-confirmed", "false")
    mute.click()
    expect(mute).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#mute-state")).to_have_text("Muted (assumed, not confirmed)")
    expect(phone.locator("#mic")).to_have_text("muted")  # the softphone did mute

    # The confirmed mode: a softphone whose events carry isMuted.
    page.get_by_role("link", name="Show a softphone whose events carry isMuted").click()
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    expect(page.get_by_role("link", name="MicroPython")).to_have_attribute("aria-current", "page")
    phone.get_by_role("button", name="Incoming call").click()
    phone.get_by_role("button", name="Answer").click()
    expect(mute).to_have_attribute("data-confirmed", "true")
    phone.get_by_role("button", name="Mute in the softphone").click()
    expect(mute).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#log")).to_contain_text("isMuted=true")


def test_webrtc_demo_follows_the_active_conversation(page, site):
    page.goto(f"{site}/demo/sdk.html?sdk=genesys-webrtc&interp=mpy")
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    mute = page.locator("#mute button.mute-button")
    key = lambda name: page.get_by_role("button", name=name, exact=True)  # noqa: E731
    expect(mute).to_be_disabled()

    key("Incoming call").click()
    key("Answer").click()
    expect(mute).to_be_enabled()
    mute.click()
    expect(mute).to_have_attribute("aria-busy", "true")
    expect(mute).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#log")).to_contain_text(
        'setAudioMute({"conversationId":"conversation-1","mute":true})'
    )

    key("Second call").click()
    key("Switch call").click()  # the first is held, the second answered and active
    expect(mute).to_have_attribute("aria-pressed", "false")
    expect(page.locator("#phone-state")).to_have_text("Active: conversation-2")
    key("Switch call").click()
    expect(mute).to_have_attribute("aria-pressed", "true")

    page.get_by_label("Rejected (403)").check()
    mute.click()
    expect(mute).to_have_attribute("data-error", "rejected")
    expect(page.get_by_role("alert")).to_contain_text("Failed to set audioMute")  # the SDK's SdkError
    key("Hang up").click()
    expect(mute).to_have_attribute("data-call", "held")  # now on the one left, on hold
    key("Hang up").click()
    expect(mute).to_have_attribute("data-call", "ended")
