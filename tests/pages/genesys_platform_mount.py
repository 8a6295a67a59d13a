"""Mounts the widget on the GenesysPlatform adapter as genesys-platform-page.js says."""

from pyscript import document, window
from pyscript.ffi import create_proxy

from widget import MuteButton, bridge
from widget.adapters import GenesysPlatform

test = window.genesysTest
token = bridge.py(window.takeGenesysToken())
provider = str(test.provider)
options = {"api_base": str(test.apiBase), "token": token}
if provider == "js":
    options["token_provider"] = "getGenesysToken"
elif provider == "py":
    options["token_provider"] = lambda: bridge.py(window.takeSpareToken())
if str(test.participantId):
    options["participant_id"] = str(test.participantId)
if str(test.heartbeat):
    options["heartbeat_timeout"] = float(str(test.heartbeat))

try:
    adapter = GenesysPlatform(str(test.conversationId), **options)
    button = MuteButton("#mount", adapter, confirm_timeout=float(str(test.timeout)))
except Exception as exc:
    button = None
    document.documentElement.dataset.mountError = type(exc).__name__ + ": " + str(exc)

# ?second=supervisor: a second widget for another user on the same page.
take_second = bridge.resolve("takeSecondToken")
if take_second is not None:
    second = GenesysPlatform(str(test.conversationId), token=take_second(), api_base=str(test.apiBase))
    MuteButton("#mount2", second)


def destroy(*args):
    if button is not None:
        button.destroy()
    document.documentElement.dataset.destroyed = "1"


window.destroyWidget = create_proxy(destroy)
document.documentElement.dataset.widgetReady = "1"
