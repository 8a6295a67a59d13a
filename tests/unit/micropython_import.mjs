// Imports the whole widget package from .mpy files in a MicroPython runtime under Node.js,
// as a page would after unpacking the MicroPython archive:
//   node micropython_import.mjs <runtime dir> <folder holding widget/> <module>...
// Prints one JSON line: the runtime's version, the .mpy format it reads
// (sys.implementation._mpy) and the file each module named was imported from.
// `pyscript` is a stand-in with the three names widget/bridge/runtime.py imports.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [runtimeDir, packageRoot, ...names] = process.argv.slice(2);
const { loadMicroPython } = await import(pathToFileURL(path.join(runtimeDir, "micropython.mjs")));
const mp = await loadMicroPython({ stdout: (line) => process.stdout.write(line + "\n") });

function copy(from, to) {
  for (const name of fs.readdirSync(from)) {
    const source = path.join(from, name);
    if (fs.statSync(source).isDirectory()) {
      mp.FS.mkdir(`${to}/${name}`);
      copy(source, `${to}/${name}`);
    } else {
      mp.FS.writeFile(`${to}/${name}`, fs.readFileSync(source));
    }
  }
}
mp.FS.mkdir("/app");
copy(packageRoot, "/app");
mp.FS.mkdir("/app/pyscript");
mp.FS.writeFile("/app/pyscript/__init__.py", "import js\ndocument = None\nwindow = js\n");
mp.FS.writeFile("/app/pyscript/ffi.py", "from jsffi import create_proxy\n");
mp.FS.writeFile("/app/pyscript/js_modules.py", "import js\nmute_bridge = js.shimStandIn\n");
globalThis.shimStandIn = new Proxy({}, { get: () => () => null });

mp.runPython(`
import sys, json
sys.path.insert(0, "/app")
files = []
for name in ${JSON.stringify(names)}:
    __import__(name)
    files.append(sys.modules[name].__file__)
print(json.dumps({
    "version": list(sys.implementation.version[:3]),
    "mpy": sys.implementation._mpy,
    "files": files,
}))
`);
