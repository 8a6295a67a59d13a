"""Mounts the widget on a Genesys adapter as the query string says; hooks for the tests."""

from pyscript import document, window
from pyscript.ffi import create_proxy

from widget import MuteButton
from widget.adapters import GenesysFramework, GenesysWebRtc

params = window.URLSearchParams.new(window.location.search)


def option(name, default=None):
    return params.get(name) if params.has(name) else default


target = option("target", "#mount")
timeout = float(option("timeout", "5"))

try:
    if option("sdk") == "webrtc":
        adapter = GenesysWebRtc(option("client", "genesysSdk"), option("conversation"))
    else:
        adapter = GenesysFramework(option("frame", "#softphone"), option("origin", option("softphone")))
    button = MuteButton(target, adapter, confirm_timeout=timeout)
except Exception as exc:  # the test reads the error the host page would see
    button = None
    document.documentElement.dataset.mountError = type(exc).__name__ + ": " + str(exc)


def destroy(*args):
    if button is not None:
        button.destroy()
    document.documentElement.dataset.destroyed = "1"


window.destroyWidget = create_proxy(destroy)
document.documentElement.dataset.widgetReady = "1"
