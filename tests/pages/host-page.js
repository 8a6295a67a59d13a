// The host pages of tests/browser/test_host_pages.py, on an origin that holds nothing of
// ours: a softphone created the way real pages create theirs, after an async step, and a
// single-page app that re-renders the button's element away. The query string says which.
import { DemoSoftphone } from "./demo/fakes/softphone.js";

const params = new URLSearchParams(location.search);

/** An SDK that cannot be asked (no isMicMuted) and says nothing when asked for the state it has. */
class SilentSoftphone extends DemoSoftphone {
  constructor(options) {
    super(options);
    this.isMicMuted = undefined;
  }

  setMuted(muted, lie = false) {
    if (muted === this.muted) return;
    super.setMuted(muted, lie);
  }
}

async function createSoftphone() {
  const late = params.get("late");
  if (late === "never") return;
  if (late !== null) {
    // Created after an async step, once the test says so (whatever the interpreter's speed).
    await new Promise((resolve) => {
      window.bringSoftphone = resolve;
    });
    await fetch("./host-page.js", { cache: "no-store" }); // as a token fetch would
  }
  const Kind = params.has("silent") ? SilentSoftphone : DemoSoftphone;
  const softphone = new Kind({ confirmDelayMs: 200 });
  if (params.has("muted")) {
    softphone.state = "connected";
    softphone.muted = true;
  }
  window.mySoftphone = softphone;
}

window.widgetEvents = [];
for (const type of ["mute:change", "mute:error"]) {
  document.addEventListener(type, (event) => window.widgetEvents.push({ type, ...event.detail }));
}

/** Re-render the app: the element that held the button is replaced by a new one. */
window.rerender = () => {
  const app = document.getElementById("app");
  const span = document.createElement("span");
  span.id = "mute";
  app.replaceChildren(span);
};

createSoftphone();
