"""One adapter per softphone SDK; each translates that SDK's real API for the button."""

from .base import Adapter
from .embeddable import EmbeddableClient
from .genesys_framework import GenesysFramework
from .genesys_platform import GenesysPlatform
from .genesys_webrtc import GenesysWebRtc

__all__ = ["Adapter", "EmbeddableClient", "GenesysFramework", "GenesysPlatform", "GenesysWebRtc"]
