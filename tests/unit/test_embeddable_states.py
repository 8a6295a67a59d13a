"""The embeddable client's stateChange values, as the contract lists them."""

import pytest

from widget.adapters.embeddable import CALL_STATES, call_state
from widget.model import CALL_STATES as MODEL_CALL_STATES

# The contract's "The embeddable client" section.
CONTRACT = {
    "idle": "none",
    "ringing": "ringing",
    "alerting": "ringing",
    "connecting": "ringing",
    "dialing": "ringing",
    "connected": "connected",
    "held": "held",
    "hold": "held",
    "disconnected": "ended",
    "ended": "ended",
}


def variants(value: str) -> list:
    return [value, value.upper(), value.capitalize(), "  " + value + " ", "\t" + value.upper() + "\n"]


@pytest.mark.parametrize(("value", "state"), sorted(CONTRACT.items()))
def test_every_contract_value_maps(value, state):
    for variant in variants(value):
        assert call_state(variant) == state, variant


def test_table_targets_are_model_states():
    assert set(CALL_STATES.values()) <= set(MODEL_CALL_STATES)


@pytest.mark.parametrize(
    "value", ["", " ", "talking", "none", "onhold", "connected!", "conn ected", "unknown"]
)
def test_unknown_strings_are_unknown(value):
    assert call_state(value) == "unknown"


@pytest.mark.parametrize(
    "value", [None, 1, 0, True, False, 1.5, b"connected", ["connected"], {"state": "held"}]
)
def test_non_strings_are_none(value):
    assert call_state(value) is None
