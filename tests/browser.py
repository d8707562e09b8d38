"""Headless Chromium from Debian's package, driven over the DevTools protocol, for page tests.

Nothing here downloads a browser: the tests use the `chromium` on PATH, and in CI they fail rather
than skip without it (.ci/run installs it).
"""

import base64
import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import websocket

# Headless Chromium as this machine runs it: no sandbox (root), no GPU, no network chatter.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WINDOW_SIZE = (1280, 900)
START_TIMEOUT_S = 30  # for Chromium to open its DevTools port on a busy machine
REPLY_TIMEOUT_S = 60  # for one DevTools command, page loads included


def require_chromium() -> str:
    """Chromium's path; skips the test without it, except in CI, where it fails."""
    import pytest  # here: the benchmark drives Chromium with this module too, without pytest

    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs it")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return path


class Page:
    """One tab: send DevTools commands, and keep every event the browser sent meanwhile."""

    def __init__(self, ws_url: str):
        self._ws = websocket.create_connection(
            ws_url, timeout=REPLY_TIMEOUT_S, suppress_origin=True
        )
        self._last_id = 0
        self.events: list[dict] = []

    def call(self, method: str, **params):
        self._last_id += 1
        self._ws.send(json.dumps({"id": self._last_id, "method": method, "params": params}))
        while True:
            message = json.loads(self._ws.recv())
            if message.get("id") == self._last_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]
            self.events.append(message)

    def wait_for(self, method: str) -> dict:
        """The next event named ``method`` (or one that came already)."""
        for event in self.events:
            if event["method"] == method:
                return event
        while True:
            event = json.loads(self._ws.recv())
            self.events.append(event)
            if event.get("method") == method:
                return event

    def evaluate(self, expression: str):
        """The value of a JavaScript expression; promises are awaited."""
        reply = self.call(
            "Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True
        )
        if "exceptionDetails" in reply:
            raise RuntimeError(f"{expression[:80]}...: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def open(self, url: str, media: dict[str, str]) -> None:
        """Load ``url`` with the given media features emulated (e.g. prefers-color-scheme)."""
        for domain in ("Page", "Network", "Runtime", "Log"):
            self.call(f"{domain}.enable")
        features = [{"name": name, "value": value} for name, value in media.items()]
        self.call("Emulation.setEmulatedMedia", features=features)
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def screenshot(self, path: Path) -> Path:
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions and failed requests seen so far."""
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params["type"] == "error":
                found.append(f"console.error: {params['args']}")
            elif method == "Runtime.exceptionThrown":
                found.append(f"exception: {params['exceptionDetails']}")
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append(f"log: {params['entry']['text']} {params['entry'].get('url', '')}")
            # A media request that the player cancels to re-request a range is no failure.
            elif method == "Network.loadingFailed" and not params.get("canceled"):
                found.append(f"failed request: {params['errorText']}")
            elif method == "Network.responseReceived" and params["response"]["status"] >= 400:
                found.append(f"HTTP {params['response']['status']}: {params['response']['url']}")
        return found

    def requested(self) -> set[str]:
        """The URLs the page has requested so far."""
        return {
            event["params"]["request"]["url"]
            for event in self.events
            if event.get("method") == "Network.requestWillBeSent"
        }

    def close(self) -> None:
        self._ws.close()


@contextlib.contextmanager
def chromium_page(chromium: str, profile: Path, window=WINDOW_SIZE) -> Iterator[Page]:
    """A fresh headless Chromium with one blank tab, closed afterwards."""
    process = subprocess.Popen(
        [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",  # Chromium picks a free port and writes it down
            f"--window-size={window[0]},{window[1]}",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + START_TIMEOUT_S
        while not (port_file.exists() and port_file.read_text().count("\n") >= 1):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Chromium did not start (exit code {process.poll()})")
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as reply:
            targets = json.load(reply)
        page = Page(next(t for t in targets if t["type"] == "page")["webSocketDebuggerUrl"])
        try:
            yield page
        finally:
            page.close()
    finally:
        process.terminate()
        process.wait(timeout=START_TIMEOUT_S)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # the test reads requests in DevTools' network log
        pass


@contextlib.contextmanager
def serving(folder: Path):
    """A local HTTP server of ``folder`` on 127.0.0.1; its base URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
