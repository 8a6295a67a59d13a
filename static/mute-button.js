// <mute-button>: the widget as a custom element, for pages written in JavaScript.
//
//   <script type="module" src="https://cdn.jsdelivr.net/npm/pyscript-mute-button@0.2.0/dist/mute-button.js"></script>
//   <mute-button sdk="mySoftphone" adapter="EmbeddableClient" shortcut="ctrl+shift+m" interpreter="mpy"></mute-button>
//
// JavaScript only for what has to be JavaScript: the element's lifecycle and booting PyScript.
// The widget itself is the Python package; mute-button.py (beside this module) mounts it in the
// element's light DOM and reports back through MuteButtonElement.connect(). The contract is in
// docs/contract.md ("The custom element").
//
// Booting: the first element of an interpreter type adds one
//   <script type="mpy" src=".../mute-button.py" config=".../micropython.toml">
// (pyscript.toml for type "py") to the page, then imports PyScript's core.js, whose config scan
// then finds it. Every element of that type shares the one interpreter. PyScript comes from the
// same CDN base as this module (the version the README names), unless the page already loads a
// PyScript core.js or the element's `pyscript` attribute names one; `config` names another config.

const PYSCRIPT_VERSION = "0.7.31";
const HERE = new URL(".", import.meta.url);
// jsDelivr's layout: .../npm/pyscript-mute-button@<version>/dist/ -> .../npm/@pyscript/core@<version>/dist/
const PYSCRIPT = new URL(`../../@pyscript/core@${PYSCRIPT_VERSION}/dist/core.js`, HERE);
const CONFIGS = { py: "pyscript.toml", mpy: "micropython.toml" };
const ENTRY = "mute-button.py";
const DEFAULT_INTERPRETER = "mpy";

/** One per interpreter type: its Python side once connected, and the elements waiting for it. */
const runtimes = new Map();
let nextKey = 0;
let pyscriptImport = null;

const interpreterOf = (el) => {
  const wanted = el.getAttribute("interpreter") || DEFAULT_INTERPRETER;
  return wanted in CONFIGS ? wanted : DEFAULT_INTERPRETER;
};

/** The PyScript the page already loads, if any: importing that same URL boots nothing twice. */
const pagePyScript = () => {
  for (const script of document.querySelectorAll('script[type="module"][src]')) {
    if (/\/@pyscript\/core(@[^/]*)?\/dist\/core\.js(\?|$)/.test(script.src)) return script.src;
  }
  return null;
};

/** The interpreter's one script: our entry file with our config (or the element's `config`). */
const addScript = (type, el) => {
  const script = document.createElement("script");
  script.type = type;
  script.src = new URL(ENTRY, HERE).href;
  const config = el.getAttribute("config");
  script.setAttribute("config", config ? new URL(config, document.baseURI).href : new URL(CONFIGS[type], HERE).href);
  script.dataset.muteButton = "";
  document.head.append(script);
};

/** PyScript, once per page, after the scripts are in place: it reads the configs when it runs. */
const loadPyScript = (el) => {
  if (pyscriptImport) return;
  const own = el.getAttribute("pyscript");
  const url = own ? new URL(own, document.baseURI).href : pagePyScript() || PYSCRIPT.href;
  pyscriptImport = import(url).catch((error) => {
    console.warn("[mute-button] PyScript could not be loaded from", url, error);
  });
};

const runtime = (type, el) => {
  let rt = runtimes.get(type);
  if (!rt) {
    rt = { python: null, waiting: new Set() };
    runtimes.set(type, rt);
    addScript(type, el);
  }
  return rt;
};

// Attribute changes and insertions within one task mount once, at the end of it.
const dirty = new Set();
let flushing = false;
const schedule = (el) => {
  dirty.add(el);
  if (!flushing) {
    flushing = true;
    queueMicrotask(flush);
  }
};

const flush = () => {
  flushing = false;
  const elements = [...dirty].filter((el) => el.isConnected);
  dirty.clear();
  // Every interpreter asked for in this task gets its script before PyScript first runs.
  for (const el of elements) runtime(interpreterOf(el), el);
  if (elements.length) loadPyScript(elements[0]);
  for (const el of elements) if (el.isConnected) el._mount();
};

export class MuteButtonElement extends HTMLElement {
  static observedAttributes = ["sdk", "adapter", "shortcut", "wait-for-sdk", "interpreter"];

  /** Called once per interpreter by mute-button.py with its mount(element, key, sdk, adapter,
   * shortcut, waitForSdk) and unmount(key); mounts every element that waited for it. */
  static connect(type, mount, unmount) {
    const rt = runtimes.get(type) ?? { python: null, waiting: new Set() };
    runtimes.set(type, rt);
    rt.python = { mount, unmount };
    const waiting = [...rt.waiting];
    rt.waiting.clear();
    for (const el of waiting) if (el.isConnected) el._mount();
  }

  constructor() {
    super();
    this._key = ++nextKey;
    this._on = null; // the interpreter type this element is mounted on (or waiting for)
  }

  connectedCallback() {
    schedule(this);
  }

  attributeChangedCallback(name, before, after) {
    if (before !== after && this.isConnected) schedule(this);
  }

  disconnectedCallback() {
    this._unmount();
  }

  _mount() {
    this._unmount();
    const type = interpreterOf(this);
    const rt = runtime(type, this);
    loadPyScript(this);
    this._on = type;
    if (!rt.python) {
      rt.waiting.add(this);
      return;
    }
    const attr = (name) => this.getAttribute(name) ?? "";
    rt.python.mount(this, this._key, attr("sdk"), attr("adapter"), attr("shortcut"), attr("wait-for-sdk"));
  }

  _unmount() {
    dirty.delete(this);
    const rt = this._on && runtimes.get(this._on);
    this._on = null;
    if (!rt) return;
    rt.waiting.delete(this);
    if (rt.python) rt.python.unmount(this._key);
  }
}

if (!customElements.get("mute-button")) customElements.define("mute-button", MuteButtonElement);
