"""The vendor SDK demo pages' Python: mount the mute button on the simulated SDK.

demo/sdk-demo.js builds the fake SDK named by ``<body data-sdk>`` and exposes it as
the real one would be (``window.connect``, ``window.twilioDevice``, ``window.jssipUA``),
then runs this file on Pyodide or MicroPython; the code is the same on both.
"""

import sys

from pyscript import document

from widget import MuteButton
from widget.adapters import AmazonConnect, JsSipUA, TwilioDevice

ADAPTERS = {
    "amazon-connect": lambda: AmazonConnect("connect"),
    "twilio": lambda: TwilioDevice("twilioDevice"),
    "jssip": lambda: JsSipUA("jssipUA"),
}

runtime = document.getElementById("runtime")
try:
    button = MuteButton("#mute", ADAPTERS[document.body.dataset.sdk](), shortcut="ctrl+shift+m")
except Exception as exc:
    runtime.textContent = "The widget failed to start: " + str(exc)
    raise

version = ".".join(str(n) for n in sys.implementation.version[:3])
runtime.textContent = (
    "MicroPython " if sys.implementation.name == "micropython" else "Pyodide · Python "
) + version
document.documentElement.dataset.widgetReady = "1"
