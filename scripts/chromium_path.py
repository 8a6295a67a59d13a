"""Print the system Chromium to test with, or nothing when there is none.

A system Chromium (Debian's package) is preferred; an empty answer means the tests
use the browser that ``playwright install chromium`` downloaded.
"""

import os
import shutil

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def chromium_path() -> "str | None":
    override = os.environ.get("CHROMIUM_PATH")
    if override:
        return override
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None


if __name__ == "__main__":
    print(chromium_path() or "")
