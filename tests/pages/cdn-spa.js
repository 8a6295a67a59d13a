// A second softphone for the <mute-button> tests (tests/browser/test_element.py): the
// element's `sdk` attribute moves the widget from window.mySoftphone to this one and back.
import { DemoSoftphone } from "./demo/fakes/softphone.js";

window.otherSoftphone = new DemoSoftphone({ confirmDelayMs: 400 });
