// Test page loader for the Genesys adapters:
//   genesys.html?sdk=webrtc&interp=py|mpy[&delay=ms]
//     window.genesysSdk is the fake GenesysCloudWebrtcSdk (demo/fakes/genesys-webrtc.js);
//     &media=tone: each connected call sends a steady tone on its session's pc (media-call.js);
//   genesys.html?sdk=framework&softphone=<origin>&interp=py|mpy[&muted-field=1][&delay=ms]
//     #softphone is an <iframe> on the other origin running the simulated Genesys
//     softphone with the shipped static/genesys/framework.js.
// Then genesys_mount.py mounts the widget on the root config of that interpreter.
import { FakeGenesysCloudWebrtcSdk } from "./demo/fakes/genesys-webrtc.js";
import { boot, interp } from "./demo/boot.js";

const params = new URLSearchParams(location.search);

window.widgetEvents = [];
for (const type of ["mute:change", "mute:error"]) {
  document.addEventListener(type, (event) => window.widgetEvents.push({ type, ...event.detail }));
}

// Every message the page receives, recorded before the widget's own listener runs, so a
// test knows that a (foreign) message has been dispatched before it checks the button.
window.seenMessages = [];
window.addEventListener("message", (event) => {
  window.seenMessages.push({ origin: event.origin, data: event.data, trusted: event.isTrusted });
});

if (params.get("sdk") === "webrtc") {
  const media = params.get("media") === "tone" ? { microphone: false, pulse: false } : null;
  window.genesysSdk = new FakeGenesysCloudWebrtcSdk({ muteDelayMs: Number(params.get("delay") ?? 50), media });
} else {
  const query = new URLSearchParams({ parent: location.origin, delay: params.get("delay") ?? "50" });
  if (params.get("muted-field")) query.set("muted-field", "1");
  const frame = document.createElement("iframe");
  frame.id = "softphone";
  frame.title = "Genesys Cloud softphone";
  frame.allow = "camera *; microphone *";
  frame.src = `${params.get("softphone")}/demo/fakes/genesys-softphone.html?${query}`;
  document.getElementById("phones").append(frame);
}

await boot("./genesys_mount.py");
