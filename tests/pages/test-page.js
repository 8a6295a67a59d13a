// Test page loader: creates the softphone double, then a <script type=py|mpy> that
// runs mount_widget.py with the root config of that interpreter, then loads PyScript.
import { DemoSoftphone } from "./static/softphone.js";

const params = new URLSearchParams(location.search);
const interp = params.get("interp") === "mpy" ? "mpy" : "py";
window.softphone = new DemoSoftphone({ confirmDelayMs: Number(params.get("delay") ?? 50) });
window.softphone.state = params.get("state") ?? "idle";
window.softphone.muted = params.get("muted") === "1";

// Every widget event, in order, for the tests to read.
window.widgetEvents = [];
for (const type of ["mute:change", "mute:error"]) {
  document.addEventListener(type, (event) => window.widgetEvents.push({ type, ...event.detail }));
}

const script = document.createElement("script");
script.type = interp;
script.src = params.get("main") ?? "./mount_widget.py";
script.setAttribute("config", interp === "mpy" ? "./static/micropython.toml" : "./pyscript.toml");
document.body.append(script);
await import("./static/vendor/pyscript/core.js");
