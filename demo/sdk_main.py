"""The SDK demo page's Python: mount the mute button on the simulated SDK of the page.

demo/sdk.js prepares the SDK that ``?sdk=`` names first (and writes its name to
``<body data-sdk>``): the softphone iframe of the Embeddable Framework, or the fake SDK
on ``window`` where the real one would be (``genesysSdk``, ``connect``, ``twilioDevice``,
``jssipUA``). Then it runs this file on Pyodide or MicroPython (``&interp=mpy``); the
code is the same on both.
"""

import sys

from pyscript import document, window

from widget import MuteButton
from widget.adapters import AmazonConnect, GenesysFramework, GenesysWebRtc, JsSipUA, TwilioDevice

ADAPTERS = {
    # The simulated softphone is served from this page's own origin; a real one is on
    # Genesys's, e.g. GenesysFramework("#softphone", "https://apps.mypurecloud.com").
    "genesys-framework": lambda: GenesysFramework("#softphone", window.location.origin),
    "genesys-webrtc": lambda: GenesysWebRtc("genesysSdk"),
    "amazon-connect": lambda: AmazonConnect("connect"),
    "twilio": lambda: TwilioDevice("twilioDevice"),
    "jssip": lambda: JsSipUA("jssipUA"),
}

runtime = document.getElementById("runtime")
try:
    button = MuteButton("#mute", ADAPTERS[document.body.dataset.sdk](), shortcut="ctrl+shift+m")
except Exception as exc:
    runtime.textContent = "The widget failed to start: " + str(exc)
    document.documentElement.dataset.widgetError = "1"
    raise

version = ".".join(str(n) for n in sys.implementation.version[:3])
runtime.textContent = (
    "MicroPython " if sys.implementation.name == "micropython" else "Pyodide · Python "
) + version
document.documentElement.dataset.widgetReady = "1"
