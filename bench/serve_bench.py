"""Load test of browser play: N simultaneous browser tabs on `tulayev serve`, each reaching
the title screen, in real headless Chromium.

    .venv/bin/python -m bench.serve_bench [--sessions 30] [--timeout 180]

Starts `tulayev serve --port 0` on a temporary saves folder, opens N tabs at once in one
headless Chromium, and waits until every tab's terminal has received the title screen. It
prints the time from opening the tabs to the last title, and the spread per tab.

The Chromium driver below (the DevTools protocol over aiohttp's websocket client, no extra
packages) is also used by the browser tests in tests/classroom/test_serve_browser.py.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

REPO = Path(__file__).resolve().parents[1]
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--no-first-run", "--disable-component-update", "--disable-sync")
TITLE_TEXT = "OBEY OR BETRAY"

# Installed in every page before its scripts run: keeps what the terminal is sent, as text,
# so a test can see what the page shows (xterm draws on a canvas, out of the DOM's reach).
RECORDER = r"""
(() => {
  const decoder = new TextDecoder();
  const ansi = new RegExp("\\x1b(?:\\[[0-?]*[ -/]*[@-~]|\\][^\\x07\\x1b]*(?:\\x07|" +
                          "\\x1b\\\\)|[PX^_][^\\x1b]*\\x1b\\\\|[@-Z\\\\-_])", "g");
  const plain = (text) => text.replace(ansi, " ").split(/\s+/).join(" ");
  const seen = window.__tulayev = {text: "", bytes: 0, opened: 0, titleAt: null,
                                   marker: "MARKER"};
  seen.has = (needle, after) => plain(seen.text.slice(after || 0)).includes(needle);
  const Native = window.WebSocket;
  function Recording(url, protocols) {
    const socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    seen.opened += 1;
    if (seen.openedAt === undefined) { seen.openedAt = Date.now(); }
    socket.addEventListener("message", (event) => {
      if (typeof event.data !== "string") {
        const chunk = new Uint8Array(event.data);
        seen.bytes += chunk.length;
        seen.text += decoder.decode(chunk, {stream: true});
        if (seen.titleAt === null && seen.has(seen.marker)) { seen.titleAt = Date.now(); }
        if (seen.text.length > 400000) { seen.text = seen.text.slice(-200000); }
      }
    });
    return socket;
  }
  Recording.prototype = Native.prototype;
  for (const key of ["CONNECTING", "OPEN", "CLOSING", "CLOSED"]) { Recording[key] = Native[key]; }
  window.WebSocket = Recording;
})();
""".replace("MARKER", "OBEY OR BETRAY")
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*"
                   r"\x1b\\|[@-Z\\-_])")


def find_chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def plain(text: str) -> str:
    """Terminal output without its escape sequences, runs of spaces folded."""
    return " ".join(_ANSI.sub(" ", text).split())


class BrowserError(Exception):
    pass


class Chromium:
    """A headless Chromium driven through the DevTools protocol (flat sessions)."""

    def __init__(self, executable: str | None = None):
        self.executable = executable or find_chromium()
        if self.executable is None:
            raise BrowserError("no Chromium found (apt-get install -y chromium)")
        self.profile = Path(tempfile.mkdtemp(prefix="tulayev-chromium-"))
        self.process: subprocess.Popen | None = None
        self.http: aiohttp.ClientSession | None = None
        self.socket = None
        self._ids = itertools.count(1)
        self._waiting: dict[int, asyncio.Future] = {}
        self._reader: asyncio.Task | None = None

    async def __aenter__(self) -> Chromium:
        self.process = subprocess.Popen(
            [self.executable, *CHROMIUM_FLAGS, f"--user-data-dir={self.profile}",
             "--remote-debugging-port=0", "--window-size=1280,800", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and len(port_file.read_text().splitlines()) >= 2):
            if self.process.poll() is not None or time.monotonic() > deadline:
                await self.close()
                raise BrowserError("Chromium did not start")
            await asyncio.sleep(0.05)
        port, path = port_file.read_text().splitlines()[:2]
        self.http = aiohttp.ClientSession()
        self.socket = await self.http.ws_connect(f"ws://127.0.0.1:{port}{path}",
                                                 max_msg_size=0)
        self._reader = asyncio.create_task(self._read())
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader
        if self.socket is not None:
            await self.socket.close()
        if self.http is not None:
            await self.http.close()
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)

    async def _read(self) -> None:
        async for message in self.socket:
            data = json.loads(message.data)
            future = self._waiting.pop(data.get("id"), None)
            if future is not None and not future.done():
                if "error" in data:
                    future.set_exception(BrowserError(str(data["error"])))
                else:
                    future.set_result(data.get("result", {}))

    async def send(self, method: str, params: dict | None = None,
                   session: str | None = None) -> dict:
        ident = next(self._ids)
        future = asyncio.get_running_loop().create_future()
        self._waiting[ident] = future
        message = {"id": ident, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        await self.socket.send_str(json.dumps(message))
        return await asyncio.wait_for(future, 60)

    async def new_page(self, url: str) -> Page:
        target = await self.send("Target.createTarget", {"url": "about:blank"})
        attached = await self.send("Target.attachToTarget",
                                   {"targetId": target["targetId"], "flatten": True})
        page = Page(self, attached["sessionId"], target["targetId"])
        await page.send("Page.enable")
        await page.send("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDER})
        await page.send("Page.navigate", {"url": url})
        return page


class Page:
    def __init__(self, browser: Chromium, session: str, target: str):
        self.browser = browser
        self.session = session
        self.target = target

    async def close(self) -> None:
        await self.browser.send("Target.closeTarget", {"targetId": self.target})

    async def send(self, method: str, params: dict | None = None) -> dict:
        return await self.browser.send(method, params, self.session)

    async def evaluate(self, expression: str):
        result = await self.send("Runtime.evaluate", {"expression": expression,
                                                      "returnByValue": True})
        return result.get("result", {}).get("value")

    async def received(self) -> str:
        """Everything the page's terminal has been sent so far, escape sequences removed."""
        return plain(await self.evaluate("window.__tulayev ? window.__tulayev.text : ''") or "")

    async def body_text(self) -> str:
        return await self.evaluate("document.body ? document.body.innerText : ''") or ""

    async def length(self) -> int:
        """How many characters the terminal has been sent so far."""
        return await self.evaluate("window.__tulayev ? window.__tulayev.text.length : 0") or 0

    async def wait_for(self, text: str, timeout: float, after: int = 0,
                       poll: float = 0.1) -> float:
        """Wait until the terminal has been sent `text` (past the first `after` characters
        of what it had); returns when, by the monotonic clock."""
        deadline = time.monotonic() + timeout
        check = f"window.__tulayev ? window.__tulayev.has({json.dumps(text)}, {after}) : false"
        while True:
            if await self.evaluate(check):
                return time.monotonic()
            if time.monotonic() > deadline:
                raise BrowserError(f"the page did not show {text!r} within {timeout:.0f} s")
            await asyncio.sleep(poll)

    async def title_seen_at(self) -> float | None:
        """When (epoch seconds, by the page's clock) the title first reached the page."""
        value = await self.evaluate("window.__tulayev ? window.__tulayev.titleAt : null")
        return None if value is None else value / 1000

    async def shown(self) -> bool:
        """True once the terminal is on screen (textual.js reveals it at the first bytes)."""
        return bool(await self.evaluate(
            "document.body.classList.contains('-first-byte')"))

    async def press(self, key: str, focus: bool = True) -> None:
        """Type one printable key into the terminal, as a person would (with `focus`
        false, into whatever has the focus: the page must have focused the terminal)."""
        if focus:
            await self.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
        code = f"Key{key.upper()}" if key.isalpha() else f"Digit{key}" if key.isdigit() else ""
        base = {"key": key, "code": code, "windowsVirtualKeyCode": ord(key.upper())}
        await self.send("Input.dispatchKeyEvent", {"type": "keyDown", "text": key, **base})
        await self.send("Input.dispatchKeyEvent", {"type": "keyUp", **base})

    async def screenshot(self, path: Path) -> None:
        import base64

        data = await self.send("Page.captureScreenshot", {"format": "png"})
        path.write_bytes(base64.b64decode(data["data"]))


class ServeProcess:
    """`tulayev serve --port 0` as a child process; `url` once it is listening."""

    def __init__(self, saves_dir: Path, *extra: str, story: Path | None = None):
        args = [sys.executable, "-m", "game", "serve", "--port", "0", "--saves-dir",
                str(saves_dir), *extra]
        if story is not None:
            args += ["--story", str(story)]
        env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True, env=env, cwd=REPO)
        self.lines: list[str] = []
        self.url = ""
        deadline = time.monotonic() + 60
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))
            match = re.search(r"on (http://\S+/) ", line)
            if match:
                self.url = match.group(1)
                break
            if time.monotonic() > deadline:
                break
        if not self.url:
            self.stop()
            raise BrowserError("tulayev serve did not start: " + " | ".join(self.lines))

    def stop(self) -> str:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        rest = self.process.stdout.read() if self.process.stdout else ""
        return "\n".join(self.lines) + "\n" + rest

    def __enter__(self) -> ServeProcess:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


async def bench(sessions: int, timeout: float) -> dict:
    with tempfile.TemporaryDirectory(prefix="tulayev-serve-bench-") as folder:
        with ServeProcess(Path(folder), "--max-sessions", str(sessions)) as server:
            async with Chromium() as browser:
                warm = await browser.new_page(server.url)   # one tab first: imports cached
                await warm.wait_for(TITLE_TEXT, timeout)
                await warm.close()
                await asyncio.sleep(1.0)
                start, wall = time.monotonic(), time.time()
                pages = await asyncio.gather(*(browser.new_page(server.url)
                                               for _ in range(sessions)))
                opened = time.monotonic()
                await asyncio.gather(*(p.wait_for(TITLE_TEXT, timeout, poll=1.0)
                                       for p in pages))
                seen = await asyncio.gather(*(p.title_seen_at() for p in pages))
                times = [start + (t - wall) for t in seen]
                connected = await asyncio.gather(*(p.evaluate("window.__tulayev.openedAt")
                                                   for p in pages))
                shown = await asyncio.gather(*(p.shown() for p in pages))
                async with aiohttp.ClientSession() as http, \
                        http.get(server.url + "status") as response:
                    status = await response.json()
        per_tab = sorted(t - start for t in times)
        return {"sessions": sessions, "all_titles_s": round(max(times) - start, 2),
                "open_tabs_s": round(opened - start, 2),
                "first_s": round(per_tab[0], 2),
                "connect_to_title_median_s": round(statistics.median(
                    t - c / 1000 for t, c in zip(seen, connected, strict=True)), 2),
                "connect_to_title_max_s": round(max(
                    t - c / 1000 for t, c in zip(seen, connected, strict=True)), 2),
                "median_s": round(statistics.median(per_tab), 2),
                "terminals_shown": sum(shown), "server_active": status["active"],
                "cpus": os.cpu_count()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--timeout", type=float, default=240)
    args = parser.parse_args(argv)
    if find_chromium() is None:
        print("serve bench skipped: no Chromium (apt-get install -y chromium)")
        return 0
    result = asyncio.run(bench(args.sessions, args.timeout))
    print(f"serve: {result['sessions']} simultaneous browser sessions all reached the title "
          f"screen in {result['all_titles_s']} s (first {result['first_s']} s, median "
          f"{result['median_s']} s; {result['terminals_shown']} terminals shown, "
          f"{result['server_active']} games running; {result['cpus']} CPUs shared by the "
          "server and every browser tab)")
    print(f"       from a tab's connection to its title: median "
          f"{result['connect_to_title_median_s']} s, slowest "
          f"{result['connect_to_title_max_s']} s")
    return 0 if result["terminals_shown"] == result["sessions"] else 1


if __name__ == "__main__":
    sys.exit(main())
