"""The supervisor overlay (demo/supervisor.html) driven like a user, against the local Genesys
Cloud API server on another origin: the toggle beside the queue position follows the
agent's call, mutes with confirmation, explains a 403, and refuses a supervisor."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.servers.genesys_api import ServerThread


@pytest.fixture(scope="module")
def genesys():
    server = ServerThread().start()
    yield server
    server.stop()


def open_overlay(page: Page, site: str, interp: str, api: ServerThread, who: str = "agent") -> Page:
    page.goto(f"{site}/demo/supervisor.html?interp={interp}&as={who}&api={api.url}")
    page.wait_for_selector("html[data-widget-ready]", state="attached", timeout=60_000)
    return page


def test_the_overlay_mutes_the_agent_and_refuses_a_supervisor(page: Page, site, interp, genesys, watch):
    watch.allowed_errors.append(re.compile(r"status of 403"))  # Chromium logs the provoked 403
    genesys.control("reset", {"agentState": "alerting"})
    open_overlay(page, site, interp, genesys)
    mute = page.locator("#mute button.mute-button")
    expect(page.locator("#user-name")).to_have_text("Alex Morgan")
    expect(page.get_by_role("link", name="Agent", exact=True)).to_have_attribute("aria-current", "page")
    expect(mute).to_be_disabled()
    expect(mute).to_have_attribute("data-call", "ringing")

    # The agent answers on the phone; the toggle beside the queue position comes alive.
    page.get_by_role("button", name="Answer").click()
    expect(mute).to_be_enabled()
    queue = page.locator(".queue__strip")
    expect(queue.locator(".metric").nth(1)).to_contain_text("queue position")
    expect(queue.locator(".metric").nth(2)).to_contain_text("microphone")

    mute.click()
    expect(mute).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#mute-state")).to_have_text("Muted: the customer cannot hear the agent")
    expect(page.locator("#cloud-mic")).to_have_text("muted")
    expect(page.locator("#log")).to_contain_text("PATCH /api/v2/conversations/calls/")
    expect(page.locator("#log")).to_contain_text('{"muted":true} → 202 (token agent-1)')

    # A mute made on the phone is followed.
    page.get_by_role("button", name="Mute on the phone").click()
    expect(mute).to_have_attribute("aria-pressed", "false")

    # The next request is refused for a missing role permission: the reason names it.
    page.select_option("#fault", "permission")
    expect(page.locator("#log")).to_contain_text("next mute request: 403: role without the permission")
    mute.click()
    expect(mute).to_have_attribute("data-error", "forbidden")
    expect(page.get_by_role("alert")).to_contain_text("your role lacks the permission conversation:")
    expect(page.locator("#log")).to_contain_text("GET /api/v2/tokens/me → 200")

    if interp == "mpy":  # one more page load; MicroPython starts in a fraction of a second
        page.get_by_role("link", name="Supervisor", exact=True).click()
        page.wait_for_selector("html[data-widget-ready]", state="attached", timeout=60_000)
        expect(page).to_have_url(re.compile(r"interp=mpy"))
        expect(page.locator("#user-name")).to_have_text("Sam Rivera")
        expect(mute).to_have_attribute("data-error", "forbidden")
        expect(page.get_by_role("alert")).to_contain_text("You are not a participant on this call")
        expect(mute).to_be_disabled()
