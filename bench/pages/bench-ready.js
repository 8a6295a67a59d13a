// Shared by the four ready-time pages. A softphone with a call already connected and
// muted (the SDK is part of the host page, so the bare pages have it too), and the
// instant the widget's first complete render is in the DOM: window.benchReady.
// The bare pages' Python sets window.benchFirstLine itself on its first line.
import { BenchSoftphone } from "./bench-softphone.js";

window.softphone = new BenchSoftphone({ state: "connected", muted: true });

const complete = (b) =>
  b.getAttribute("data-call") === "connected" &&
  b.getAttribute("data-mic") === "muted" &&
  b.getAttribute("aria-pressed") === "true" &&
  b.getAttribute("data-status") === "ready" &&
  b.getAttribute("data-confirmed") === "true" &&
  !b.disabled;

const observer = new MutationObserver(() => {
  const button = document.querySelector("#mount button");
  if (button && complete(button)) {
    window.benchReady = performance.now();
    observer.disconnect();
  }
});
observer.observe(document.documentElement, { subtree: true, attributes: true, childList: true });

// PyScript's own progress events ("Loading files", "Loaded files", ...): when each step of
// its start-up began and ended, for the bench's breakdown.
window.benchProgress = [];
for (const type of ["py:progress", "mpy:progress"]) {
  addEventListener(type, (event) => window.benchProgress.push([event.detail, performance.now()]));
}
