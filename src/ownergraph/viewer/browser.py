"""How the viewer page is opened in a headless Chromium, for its browser tests and the
large-graph benchmark: the executable and the launch arguments, in one place.

Nothing here starts a browser; the callers pass these to playwright's
``chromium.launch(executable_path=str(CHROMIUM), args=HEADLESS_ARGS)``.

Examples
--------
>>> CHROMIUM.name
'chromium'
>>> "--headless" in HEADLESS_ARGS and "--disable-background-networking" in HEADLESS_ARGS
True
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["CHROMIUM", "HEADLESS_ARGS"]

#: Debian's Chromium (``apt-get install -y chromium``)
CHROMIUM = Path("/usr/bin/chromium")

#: headless, without a sandbox or GPU, and without the browser's own network traffic
#: (background updates, sync), so that a page's requests are the only ones made
HEADLESS_ARGS: tuple[str, ...] = (
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
