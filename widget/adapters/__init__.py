"""One adapter per softphone SDK; each translates that SDK's real API for the button."""

from .base import Adapter
from .embeddable import EmbeddableClient
from .genesys_platform import GenesysPlatform

__all__ = ["Adapter", "EmbeddableClient", "GenesysPlatform"]
