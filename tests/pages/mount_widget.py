"""Mounts the widget as the query string says, and exposes hooks for the tests."""

from pyscript import document, window
from pyscript.ffi import create_proxy

from widget import MuteButton
from widget.adapters import EmbeddableClient

params = window.URLSearchParams.new(window.location.search)


def option(name, default=None):
    return params.get(name) if params.has(name) else default


target = option("target", "#mount")
timeout = float(option("timeout", "5"))
shortcut = option("shortcut")
client = option("client", "softphone")
wait = float(option("sdk_wait", "30"))
locale = option("locale")

try:
    button = MuteButton(
        target,
        EmbeddableClient(client),
        confirm_timeout=timeout,
        shortcut=shortcut,
        wait_for_sdk=wait,
        locale=locale,
    )
except Exception as exc:  # the test reads the error the host page would see
    button = None
    document.documentElement.dataset.mountError = type(exc).__name__ + ": " + str(exc)


def destroy(*args):
    if button is not None:
        button.destroy()
    document.documentElement.dataset.destroyed = "1"


window.destroyWidget = create_proxy(destroy)
document.documentElement.dataset.widgetReady = "1"
