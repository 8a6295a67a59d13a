"""A mute button for softphone pages that shows only what the softphone confirmed.

from widget import MuteButton
from widget.adapters import EmbeddableClient

button = MuteButton("#mute", EmbeddableClient("demoSoftphone"))
"""

from .button import MuteButton

__all__ = ["MuteButton"]
__version__ = "0.2.0"
