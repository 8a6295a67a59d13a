// Imports widget modules from a folder in an interpreter under Node.js, as a page would
// after unpacking the package archive: tests/unit/test_bytecode.py checks what it reports,
// bench/import_cost.py times it.
//   node node_import.mjs <micropython|pyodide|pyodide-pyc> <runtime .mjs> <folder holding widget/> <runs> <module>...
// Each run starts a fresh runtime, copies the folder into its file system and imports the
// modules, timed alone (performance.now() around them). Prints one JSON line: {"ms": [one
// per run], "version", "mpy" (MicroPython's sys.implementation._mpy: the .mpy format it
// reads; null on Pyodide), "files" (where each module came from), "bytes"}.
// pyodide-pyc: before the timing, Pyodide's own Python compiles the sources to .pyc files
// (compileall, legacy layout: each beside its source) and the sources are removed; "bytes"
// is then the size of the .pyc files (there is no Python of that version outside Pyodide).
// `pyscript` is a stand-in with the three names widget/bridge/runtime.py imports.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [kind, runtime, root, runs, ...names] = process.argv.slice(2);
const pyodide = kind.startsWith("pyodide");
const module = await import(pathToFileURL(runtime));
globalThis.shimStandIn = new Proxy({}, { get: () => () => null });
const STAND_IN = {
  "__init__.py": "import js\ndocument = None\nwindow = js\n",
  "ffi.py": pyodide ? "from pyodide.ffi import create_proxy\n" : "from jsffi import create_proxy\n",
  "js_modules.py": "import js\nmute_bridge = js.shimStandIn\n",
};

function copy(FS, from, to) {
  for (const name of fs.readdirSync(from)) {
    const source = path.join(from, name);
    if (fs.statSync(source).isDirectory()) {
      FS.mkdir(`${to}/${name}`);
      copy(FS, source, `${to}/${name}`);
    } else {
      FS.writeFile(`${to}/${name}`, fs.readFileSync(source));
    }
  }
}

const NAMES = JSON.stringify(names);
const IMPORTS = `
import sys
sys.path.insert(0, "/app")
for name in ${NAMES}:
    __import__(name)
`;
const REPORT = `
import js, json, sys
js.importReport = json.dumps({
    "version": list(sys.implementation.version[:3]),
    "mpy": getattr(sys.implementation, "_mpy", None),
    "files": [sys.modules[name].__file__ for name in ${NAMES}],
})
`;
const COMPILE = `
import compileall, js, os
compileall.compile_dir("/app/widget", quiet=1, legacy=True)
size = 0
for folder, _, files in os.walk("/app/widget"):
    for name in files:
        if name.endswith(".py"):
            os.remove(folder + "/" + name)
        else:
            size += os.stat(folder + "/" + name)[6]
js.compiledBytes = size
`;
const ms = [];
for (let i = 0; i < Number(runs); i++) {
  const py = pyodide ? await module.loadPyodide() : await module.loadMicroPython({ stdout: () => {} });
  py.FS.mkdir("/app");
  copy(py.FS, root, "/app");
  py.FS.mkdir("/app/pyscript");
  for (const [name, text] of Object.entries(STAND_IN)) py.FS.writeFile(`/app/pyscript/${name}`, text);
  if (pyodide) py.runPython("import sys; sys.dont_write_bytecode = True");
  if (kind === "pyodide-pyc") py.runPython(COMPILE);
  const start = performance.now();
  py.runPython(IMPORTS);
  ms.push(performance.now() - start);
  py.runPython(REPORT);
}
console.log(JSON.stringify({ ms, bytes: globalThis.compiledBytes ?? 0, ...JSON.parse(globalThis.importReport) }));
