"""Load test of browser play: N simultaneous browser tabs on `tulayev serve`, each reaching
the title screen, in real headless Chromium.

    .venv/bin/python -m bench.serve_bench [--sessions 30] [--timeout 180]

Starts `tulayev serve --port 0` on a temporary saves folder, opens N tabs at once in one
headless Chromium, and waits until every tab's terminal has received the title screen. It
prints the time from opening the tabs to the last title, and the spread per tab.

The browser is the system's Chromium (Debian's `chromium`) driven by Playwright, a test
dependency; no browser is ever downloaded (`playwright install` is never run). The helpers
below are also used by the browser tests in tests/classroom/test_serve_browser.py.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path

from playwright.async_api import Browser, BrowserContext, Page, async_playwright
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

REPO = Path(__file__).resolve().parents[1]
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Playwright adds --headless (and most of these too); they are named here to be plain.
CHROMIUM_FLAGS = ("--no-sandbox", "--disable-gpu", "--disable-background-networking",
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


@contextlib.asynccontextmanager
async def launch(executable: str | None = None) -> AsyncIterator[Browser]:
    """The system's headless Chromium under Playwright (never a downloaded browser)."""
    executable = executable or find_chromium()
    if executable is None:
        raise BrowserError("no Chromium found (apt-get install -y chromium)")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=executable,
                                                   args=list(CHROMIUM_FLAGS))
        try:
            yield browser
        finally:
            await browser.close()


@contextlib.asynccontextmanager
async def recording_context(browser: Browser) -> AsyncIterator[BrowserContext]:
    """A fresh browser context (its own cookies, storage and tabs) whose pages record what
    their terminal is sent (see RECORDER); closed on leaving."""
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        await context.add_init_script(RECORDER)
        yield context
    finally:
        await context.close()


async def open_tab(context: BrowserContext, url: str) -> Page:
    """A new tab at `url`, returned as soon as the page starts loading."""
    page = await context.new_page()
    await page.goto(url, wait_until="commit")
    return page


async def received(page: Page) -> str:
    """Everything the page's terminal has been sent so far, escape sequences removed."""
    return plain(await page.evaluate("window.__tulayev ? window.__tulayev.text : ''") or "")


async def sent_length(page: Page) -> int:
    """How many characters the page's terminal has been sent so far."""
    return await page.evaluate("window.__tulayev ? window.__tulayev.text.length : 0") or 0


async def wait_for_text(page: Page, text: str, timeout: float, after: int = 0,
                        poll: float = 0.1) -> None:
    """Wait until the page's terminal has been sent `text` (past the first `after`
    characters of what it had)."""
    try:
        await page.wait_for_function(
            "([text, after]) => window.__tulayev && window.__tulayev.has(text, after)",
            arg=[text, after], timeout=timeout * 1000, polling=poll * 1000)
    except PlaywrightTimeoutError:
        tail = (await received(page))[-300:]
        raise BrowserError(f"the page did not show {text!r} within {timeout:.0f} s; "
                           f"its terminal ends: {tail!r}") from None


async def title_seen_at(page: Page) -> float | None:
    """When (epoch seconds, by the page's clock) the title first reached the page."""
    value = await page.evaluate("window.__tulayev ? window.__tulayev.titleAt : null")
    return None if value is None else value / 1000


async def shown(page: Page) -> bool:
    """True once the terminal is on screen (textual.js reveals it at the first bytes)."""
    return await page.evaluate("document.body.classList.contains('-first-byte')")


async def press(page: Page, key: str, focus: bool = True) -> None:
    """Type one key into the terminal, as a person would (with `focus` false, into whatever
    has the focus: the page must have focused the terminal itself)."""
    if focus:
        await page.focus(".xterm-helper-textarea")
    await page.keyboard.press(key)


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
            async with launch() as chromium, recording_context(chromium) as browser:
                warm = await open_tab(browser, server.url)  # one tab first: imports cached
                await wait_for_text(warm, TITLE_TEXT, timeout)
                await warm.close()
                await asyncio.sleep(1.0)
                start, wall = time.monotonic(), time.time()
                pages = await asyncio.gather(*(open_tab(browser, server.url)
                                               for _ in range(sessions)))
                opened = time.monotonic()
                await asyncio.gather(*(wait_for_text(p, TITLE_TEXT, timeout, poll=1.0)
                                       for p in pages))
                seen = await asyncio.gather(*(title_seen_at(p) for p in pages))
                times = [start + (t - wall) for t in seen]
                connected = await asyncio.gather(*(p.evaluate("window.__tulayev.openedAt")
                                                   for p in pages))
                on_screen = await asyncio.gather(*(shown(p) for p in pages))
                status = await (await browser.request.get(server.url + "status")).json()
        per_tab = sorted(t - start for t in times)
        return {"sessions": sessions, "all_titles_s": round(max(times) - start, 2),
                "open_tabs_s": round(opened - start, 2),
                "first_s": round(per_tab[0], 2),
                "connect_to_title_median_s": round(statistics.median(
                    t - c / 1000 for t, c in zip(seen, connected, strict=True)), 2),
                "connect_to_title_max_s": round(max(
                    t - c / 1000 for t, c in zip(seen, connected, strict=True)), 2),
                "median_s": round(statistics.median(per_tab), 2),
                "terminals_shown": sum(on_screen), "server_active": status["active"],
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
