"""What the browser tests share: where Chromium and npm are, how Chromium runs here, and TimelineJS served locally."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NPM = shutil.which("npm")
# Headless, and without the background requests a closed network refuses.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def install_timelinejs(folder: Path) -> Path:
    """``@knight-lab/timelinejs`` installed into ``folder`` (or ``$TIMELINEJS_DIR``); skips if npm cannot."""
    given = os.environ.get("TIMELINEJS_DIR")
    if given:
        return Path(given)
    assert NPM is not None
    done = subprocess.run(
        [NPM, "install", "--no-audit", "--no-fund", "--silent", "@knight-lab/timelinejs@3"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        # The registry is outside this project; say so rather than fail the suite on its outage.
        pytest.skip(f"npm could not install @knight-lab/timelinejs: {done.stderr.strip()[:200]}")
    return folder


@contextmanager
def serve(site: Path, timelinejs: Path) -> Iterator[str]:
    """Serve ``site`` (with TimelineJS's node_modules beside it) on localhost; yield its base URL."""
    (site / "node_modules").symlink_to(timelinejs / "node_modules")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
