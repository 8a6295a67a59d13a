"""Mounts one widget per adapter that reliability.html built a fake for; hooks for the tests."""

from pyscript import document, window
from pyscript.ffi import create_proxy

from widget import MuteButton
from widget.adapters import (
    AmazonConnect,
    EmbeddableClient,
    GenesysFramework,
    GenesysWebRtc,
    JsSipUA,
    TwilioDevice,
)

params = window.URLSearchParams.new(window.location.search)


def option(name, default=None):
    return params.get(name) if params.has(name) else default


ADAPTERS = {
    "embeddable": lambda: EmbeddableClient("softphone"),
    "webrtc": lambda: GenesysWebRtc("genesysSdk"),
    "connect": lambda: AmazonConnect("connect"),
    "twilio": lambda: TwilioDevice("twilioDevice"),
    "jssip": lambda: JsSipUA("jssipUA"),
    "framework": lambda: GenesysFramework("#softphone", option("softphone")),
}
timeout = float(option("timeout", "5"))
buttons = {}
for name in str(option("adapters", "embeddable")).split(","):
    buttons[name] = MuteButton("#w-" + name, ADAPTERS[name](), confirm_timeout=timeout)


def destroy(name=None, *args):
    buttons[str(name)].destroy()
    document.documentElement.dataset.destroyed = "1"


def held(name=None, *args):
    counts = buttons[str(name)]._resources.counts()
    return counts["listeners"] + counts["callbacks"] + counts["timers"]


window.destroyWidget = create_proxy(destroy)
window.widgetHeld = create_proxy(held)
document.documentElement.dataset.widgetReady = "1"
