"""The docs live inside the repository, and the npm package carries the ones the README links.

- Every relative link (and image) in README.md and docs/*.md points to a file tracked in
  the repository; http(s) and other absolute URLs and pure ``#anchors`` are not checked,
  and a link with an anchor or a query checks its file part.
- No tracked file names a path outside the repository where the reference texts once
  were (the two strings are built below so that this file does not contain them).
- package.json ``files`` covers every file under docs/ that the README links to
  (images are the README's own pictures, not documents, and are left out).
"""

import fnmatch
import json
import posixpath
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = (".." + "/shared", "shared" + "/reference")

FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.M | re.S)
# [text](target "title") and ![alt](target); the text may hold `code` and one level of [brackets].
LINK = re.compile(r"(!?)\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
# [label]: target, a reference definition on its own line.
REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?", re.M)
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def tracked_files() -> "set[str]":
    """Every file git tracks, as a path relative to the repository root."""
    out = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, timeout=60
    ).stdout
    return {name for name in out.decode("utf-8").split("\0") if name}


def links(text: str) -> "list[tuple[str, bool]]":
    """(target, is_image) for every Markdown link and image outside fenced code blocks."""
    text = FENCE.sub("", text)
    found = [(m.group(2), m.group(1) == "!") for m in LINK.finditer(text)]
    found += [(m.group(1), False) for m in REFERENCE.finditer(text)]
    return found


def resolve(target: str, document: str) -> "str | None":
    """The repository path a relative link in ``document`` points to; None for a URL or a
    pure anchor; a path starting with ``../`` when it leaves the repository."""
    if SCHEME.match(target) or target.startswith("#") or target.startswith("//"):
        return None
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path:
        return None
    here = "" if path.startswith("/") else posixpath.dirname(document)
    return posixpath.normpath(posixpath.join(here, path.lstrip("/")))


def broken_links(text: str, document: str, files: "set[str]") -> "list[str]":
    """The relative links of ``document`` (a path relative to the root) whose file is not in
    ``files``; a link to a folder counts when a tracked file lies inside it."""
    broken = []
    for target, _image in links(text):
        path = resolve(target, document)
        if path is None:
            continue
        folder = path.rstrip("/") + "/"
        if (
            path.startswith("../")
            or path == ".."
            or (path not in files and not any(f.startswith(folder) for f in files))
        ):
            broken.append(target)
    return broken


def documents(files: "set[str]") -> "list[str]":
    return sorted(f for f in files if f == "README.md" or re.fullmatch(r"docs/[^/]+\.md", f))


def packed(path: str, entries: "list[str]") -> bool:
    """Whether an npm ``files`` list includes ``path``."""
    for entry in entries:
        entry = entry[2:] if entry.startswith("./") else entry
        if entry.endswith("/") and path.startswith(entry):
            return True
        if path == entry or path.startswith(entry.rstrip("/") + "/") or fnmatch.fnmatch(path, entry):
            return True
    return False


def unpacked_docs(readme: str, entries: "list[str]") -> "list[str]":
    """The docs/ files the README links to (not its images) that ``files`` leaves out."""
    linked = {resolve(t, "README.md") for t, image in links(readme) if not image}
    return sorted(p for p in linked if p and p.startswith("docs/") and not packed(p, entries))


# -- the repository as it is -------------------------------------------------------------------
def test_every_relative_link_in_the_docs_points_to_a_tracked_file():
    files = tracked_files()
    docs = documents(files)
    assert "README.md" in docs and "docs/contract.md" in docs and "docs/sdk-notes.md" in docs
    broken = {doc: broken_links((ROOT / doc).read_text(encoding="utf-8"), doc, files) for doc in docs}
    broken = {doc: targets for doc, targets in broken.items() if targets}
    assert not broken, f"links to files that are not in the repository: {broken}"


def test_no_tracked_file_names_a_path_outside_the_repository():
    found = []
    for name in sorted(tracked_files()):
        path = ROOT / name
        if not path.is_file():
            continue
        data = path.read_bytes()
        found += [f"{name}: {word}" for word in FORBIDDEN if word.encode() in data]
    assert not found, "files that point outside the repository:\n" + "\n".join(found)


def test_the_npm_package_carries_every_doc_the_readme_links_to():
    entries = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["files"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    linked = {resolve(t, "README.md") for t, image in links(readme) if not image}
    assert {"docs/contract.md", "docs/sdk-notes.md"} <= linked
    missing = unpacked_docs(readme, entries)
    assert not missing, f"package.json files leaves out {missing}"


# -- the checks can fail --------------------------------------------------------------------------
def test_the_checks_catch_what_they_are_for():
    files = {"README.md", "docs/contract.md", "docs/demo.png", "index.html", "static/x.js"}
    outside = FORBIDDEN[0] + "/reference/contract.md"
    readme = (
        "[c](" + outside + ") [ok](docs/contract.md#loading) [`x`](index.html?interp=mpy)\n"
        "[gone](docs/missing.md) ![pic](docs/demo.png) [web](https://example.com/a.md) [top](#top)\n"
        "[folder](static/) [up](..)\n"
        "```\n[in a code block](nowhere.md)\n```\n"
        "[ref]: docs/nothing.md\n"
    )
    assert broken_links(readme, "README.md", files) == [outside, "docs/missing.md", "..", "docs/nothing.md"]
    assert broken_links("[back](../README.md) [self](contract.md)", "docs/contract.md", files) == []
    assert broken_links("[out](../../x.md)", "docs/contract.md", files) == ["../../x.md"]
    assert unpacked_docs(readme, ["dist/"]) == ["docs/contract.md", "docs/missing.md", "docs/nothing.md"]
    assert unpacked_docs("[c](docs/contract.md) ![p](docs/demo.png)", ["dist/", "docs/contract.md"]) == []
    assert unpacked_docs("[c](docs/contract.md)", ["docs/"]) == []
    assert unpacked_docs("[c](docs/contract.md)", ["docs/*.md"]) == []
