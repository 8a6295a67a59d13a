"""Mounts the widget on the vendor SDK fake that vendor-sdk.js built, and exposes hooks."""

from pyscript import document, window
from pyscript.ffi import create_proxy

from widget import MuteButton
from widget.adapters import AmazonConnect, JsSipSession, JsSipUA, TwilioCall, TwilioDevice

params = window.URLSearchParams.new(window.location.search)
sdk = params.get("sdk")
which = params.get("adapter") if params.has("adapter") else ""
timeout = float(params.get("timeout")) if params.has("timeout") else 5.0

if sdk == "connect":
    adapter = AmazonConnect("connect")
elif sdk in ("twilio", "twilio-real"):
    adapter = TwilioCall("twilioCall") if which == "call" else TwilioDevice("twilioDevice")
else:
    adapter = JsSipSession("jssipSession") if which == "session" else JsSipUA("jssipUA")

button = MuteButton("#mount", adapter, confirm_timeout=timeout)


def follow(call=None, *args):
    adapter.follow(call)


def destroy(*args):
    button.destroy()
    document.documentElement.dataset.destroyed = "1"


window.followCall = create_proxy(follow)
window.destroyWidget = create_proxy(destroy)
document.documentElement.dataset.widgetReady = "1"
