"""The talk warning in a real Chromium, on Pyodide and MicroPython: the agent talks while
muted, and the button says so (``data-talking``, the notice, one polite announcement,
``mute:talking``), from a clone of the microphone track analysed in the page.

Chromium's default fake microphone is a 20 ms beep every 500 ms, never half a second of
sound: these tests run in a browser of their own whose fake microphone plays a WAV the
session writes (``--use-file-for-fake-audio-capture``, looped): 2 s of speech-like sound
(a 150 Hz buzz with harmonics, in syllables at 4 Hz), then 4 s of silence. The flag is
for the whole browser, and tests/browser/test_media.py counts on the beeps, so the other
tests keep the shared browser. The pages capture without echo cancellation, noise
suppression or gain control (tests/pages/talk-watch.js), and watch the room: the
agent's microphone on a clone of the test's own, so a test knows the agent talked
whatever the widget did."""

import math
import struct
import wave

import pytest
from playwright.sync_api import expect
from servers.kamailio import binary
from test_media import BUTTON, answer, open_media, shown_at

NOTICE = "You are muted: unmute to be heard"
#: Long enough for the WAV's loop (6 s) to bring its 2 s of sound, with room to spare.
SPEECH_MS = 9000
RATE = 48_000


def speech(t: float) -> float:
    if t >= 2.0:
        return 0.0
    syllables = 0.6 + 0.4 * math.sin(2 * math.pi * 4 * t)
    return 0.25 * syllables * sum(math.sin(2 * math.pi * 150 * k * t) / k for k in range(1, 8))


@pytest.fixture(scope="module")
def speech_wav(tmp_path_factory):
    path = tmp_path_factory.mktemp("talk") / "speech.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"".join(struct.pack("<h", round(speech(i / RATE) * 32767)) for i in range(6 * RATE)))
    return path


@pytest.fixture(scope="module")
def shared_context(browser_type, browser_type_launch_args, speech_wav):
    """This module's own browser (the page fixture opens its pages here), whose fake
    microphone plays the WAV."""
    args = dict(browser_type_launch_args)
    args["args"] = [*args["args"], f"--use-file-for-fake-audio-capture={speech_wav}"]
    browser = browser_type.launch(**args)
    context = browser.new_context()
    yield context
    context.close()
    browser.close()


def talking_events(page) -> list:
    return page.evaluate("widgetEvents.filter(e => e.type === 'mute:talking').map(e => e.talking)")


def notice(page) -> "str | None":
    return page.evaluate("document.querySelector('.mute-button__notice')?.textContent ?? null")


def notice_shown(page) -> bool:
    return page.evaluate(
        "(() => { const el = document.querySelector('.mute-button__notice');"
        " const box = el.getBoundingClientRect();"
        " return getComputedStyle(el).display !== 'none' && box.width > 0 && box.height > 0; })()"
    )


def wait_talking(page, present: bool = True, timeout: int = SPEECH_MS) -> None:
    selector = f'{BUTTON}[data-talking="true"]' if present else f"{BUTTON}:not([data-talking])"
    page.wait_for_selector(selector, state="attached", timeout=timeout)


def clone_states(page) -> list:
    """[track readyState, its context's state] of every clone the widget analysed."""
    return page.evaluate(
        "clones.map((c, i) => [c.readyState, c.enabled, cloneContexts[i] ? cloneContexts[i].state : null])"
    )


def start_room(page, track: str = "softphone.media.track") -> None:
    page.evaluate(f"startRoom({track})")


def mute(page) -> float:
    page.click(BUTTON)
    return shown_at(page, "true")


def test_talking_while_muted_warns_and_silence_clears_it(page, site, interp):
    open_media(page, site, interp, source="pc", talk="on")
    answer(page)
    start_room(page)
    assert notice(page) == "" and not notice_shown(page)
    muted_at = mute(page)
    wait_talking(page)
    # The room heard it too (read every 50 ms: to 50 ms).
    assert page.evaluate(f"room.longestSince({muted_at})") >= 450
    assert notice(page) == NOTICE and notice_shown(page)
    assert page.evaluate("announced.filter(t => t.startsWith('You are muted'))") == [NOTICE]
    assert talking_events(page) == [True]
    # The call still sends silence: the clone is enabled, the agent's own track is not.
    assert page.evaluate("softphone.media.track.enabled") is False
    assert clone_states(page) == [["live", True, "running"]]
    assert page.evaluate("softphone.media.hearing.lastSoundAt") < muted_at + 500

    # The WAV's silence: the warning goes away, once.
    wait_talking(page, present=False)
    assert notice(page) == "" and not notice_shown(page)
    assert talking_events(page) == [True, False]
    assert page.get_attribute(BUTTON, "aria-pressed") == "true"
    assert page.evaluate("announced.filter(t => t.startsWith('You are muted'))") == [NOTICE]


def test_unmuting_clears_the_warning_and_stops_the_clone(page, site, interp):
    open_media(page, site, interp, source="hook", talk="on")  # the adapter's media_source hook
    answer(page)
    mute(page)
    wait_talking(page)
    page.click(BUTTON)
    shown_at(page, "false")
    assert page.get_attribute(BUTTON, "data-talking") is None and notice(page) == ""
    assert talking_events(page) == [True, False]
    page.wait_for_function("clones.length === 1 && cloneContexts[0].state === 'closed'")
    assert clone_states(page) == [["ended", True, "closed"]]
    assert page.evaluate("softphone.media.track.readyState") == "live", "the agent's own track goes on"


def test_talk_warning_false_never_warns(page, site, interp):
    open_media(page, site, interp, source="pc", talk="off")
    answer(page)
    start_room(page)
    assert notice(page) is None
    muted_at = mute(page)
    page.wait_for_function(f"room.longestSince({muted_at}) >= 1500", timeout=SPEECH_MS)
    assert page.get_attribute(BUTTON, "data-talking") is None
    assert talking_events(page) == [] and page.evaluate("clones.length") == 0


def test_destroy_stops_the_clone_and_removes_the_notice(page, site, interp):
    open_media(page, site, interp, source="pc", talk="on")
    answer(page)
    mute(page)
    wait_talking(page)
    page.evaluate("destroyWidget()")
    page.wait_for_function("cloneContexts[0].state === 'closed'")
    assert clone_states(page) == [["ended", True, "closed"]]
    assert notice(page) is None and page.locator(BUTTON).count() == 0


@pytest.mark.skipif(binary() is None, reason="kamailio is not installed (scripts/setup.sh test)")
def test_talking_muted_on_a_real_jssip_call(page, site, interp, kamailio):
    page.goto(f"{site}/vendor-sdk.html?interp={interp}&sdk=jssip-real&ws={kamailio.url}&talk=on")
    page.wait_for_selector("html[data-widget-ready]", state="attached", timeout=60_000)
    page.evaluate("phones.callAgent()")
    page.wait_for_selector(f'{BUTTON}[data-call="ringing"]', state="attached")
    page.evaluate("window.a = phones.live('agent'); phones.answer(a)")
    page.wait_for_selector(f'{BUTTON}[data-call="connected"]', state="attached")
    start_room(page, "a.connection.getSenders()[0].track")

    clicked_at = page.evaluate("performance.now()")
    page.click(BUTTON)  # JsSIP's mute(): the session's track disabled
    page.wait_for_selector(f'{BUTTON}[aria-pressed="true"]', state="attached")
    wait_talking(page)
    assert page.evaluate(f"room.longestSince({clicked_at})") >= 450
    assert page.evaluate("a.isMuted().audio") is True
    assert notice(page) == NOTICE and notice_shown(page)
    assert talking_events(page) == [True]
    assert page.evaluate("a.connection.getSenders().map(s => s.track.enabled)") == [False]
    assert clone_states(page) == [["live", True, "running"]]

    page.click(BUTTON)
    page.wait_for_selector(f'{BUTTON}[aria-pressed="false"]', state="attached")
    assert page.get_attribute(BUTTON, "data-talking") is None and notice(page) == ""
    assert talking_events(page) == [True, False]
    page.wait_for_function("cloneContexts[0].state === 'closed'")
    assert clone_states(page) == [["ended", True, "closed"]]
    page.evaluate("a.terminate()")
    page.wait_for_selector(f'{BUTTON}[data-call="ended"]', state="attached")


def test_the_demo_shows_the_warning(page, site, interp):
    page.goto(f"{site}/index.html?interp={interp}")
    page.wait_for_selector("html[data-widget-ready]", state="attached", timeout=60_000)
    page.get_by_role("button", name="Incoming call", exact=True).click()
    page.get_by_role("button", name="Answer", exact=True).click()
    mute_button = page.locator("#mute button.mute-button")
    expect(page.locator("#hearing-state")).to_have_text("Sound: they hear you", timeout=SPEECH_MS)
    mute_button.click()
    expect(mute_button).to_have_attribute("aria-pressed", "true")
    expect(mute_button).to_have_attribute("data-talking", "true", timeout=SPEECH_MS)
    expect(page.locator(".mute-button__notice")).to_be_visible()
    expect(page.locator(".mute-button__notice")).to_have_text(NOTICE)
    expect(page.locator("#mute-state")).to_have_text("Muted, and you are talking: the caller hears nothing")
    expect(page.locator("#log li").filter(has_text="mute:talking true")).to_have_count(1)
    mute_button.click()
    expect(mute_button).to_have_attribute("aria-pressed", "false")
    expect(mute_button).not_to_have_attribute("data-talking", "true")
    expect(page.locator(".mute-button__notice")).to_be_hidden()
    expect(page.locator("#log li").filter(has_text="mute:talking false")).to_have_count(1)
