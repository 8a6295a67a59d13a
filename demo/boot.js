// How every demo, test and bench page starts the widget, written once: the interpreter
// that ?interp= names (Pyodide by default, MicroPython with ?interp=mpy), a
// <script type="py|mpy"> that runs the page's Python with that interpreter's config,
// then PyScript itself.
//   import { boot } from "./demo/boot.js";      a page at the repository root
//   await boot("./mount_widget.py");             the root configs, as a host page uses them
//   import { boot, DEMO_CONFIGS } from "./boot.js";   a page in demo/
//   await boot("./sdk_main.py", DEMO_CONFIGS);
// `main` and the configs are URLs relative to the page, as in a <script src>.

export const interp = new URLSearchParams(location.search).get("interp") === "mpy" ? "mpy" : "py";
export const runtimeName = interp === "mpy" ? "MicroPython" : "Pyodide";

// The shipped configs, for pages at the repository root (their `interpreter` is relative
// to the page, so a page elsewhere cannot use them).
export const ROOT_CONFIGS = { py: "./pyscript.toml", mpy: "./static/micropython.toml" };
// The same configs for the pages in demo/ (demo/pyscript.toml, demo/micropython.toml).
export const DEMO_CONFIGS = { py: "./pyscript.toml", mpy: "./micropython.toml" };

export async function boot(main, configs = ROOT_CONFIGS) {
  const script = document.createElement("script");
  script.type = interp;
  script.src = main;
  script.setAttribute("config", configs[interp]);
  document.body.append(script);
  await import(new URL("../static/vendor/pyscript/core.js", import.meta.url).href);
}
