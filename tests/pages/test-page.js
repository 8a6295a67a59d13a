// Test page loader: creates the softphone double, then a <script type=py|mpy> that
// runs mount_widget.py with the root config of that interpreter, then loads PyScript.
import { DemoSoftphone } from "./demo/fakes/softphone.js";
import { boot, interp } from "./demo/boot.js";

const params = new URLSearchParams(location.search);
window.softphone = new DemoSoftphone({ confirmDelayMs: Number(params.get("delay") ?? 50) });
window.softphone.state = params.get("state") ?? "idle";
window.softphone.muted = params.get("muted") === "1";

// Every widget event, in order, for the tests to read.
window.widgetEvents = [];
for (const type of ["mute:change", "mute:error"]) {
  document.addEventListener(type, (event) => window.widgetEvents.push({ type, ...event.detail }));
}

await boot(params.get("main") ?? "./mount_widget.py");
