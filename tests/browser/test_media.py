"""Media-verified mute in a real Chromium, on Pyodide and MicroPython: a WebRTC call
inside the page carries Chromium's fake microphone (a short beep every 500 ms) from the
agent to a remote party that measures what it hears (tests/pages/media-page.js). The
button's mute must reach the remote party as silence, and a softphone that confirms
a mute but keeps sending audio must get ``media-not-muted``.

The fake microphone is silent between its beeps, so every "silence" below is judged
over a window long enough to hold two beeps, never from one instantaneous level."""

from urllib.parse import urlencode

from playwright.sync_api import expect

BUTTON = "#mount button"
#: The remote party must hear silence this soon after the button shows muted.
SILENCE_MS = 500
#: A window that holds at least two of the fake microphone's beeps.
BEEPS_MS = 1200


def open_media(page, site, interp, **options):
    page.goto(f"{site}/media.html?{urlencode({'interp': interp, **options})}")
    page.wait_for_selector("html[data-widget-ready]", state="attached", timeout=60_000)
    return page


def answer(page):
    """Ring, answer, and wait until the remote party hears the agent's microphone."""
    page.evaluate("softphone.ring(); softphone.answer()")
    page.wait_for_selector(f'{BUTTON}[data-call="connected"]', state="attached")
    page.wait_for_function("softphone.media !== null && softphone.media.hearing.lastSoundAt !== null")
    assert page.evaluate("softphone.media.input") == "microphone"


def attr(page, name):
    return page.get_attribute(BUTTON, name)


def alert_text(page) -> str:
    return page.eval_on_selector(
        BUTTON,
        "b => { const el = document.getElementById(b.getAttribute('aria-describedby'));"
        " return el.getAttribute('role') + '|' + el.textContent }",
    )


def shown_at(page, value: str) -> float:
    """performance.now() when aria-pressed last became value."""
    page.wait_for_selector(f'{BUTTON}[aria-pressed="{value}"]', state="attached", timeout=5000)
    return page.evaluate(f"pressed.filter(p => p[0] === {value!r}).at(-1)[1]")


def wait_until(page, at_ms: float):
    page.wait_for_function(f"performance.now() >= {at_ms}", timeout=at_ms + 10_000)


def media_states(page) -> list:
    return page.evaluate("widgetEvents.filter(e => e.type === 'mute:media').map(e => e.state)")


def test_a_mute_reaches_the_remote_party_as_silence_and_is_verified(page, site, interp):
    open_media(page, site, interp, source="pc")
    answer(page)
    assert page.evaluate("mediaState()") == "off"
    start = page.evaluate("performance.now()")
    wait_until(page, start + BEEPS_MS)
    assert page.evaluate(f"softphone.media.heardSince({start})"), "the remote party hears the agent"

    page.click(BUTTON)
    muted_at = shown_at(page, "true")
    page.wait_for_function("mediaState() === 'silent'", timeout=5000)
    wait_until(page, muted_at + SILENCE_MS + BEEPS_MS)
    heard = page.evaluate("softphone.media.hearing")
    assert heard["lastSoundAt"] < muted_at + SILENCE_MS, (
        f"sound {heard['lastSoundAt'] - muted_at:.0f} ms after the button showed muted"
    )
    assert page.evaluate("softphone.media.track.enabled") is False
    assert attr(page, "data-error") is None and attr(page, "data-status") == "ready"
    assert alert_text(page) == "alert|"
    assert media_states(page) == ["checking", "silent"]

    page.click(BUTTON)
    unmuted_at = shown_at(page, "false")
    page.wait_for_function(f"softphone.media.heardSince({unmuted_at})", timeout=BEEPS_MS + 3000)
    assert media_states(page) == ["checking", "silent", "off"]
    assert page.evaluate("mediaState()") == "off"

    # Muted again, then destroyed: the checks stop with the widget.
    page.click(BUTTON)
    shown_at(page, "true")
    page.wait_for_function("mediaState() === 'silent'", timeout=5000)
    page.evaluate("destroyWidget()")
    reads = page.evaluate("statsReads")
    wait_until(page, page.evaluate("performance.now()") + 1500)
    assert page.evaluate("statsReads") == reads


def test_a_softphone_that_confirms_but_keeps_sending_gets_media_not_muted(page, site, interp):
    open_media(page, site, interp, source="hook")  # the adapter's media_source() hook
    answer(page)
    page.evaluate("softphone.nextMute = 'lie'")
    page.click(BUTTON)
    muted_at = shown_at(page, "true")
    page.wait_for_selector(f'{BUTTON}[data-error="media-not-muted"]', state="attached", timeout=8000)
    assert page.evaluate(f"softphone.media.heardSince({muted_at + SILENCE_MS})"), "the lie: sound goes on"
    assert attr(page, "aria-pressed") == "true" and attr(page, "data-status") == "error"
    role, text = alert_text(page).split("|", 1)
    assert role == "alert"
    assert "audio is still being sent" in text and "use the softphone's own mute or hang up" in text
    assert "the microphone track is still on" in text
    errors = page.evaluate("widgetEvents.filter(e => e.type === 'mute:error')")
    assert [(e["code"], e["message"]) for e in errors] == [("media-not-muted", text)]
    assert media_states(page) == ["checking", "sending"]

    # The agent mutes with the softphone's own control: the audio stops, the flag clears.
    page.evaluate("softphone.setMuted(true)")
    fixed_at = page.evaluate("performance.now()")
    page.wait_for_selector(f"{BUTTON}:not([data-error])", state="attached", timeout=8000)
    assert alert_text(page) == "alert|" and attr(page, "data-status") == "ready"
    assert media_states(page) == ["checking", "sending", "silent"]
    wait_until(page, fixed_at + SILENCE_MS + BEEPS_MS)
    assert not page.evaluate(f"softphone.media.heardSince({fixed_at + SILENCE_MS})")

    # Unmuted, then lied to again: flagged again; hanging up clears it.
    page.click(BUTTON)
    shown_at(page, "false")
    page.evaluate("softphone.nextMute = 'lie'")
    page.click(BUTTON)
    shown_at(page, "true")
    page.wait_for_selector(f'{BUTTON}[data-error="media-not-muted"]', state="attached", timeout=8000)
    page.evaluate("softphone.hangUp()")
    page.wait_for_selector(f'{BUTTON}[data-call="ended"]', state="attached")
    assert attr(page, "data-error") is None and alert_text(page) == "alert|"
    assert page.evaluate("mediaState()") == "off"
    assert media_states(page)[-2:] == ["sending", "off"]


def test_a_track_turned_back_on_behind_the_widget_is_flagged(page, site, interp):
    open_media(page, site, interp, source="track")  # no statistics: the track's state decides
    answer(page)
    page.click(BUTTON)
    shown_at(page, "true")
    page.wait_for_function("mediaState() === 'silent'", timeout=5000)
    page.evaluate("softphone.media.track.enabled = true")  # a bug in the softphone, say
    page.wait_for_selector(f'{BUTTON}[data-error="media-not-muted"]', state="attached", timeout=8000)
    assert "the microphone track is still on" in alert_text(page)
    page.click(BUTTON)  # unmuting clears the flag
    shown_at(page, "false")
    assert attr(page, "data-error") is None and page.evaluate("mediaState()") == "off"

    # A value that is no media source is refused when a widget is created, before it
    # adds anything to the page.
    for kind, got in (("bad-object", "got a JavaScript object"), ("bad-number", "got 42")):
        error = page.evaluate(f"tryMount({kind!r})")
        assert error.startswith("TypeError: MuteButton: verify_media must be an RTCPeerConnection"), error
        assert error.endswith(got), error
    assert page.locator("#spare *").count() == 0


def test_the_demo_shows_what_the_customer_hears(page, site, interp):
    page.goto(f"{site}/index.html?interp={interp}")
    page.wait_for_selector("html[data-widget-ready]", state="attached", timeout=60_000)
    mute = page.locator("#mute button.mute-button")
    hears = page.locator("#hearing-state")
    expect(hears).to_have_text("No call")
    page.get_by_role("button", name="Incoming call", exact=True).click()
    page.get_by_role("button", name="Answer", exact=True).click()
    expect(hears).to_have_text("Sound: they hear you", timeout=10_000)
    expect(page.locator("#hearing-source")).to_contain_text("Your microphone")

    mute.click()
    expect(page.locator("#mute-state")).to_have_text("Muted and verified: the caller hears silence")
    expect(hears).to_have_text("Silence")
    mute.click()
    expect(hears).to_have_text("Sound: they hear you", timeout=5_000)

    page.get_by_role("radio", name="Confirmed, but the audio keeps flowing").check()
    mute.click()
    expect(mute).to_have_attribute("data-error", "media-not-muted", timeout=8_000)
    expect(page.get_by_role("alert")).to_contain_text("audio is still being sent")
    expect(page.locator("#mute-state")).to_have_text("Not really muted: the caller still hears you")
    expect(hears).to_have_text("Sound: they hear you")
    log = page.locator("#log li")
    expect(log.filter(has_text="mute:media sending")).to_have_count(1)
    page.get_by_role("button", name="Hang up", exact=True).click()
    expect(mute).not_to_have_attribute("data-error", "media-not-muted")
    expect(hears).to_have_text("No call")
