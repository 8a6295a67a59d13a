"""Click to silence, the Python side: the widget with verify_media on the page's call."""

from pyscript import document, window

from widget import MuteButton
from widget.adapters import EmbeddableClient

button = MuteButton("#mount", EmbeddableClient("softphone"), verify_media=window.benchCallAudio)
document.documentElement.dataset.benchMedia = "1"
