// The CDN host pages' own script (tests/browser/test_cdn.py): the softphone the widget
// talks to, on window.mySoftphone as the README's snippet expects, created before
// PyScript runs the Python. Its confirmations take 400 ms so a test sees "pending".
import { DemoSoftphone } from "./demo/fakes/softphone.js";

window.mySoftphone = new DemoSoftphone({ confirmDelayMs: 400 });
