"""What importing the widget package costs, from sources against precompiled bytecode:
``make bench`` runs it after the page figures (or ``.venv/bin/python bench/import_cost.py``).

MicroPython: the archive's sources against the .mpy files the MicroPython archive ships
(scripts/build_dist.py ``bytecode``). Pyodide: the zip's sources against .pyc files, which
only Pyodide's own Python can write (its version is not this machine's). Each figure is the
median over fresh runtimes under Node.js, sources and bytecode runs interleaved, timing the
imports of every module of the package and nothing else. Not a test: it prints figures.
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from build_dist import bytecode, module_names, modules, unpack  # noqa: E402

SCRIPT = ROOT / "scripts" / "node_import.mjs"
RUNTIMES = {
    "micropython": ROOT
    / "node_modules"
    / "@micropython"
    / "micropython-webassembly-pyscript"
    / "micropython.mjs",
    "pyodide": ROOT / "node_modules" / "pyodide" / "pyodide.mjs",
}


def run(kind: str, runtime: Path, root: Path, runs: int) -> dict:
    done = subprocess.run(
        ["node", str(SCRIPT), kind, str(runtime), str(root), str(runs), *module_names()],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"import_cost: {kind} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(rounds: int, runs: int) -> dict:
    sources = modules()
    with tempfile.TemporaryDirectory() as folder:
        source_root = unpack(sources, Path(folder) / "sources")
        mpy_root = unpack(bytecode(sources), Path(folder) / "mpy")
        cases = {
            "micropython": (("micropython", source_root), ("micropython", mpy_root)),
            "pyodide": (("pyodide", source_root), ("pyodide-pyc", source_root)),
        }
        figures = {}
        for interp, (plain, compiled) in cases.items():
            times = {"source": [], "bytecode": []}
            compiled_bytes = 0
            for _ in range(rounds):
                times["source"] += run(plain[0], RUNTIMES[interp], plain[1], runs)["ms"]
                result = run(compiled[0], RUNTIMES[interp], compiled[1], runs)
                times["bytecode"] += result["ms"]
                compiled_bytes = result["bytes"]
            if interp == "micropython":
                compiled_bytes = sum(p.stat().st_size for p in mpy_root.rglob("*.mpy"))
            source_ms = statistics.median(times["source"])
            bytecode_ms = statistics.median(times["bytecode"])
            figures[interp] = {
                "import_ms_source": source_ms,
                "import_ms_bytecode": bytecode_ms,
                "import_ratio": bytecode_ms / source_ms,
                "bytes_source": sum(len(data) for data in sources.values()),
                "bytes_bytecode": compiled_bytes,
            }
            print(
                f"  {interp}: import from sources {source_ms:.1f} ms, from bytecode {bytecode_ms:.1f} ms"
                f" (ratio {bytecode_ms / source_ms:.2f}); {figures[interp]['bytes_source']:,} bytes of"
                f" sources, {compiled_bytes:,} of bytecode",
                flush=True,
            )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=5, help="fresh runtimes per round and case")
    args = parser.parse_args()
    print("import cost (Node.js, every module of the package):")
    measure(args.rounds, args.runs)


if __name__ == "__main__":
    main()
