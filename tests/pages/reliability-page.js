// Loader of reliability.html: one widget per adapter, each on its SDK's fake
// (demo/fakes/), under a strict Content-Security-Policy, for the fuzz, fault,
// security and accessibility tests.
//   reliability.html?interp=py|mpy&adapters=embeddable,webrtc,connect,twilio,jssip,framework
//                   [&softphone=<origin of the framework softphone frame>][&timeout=s][&delay=ms]
// Widget `name` mounts in #w-<name>; reliability_mount.py exposes destroyWidget(name).
// window.pageProblems collects what must never happen: uncaught errors, unhandled
// rejections, CSP violations.
import * as fuzz from "./fuzz.js";
import { DemoSoftphone } from "./demo/fakes/softphone.js";
import { ConnectSim } from "./demo/fakes/amazon-connect.js";
import { FakeGenesysCloudWebrtcSdk } from "./demo/fakes/genesys-webrtc.js";
import { JsSipSim } from "./demo/fakes/jssip.js";
import { TwilioSim } from "./demo/fakes/twilio.js";
import { boot, interp } from "./demo/boot.js";

const params = new URLSearchParams(location.search);
const adapters = (params.get("adapters") ?? "embeddable").split(",");
const delay = Number(params.get("delay") ?? 20);
window.fuzz = fuzz;

window.pageProblems = [];
window.addEventListener("error", (event) => window.pageProblems.push(`error: ${event.message}`));
window.addEventListener("unhandledrejection", (event) =>
  window.pageProblems.push(`unhandled rejection: ${event.reason?.message ?? event.reason} ${event.reason?.stack}`),
);
document.addEventListener("securitypolicyviolation", (event) =>
  window.pageProblems.push(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`),
);

window.widgetEvents = [];
for (const type of ["mute:change", "mute:error"]) {
  document.addEventListener(type, (event) => window.widgetEvents.push({ type, ...event.detail }));
}

// Messages the page receives, counted before the widget's own listener sees them; a
// "fuzz-checkpoint" from a frame runs `onCheckpoint` once every earlier message was handled.
window.seenMessages = 0;
window.onCheckpoint = () => {};
window.addEventListener("message", (event) => {
  window.seenMessages++;
  if (typeof event.data === "string" && event.data.startsWith("fuzz-checkpoint:")) window.onCheckpoint(event);
});

for (const name of adapters) {
  const slot = document.createElement("div");
  slot.id = `w-${name}`;
  slot.className = "slot";
  document.getElementById("slots").append(slot);
}

if (adapters.includes("embeddable")) {
  window.softphone = new DemoSoftphone({ confirmDelayMs: delay });
  window.softphone.state = params.get("state") ?? "idle";
  window.softphone.accessToken = fuzz.SECRET;
}
if (adapters.includes("webrtc")) {
  window.genesysSdk = new FakeGenesysCloudWebrtcSdk({ muteDelayMs: delay });
  window.genesysSdk.accessToken = fuzz.SECRET;
}
if (adapters.includes("connect")) {
  window.connectSim = new ConnectSim({ confirmDelayMs: delay });
  window.connect = window.connectSim.connect;
  window.connectSim.initAgent();
}
if (adapters.includes("twilio")) {
  window.twilioSim = new TwilioSim();
  window.twilioDevice = window.twilioSim.device;
  window.twilioDevice.token = fuzz.SECRET;
}
if (adapters.includes("jssip")) {
  window.jssipSim = new JsSipSim({ ackDelayMs: 10 });
  window.jssipUA = window.jssipSim.ua;
}
if (adapters.includes("framework")) {
  const query = new URLSearchParams({ parent: location.origin, delay: String(delay) });
  const frame = document.createElement("iframe");
  frame.id = "softphone";
  frame.title = "Genesys Cloud softphone";
  frame.src = `${params.get("softphone")}/demo/fakes/genesys-softphone.html?${query}`;
  document.getElementById("phones").append(frame);
}

await boot("./reliability_mount.py");
