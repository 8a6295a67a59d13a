"""One adapter per softphone SDK; each translates that SDK's real API for the button."""

from .amazon_connect import AmazonConnect
from .base import Adapter
from .embeddable import EmbeddableClient
from .genesys_framework import GenesysFramework
from .genesys_platform import GenesysPlatform
from .genesys_webrtc import GenesysWebRtc
from .jssip import JsSipSession, JsSipUA
from .twilio import TwilioCall, TwilioDevice

__all__ = [
    "Adapter",
    "AmazonConnect",
    "EmbeddableClient",
    "GenesysFramework",
    "GenesysPlatform",
    "GenesysWebRtc",
    "JsSipSession",
    "JsSipUA",
    "TwilioCall",
    "TwilioDevice",
]
