// Click to silence (bench-media.html?interp=py|mpy): bench/run.py drives it.
// The simulated softphone carries a steady tone over a real WebRTC call inside the page
// (demo/fakes/media-call.js) to a remote party that measures what it hears; the widget is
// mounted with verify_media by bench_media.py. After a click on #answer,
// window.benchSilence(n) clicks Mute n
// times and returns, for each click, the ms until the last sound the remote party heard
// and until the widget verified the silence (mute:media "silent").
import { DemoSoftphone } from "./demo/fakes/softphone.js";
import { boot, interp } from "./demo/boot.js";

const params = new URLSearchParams(location.search);
const phone = new DemoSoftphone({ confirmDelayMs: 0, media: { microphone: false, pulse: false } });
window.softphone = phone;
window.benchCallAudio = () => phone.peerConnection();
// The call is answered with a real click (bench/run.py clicks it): Chromium lets the
// page's audio run only after a user gesture when no microphone is open.
const answer = document.getElementById("answer");
answer.addEventListener("click", async () => {
  answer.disabled = true;
  phone.ring();
  phone.answer();
  await phone.mediaReady;
  document.documentElement.dataset.benchAnswered = "1";
});

let verifiedAt = null;
document.addEventListener("mute:media", (event) => {
  if (event.detail.state === "silent") verifiedAt = performance.now();
});

const waitFor = (test, what, timeoutMs = 10_000) =>
  new Promise((resolve, reject) => {
    const start = performance.now();
    const tick = () => {
      if (test()) resolve();
      else if (performance.now() - start > timeoutMs) reject(new Error(`benchSilence: no ${what} in ${timeoutMs} ms`));
      else setTimeout(tick, 5);
    };
    tick();
  });

window.benchSilence = async (cycles) => {
  const button = document.querySelector("#mount button");
  const hearing = () => phone.media.hearing;
  const silence = [];
  const verified = [];
  for (let i = 0; i < cycles; i += 1) {
    await waitFor(() => button.getAttribute("aria-pressed") === "false" && !button.disabled, "unmuted button");
    await waitFor(() => phone.media.heardSince(performance.now() - 60), "sound at the remote party");
    verifiedAt = null;
    const clicked = performance.now();
    button.click();
    // Silence: nothing above -40 dBFS for 300 ms (the tone is steady, so any gap is the mute).
    await waitFor(() => hearing().lastSoundAt < performance.now() - 300, "silence at the remote party");
    await waitFor(() => verifiedAt !== null, "verified silence");
    silence.push(hearing().lastSoundAt - clicked);
    verified.push(verifiedAt - clicked);
    button.click();
  }
  return { silence, verified };
};

await boot("./bench_media.py");
