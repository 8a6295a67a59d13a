"""MuteModel.key(): the view remembers what each change of key writes, so the button's
attributes must be a function of the key alone, in every reachable state."""

from hypothesis import given, settings
from hypothesis import strategies as st

from widget import errors
from widget.model import CALL_STATES, MuteModel

STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("call"), st.sampled_from(CALL_STATES)),
        st.tuples(st.just("mic"), st.booleans(), st.booleans()),
        st.tuples(st.just("request")),
        st.tuples(st.just("failed"), st.sampled_from((errors.REJECTED, errors.TIMEOUT, errors.FORBIDDEN))),
        st.tuples(st.just("assumed")),
        st.tuples(st.just("fail"), st.sampled_from((errors.MEDIA_NOT_MUTED, errors.UNAVAILABLE))),
        st.tuples(st.just("clear"), st.just(errors.MEDIA_NOT_MUTED)),
    ),
    max_size=40,
)


def apply(model: MuteModel, step: tuple) -> None:
    kind = step[0]
    if kind == "call":
        model.call_changed(step[1])
    elif kind == "mic":
        model.mic_changed(step[1], step[2])
    elif kind == "request":
        model.request()
    elif kind == "failed":
        model.request_failed(model.request_id, step[1], "a reason that says what to fix")
    elif kind == "assumed":
        model.request_assumed(model.request_id)
    elif kind == "fail":
        model.fail(step[1], "another reason")
    else:
        model.clear_error(step[1])


@settings(max_examples=300, deadline=None)
@given(st.lists(STEPS, min_size=1, max_size=4))
def test_equal_keys_give_equal_attributes(histories):
    seen = {}
    for steps in histories:
        model = MuteModel()
        for step in [("start",), *steps]:
            if step[0] != "start":
                apply(model, step)
            key = model.key()
            hash(key)
            assert seen.setdefault(key, model.attributes()) == model.attributes(), (key, step)
