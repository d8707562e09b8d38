"""``l1l2-preview``: a foreground dev server that keeps every figure's preview current while you edit.

It serves a page on 127.0.0.1 and watches the config file(s) and the library's modules. On a save
it redraws, in this process (matplotlib, numpy and scikit-learn stay imported), only the figures
whose key (a digest of their specs, products and code) changed, the one the page shows first
(the page says which), every theme from one config, and writes each animation's contact sheets
where the workflow's sheet rule does, with the same bytes; stills are served from memory. The page
hears of every new picture and error by Server-Sent Events. One preview per folder (it holds
``Layout.preview_lock``); Ctrl-C stops it, entirely.

What the figures are and how each is drawn is ``l1l2figures.preview.figures``'s business.
"""

import argparse
import fcntl
import importlib
import io
import json
import os
import queue
import signal
import sys
import threading
import time
import traceback
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlparse

import matplotlib
import watchfiles

HOST = "127.0.0.1"  # never reachable from another machine
DEFAULT_PORT = 8765
ADAPTER = "l1l2figures.preview.figures"
# Library modules are dropped from sys.modules after an edit and imported afresh; the server stays.
KEEP_LOADED = {"l1l2figures.preview", __name__}
POLL_S = 0.2  # how long a waiting loop sleeps before it looks whether the preview is stopping
# A save's events (an editor's write and rename come microseconds apart) are taken together once
# none came for this long; watchfiles waits 50 ms by default.
WATCH_STEP_MS = 10
KEEPALIVE_S = 15  # a comment line on an idle event stream, so a dropped page is noticed
PAGE = Path(__file__).with_name("page.html")
MAX_PORT = 65535
MAX_FRAME_DIGITS = 9  # a frame index in a URL; longer is no frame of any animation


class Scene(NamedTuple):
    """An animation as last drawn in one theme: for the scrubber (its frames drawn over the
    background its sheet's drawing kept), and its sheet's file."""

    fig: object
    drawer: object  # rendering.animate.FrameDrawer
    spec: dict
    frames: int
    sheet: Path


class Superseded(Exception):
    """A save changed what the figure being drawn depends on: its drawing starts over."""


def located(error: BaseException) -> str:
    """One line for an exception: where it was raised in the library (file and line), its type
    and the first line of its message."""
    if isinstance(error, SyntaxError) and error.filename:
        filename, line, text = error.filename, error.lineno, error.msg
    else:
        # The library's frames; the preview's own say nothing to the author.
        library, preview = Path(__file__).parents[1], Path(__file__).parent
        frames = traceback.extract_tb(error.__traceback__)
        ours = [
            f for f in frames if _inside(f.filename, library) and not _inside(f.filename, preview)
        ]
        filename, line, text = *(ours or frames)[-1][:2], str(error)
    message = text.splitlines()[0] if text else ""
    return f"{_shown_path(filename)}, line {line}: {type(error).__name__}: {message}"


def _inside(path: str, folder: Path) -> bool:
    return Path(path).resolve().is_relative_to(folder)


def _shown_path(path: str) -> str:
    """``path`` relative to the project folder when it is inside it."""
    path = Path(path).resolve()
    return str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)


def close(fig) -> None:
    """Let go of a figure: scenes draw on pyplot's figures, which pyplot keeps until closed."""
    from matplotlib import pyplot

    pyplot.close(fig)


class LivePreview:
    """The preview's state, its drawing loop, and what the page is told.

    One thread draws (the main one, so Ctrl-C reaches it); the watcher thread only records saves;
    request threads read pictures and draw a single frame on demand, one drawing at a time
    (matplotlib's style settings are global).
    """

    def __init__(self, configfile: str):
        self.configfile = configfile
        self.state_lock = threading.Lock()
        # Held while drawing and while the library is swapped; the drawing loop takes it again
        # when a save arrives during a drawing.
        self.drawing = threading.RLock()
        self.changed = threading.Event()
        self.stopping = threading.Event()
        self.saves = 0  # saves seen by the watcher
        self.code_saved = True  # the library must be (re)imported before the next drawing
        self.figures = None  # the adapter module
        self.config: dict | None = None  # the last config that passed its checks
        self.themes: list[str] = []  # its themes
        self.config_error: str | None = None
        self.errors: dict[str, str] = {}  # figure -> its drawing's error
        self.versions: dict[str, dict[str, int]] = {}  # figure -> theme -> picture's version
        self.drawn: dict[str, str] = {}  # figure -> the key its pictures were drawn for
        self.products: dict[tuple[str, str], tuple[str, object]] = {}  # -> (key, product)
        self.stills: dict[tuple[str, str], bytes] = {}
        self.scenes: dict[tuple[str, str], Scene] = {}  # (figure, theme) -> last good scene
        self.clients: list[queue.Queue] = []
        self.looked_at: str | None = None  # the figure the page shows: drawn first

    def look_at(self, figure: str) -> bool:
        """The page shows ``figure`` now (False for no figure of the catalogue)."""
        known = self.figures is not None and figure in self.figures.FIGURES
        if known:
            self.looked_at = figure
        return known

    # --- what changed ---

    def saved(self, changes: set[tuple[watchfiles.Change, str]]) -> None:
        """The watcher's report of saves (called from its thread)."""
        with self.state_lock:
            self.saves += 1
            self.code_saved |= any(path.endswith(".py") for _, path in changes)
        self.changed.set()

    def refresh(self) -> None:
        """Take in the latest saves: fresh library code, the config read and checked again."""
        with self.state_lock:
            code_saved, self.code_saved = self.code_saved, False
        if code_saved:
            with self.drawing:
                for name in [n for n in sys.modules if n.startswith("l1l2figures.")]:
                    if name not in KEEP_LOADED:
                        del sys.modules[name]
                importlib.invalidate_caches()
                try:
                    self.figures = importlib.import_module(ADAPTER)
                except Exception as error:  # noqa: BLE001 (a module the adapter imports is broken)
                    # Shown like a bad config; the last adapter stays, and the next save retries.
                    with self.state_lock:
                        self.code_saved = True
                    self.config_error = located(error)
                    self.announce()
                    return
        try:
            self.config = self.figures.load_config(self.configfile)
            self.themes = self.figures.themes(self.config)
            self.config_error = None
        except Exception as error:  # noqa: BLE001 (any error: shown on the page, pictures kept)
            # By name: every reimport of the library makes a new ConfigError class.
            config_error = type(error).__name__ == "ConfigError"
            self.config_error = str(error) if config_error else located(error)
            print(f"config: {self.config_error}", file=sys.stderr, flush=True)
        self.announce()

    def looked_at_waits(self, figure: str) -> bool:
        """Does the figure on the page wait for a drawing of ``figure``, a save having made it out
        of date? Then it goes first, and ``figure`` is drawn again after it."""
        shown = self.looked_at
        if shown in (None, figure):
            return False
        try:
            return self.drawn.get(shown) != self.key_of(shown)
        except Exception:  # noqa: BLE001 (its key cannot be computed: the loop shows why)
            return False

    def key_of(self, figure: str) -> str:
        figures, keys = self.figures, self.figures.product_keys(self.config, figure)
        return figures.key(figures.figure_specs(self.config, figure), figure, "draw", keys)

    # --- drawing ---

    def stop(self, signum, frame) -> None:
        """Ctrl-C (or SIGTERM): stop at the next frame or save, where no lock is half-taken and no
        file half-written; a second Ctrl-C stops at once."""
        self.stopping.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    def run(self) -> None:
        """Draw whatever is out of date, then wait for the next save; until stopped."""
        self.changed.set()
        while not self.stopping.is_set():
            if not self.changed.wait(POLL_S):
                continue
            self.changed.clear()
            self.refresh()
            self.draw_outdated()

    def draw_outdated(self) -> None:
        if self.config is None:
            return
        waiting = list(self.figures.FIGURES)
        while waiting:
            # The figure the author looks at first, asked again after each: the page may scroll.
            figure = self.looked_at if self.looked_at in waiting else waiting[0]
            waiting.remove(figure)
            wanted = ""  # a key that cannot be computed (a module that does not parse)
            try:
                wanted = self.key_of(figure)
                if self.drawn.get(figure) == wanted:
                    continue
                self.draw_figure(figure, wanted)
            except Superseded:
                self.changed.set()  # start again from the latest save
                return
            except Exception as error:  # noqa: BLE001 (a scene's bug: shown, last pictures kept)
                # Not drawn again until a save changes its key: the same error would follow.
                self.drawn[figure] = wanted
                with self.state_lock:
                    self.errors[figure] = located(error)
                print(f"{figure}: {self.errors[figure]}", file=sys.stderr, flush=True)
                self.announce()

    def draw_figure(self, figure: str, wanted: str) -> None:
        """Draw a figure in every theme from one config, each theme published as soon as it is
        drawn (the first theme's sheet need not wait for the others); Superseded, with the theme
        being drawn left unpublished, if a save changes its key meanwhile."""
        start, seen = time.perf_counter(), self.saves
        config, figures = self.config, self.figures

        def check() -> None:
            nonlocal seen
            if self.stopping.is_set():
                raise Superseded(figure)  # Ctrl-C: run() returns
            if self.saves != seen:
                seen = self.saves
                self.refresh()
                if self.key_of(figure) != wanted or self.looked_at_waits(figure):
                    raise Superseded(figure)

        products = self.products_for(config, figures.product_keys(config, figure))
        with self.state_lock:
            # One version per drawing: every theme of it is shown under the same number.
            version = max(self.versions.get(figure, {}).values(), default=0) + 1
        for theme, spec in figures.figure_specs(config, figure).items():
            check()
            with self.drawing:
                made = figures.draw(figure, products, spec)
                try:
                    if figures.animated(figure):
                        scene = Scene(
                            made[0],
                            self.library("rendering.animate").FrameDrawer(*made),
                            spec,
                            figures.n_frames(config, figure),
                            figures.sheet_file(config, figure, theme),
                        )
                        picture = self.sheet_pixels(scene, check)
                    else:
                        check()  # a save while the figure was built
                        scene, picture = None, self.still_png(made)
                    check()  # a save while the picture was drawn
                except BaseException:
                    close(made[0] if figures.animated(figure) else made)
                    raise
                if scene is None:
                    close(made)
                self.publish(figure, theme, picture, scene, version)
        self.drawn[figure] = wanted
        print(f"{figure}: drawn in {time.perf_counter() - start:.2f} s", flush=True)

    @staticmethod
    def library(module: str):
        """A module of the library, as last imported (the library is reimported after an edit)."""
        return importlib.import_module(f"l1l2figures.{module}")

    def sheet_pixels(self, scene: Scene, check):
        tiles = []
        for index in scene.spec["frames"]:
            tiles.append(scene.drawer.draw(index))
            check()
        animate = self.library("rendering.animate")
        return animate.contact_sheet(tiles, animate.SHEET_COLUMNS)

    def publish(self, figure: str, theme: str, picture, scene: Scene | None, version: int) -> None:
        """One theme's new picture (a still's PNG, or an animation's sheet pixels and its scene)."""
        with self.drawing:
            if scene is None:
                self.stills[figure, theme] = picture
            else:
                self.library("arrays").save_png(picture, scene.sheet)
                replaced = self.scenes.get((figure, theme))
                self.scenes[figure, theme] = scene
                if replaced:
                    close(replaced.fig)
        # Its pictures are of no whole drawing until the last theme is in: a save back to the key
        # they were drawn for must draw it again.
        self.drawn.pop(figure, None)
        with self.state_lock:
            self.versions.setdefault(figure, {})[theme] = version
            self.errors.pop(figure, None)
        self.announce()

    @staticmethod
    def still_png(fig) -> bytes:
        """The PNG a render job writes (encode.write_pngs, at the figure's own dpi)."""
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=fig.dpi)
        return buffer.getvalue()

    def products_for(self, config: dict, keys: dict) -> dict:
        """The products of ``keys`` ({(figure, stage): key}, those read first): kept while their
        key holds, else read from the workflow's file where it is current, else computed here."""
        figures, products, reused = self.figures, {}, set()
        for source, key in keys.items():
            not_current = figures.stale(config, *source, reused)
            if not_current is None:
                reused.add(source)
            kept, value = self.products.get(source, (None, None))
            if kept != key:
                value = None
                if source in reused:
                    path = figures.product_file(config, *source)
                    try:
                        value = figures.read_product(config, *source)
                    except Exception as error:  # noqa: BLE001 (half-written by a job, say)
                        print(
                            f"{'/'.join(source)}: {path} unreadable, computed instead: "
                            f"{located(error)}",
                            flush=True,
                        )
                    else:
                        print(f"{'/'.join(source)}: read from {path}", flush=True)
                elif not_current:
                    print(f"{'/'.join(source)}: computed: {not_current}", flush=True)
                if value is None:
                    value = figures.compute_product(config, *source, products)
            self.products[source] = (key, value)
            products[source] = value
        return products

    def sheet_png(self, figure: str, theme: str) -> bytes | None:
        """The sheet last written, if the preview drew it (a known figure and theme)."""
        scene = self.scenes.get((figure, theme))
        return None if scene is None else scene.sheet.read_bytes()

    def frame_png(self, figure: str, theme: str, index: int) -> bytes | None:
        """Frame ``index`` of an animation as its frame rule draws it, from the last good scene."""
        with self.drawing:
            scene = self.scenes.get((figure, theme))
            if scene is None or not 0 <= index < scene.frames:
                return None
            self.figures.restyle(scene.spec)
            return self.library("arrays").png_bytes(scene.drawer.draw(index))

    # --- the page ---

    def state(self) -> dict:
        """What the page shows: every figure with its pictures' versions, and the errors."""
        with self.state_lock:
            shown = self.figures is not None and self.config is not None
            figures = [
                {
                    "name": figure,
                    "animated": self.figures.animated(figure),
                    "frames": self.figures.n_frames(self.config, figure),
                    "versions": dict(self.versions.get(figure, {})),
                }
                for figure in (self.figures.FIGURES if shown else [])
            ]
            return {
                "themes": self.themes,
                "figures": figures,
                "config_error": self.config_error,
                "errors": dict(self.errors),
            }

    def announce(self) -> None:
        message = json.dumps(self.state())
        with self.state_lock:
            for client in self.clients:
                client.put(message)

    def stream(self, write) -> None:
        """Send the state, then every change, to one page until it leaves or the preview stops."""
        client: queue.Queue = queue.Queue()
        with self.state_lock:
            self.clients.append(client)
        try:
            write(f"data: {json.dumps(self.state())}\n\n")
            idle = 0.0
            while not self.stopping.is_set():
                try:
                    write(f"data: {client.get(timeout=POLL_S)}\n\n")
                    idle = 0.0
                except queue.Empty:
                    idle += POLL_S
                    if idle >= KEEPALIVE_S:
                        write(": keep-alive\n\n")
                        idle = 0.0
        finally:
            with self.state_lock:
                self.clients.remove(client)

    def watch(self, paths: list[Path]) -> None:
        """Report saves of the config files and the library's modules (also editors that save by
        writing a new file and renaming it over the old one: the folders are watched)."""
        configs = {path.resolve() for path in paths if path.is_file()}
        library = Path(self.figures.LIBRARY)

        def relevant(change: watchfiles.Change, path: str) -> bool:
            path = Path(path)
            return path in configs or (path.suffix == ".py" and path.is_relative_to(library))

        folders = {path.parent for path in configs} | {library}
        for changes in watchfiles.watch(
            *folders,
            watch_filter=relevant,
            stop_event=self.stopping,
            raise_interrupt=False,
            step=WATCH_STEP_MS,
        ):
            self.saved(changes)


def is_frame_index(text: str) -> bool:
    """Digits that may name a frame (int() refuses thousands of digits)."""
    return text.isascii() and text.isdigit() and len(text) <= MAX_FRAME_DIGITS


def hold_lock(path: Path) -> int:
    """Lock ``path`` for as long as this process lives (the OS lets go when it ends, killed or
    not); exit with one line if another preview holds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        said = os.read(lock, 200).decode(errors="replace").strip()
        sys.exit(f"l1l2-preview: another preview serves this folder{f' ({said})' if said else ''}")
    return lock


def handler_for(preview: LivePreview):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format, *args):
            pass  # a request per picture: too many lines for the author's terminal

        def send(self, body: bytes | None, content_type: str) -> None:
            if body is None:
                self.send_error(HTTPStatus.NOT_FOUND)
                return
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            try:
                self.answer(urlparse(self.path).path.strip("/").split("/"))
            except (BrokenPipeError, ConnectionResetError):
                pass  # the page went on: a newer picture asked for, closed or reloaded

        def do_POST(self):
            match urlparse(self.path).path.strip("/").split("/"):
                case ["looking-at", figure] if preview.look_at(figure):
                    self.send_response(HTTPStatus.NO_CONTENT)
                    self.end_headers()
                case _:
                    self.send_error(HTTPStatus.NOT_FOUND)

        def answer(self, parts: list[str]) -> None:
            match parts:
                case [""]:
                    self.send(PAGE.read_bytes(), "text/html; charset=utf-8")
                case ["events"]:
                    self.events()
                case ["sheet", figure, theme]:
                    self.send(preview.sheet_png(figure, theme), "image/png")
                case ["still", figure, theme]:
                    self.send(preview.stills.get((figure, theme)), "image/png")
                case ["frame", figure, theme, index] if is_frame_index(index):
                    self.send(preview.frame_png(figure, theme, int(index)), "image/png")
                case _:
                    self.send(None, "")

        def events(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()

            def write(text: str) -> None:
                self.wfile.write(text.encode())
                self.wfile.flush()

            preview.stream(write)

    return Handler


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="l1l2-preview",
        description="Serve a live preview of every figure on 127.0.0.1 and redraw what a save "
        "changes. Run it in the project folder; Ctrl-C stops it.",
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help="0 picks a free port (default %(default)s)"
    )
    parser.add_argument(
        "--configfile",
        default="config/config.yaml",
        help="merged over config/config.yaml, as snakemake --configfile is (default %(default)s)",
    )
    args = parser.parse_args(argv)
    if not 0 <= args.port <= MAX_PORT:
        sys.exit(f"l1l2-preview: the port must be 0-{MAX_PORT}, not {args.port}")
    if not Path("Snakefile").is_file():
        sys.exit("l1l2-preview: run it in the project folder (the one with the Snakefile)")
    layout = importlib.import_module("l1l2figures.pipeline.layout")
    lock = hold_lock(Path(layout.Layout().preview_lock))
    # Drawn into buffers only: no window, whatever display the terminal has.
    matplotlib.use("Agg")
    # An edit within the second of an earlier one could otherwise be imported from stale bytecode.
    sys.dont_write_bytecode = True
    preview = LivePreview(args.configfile)
    # Ctrl-C, and `kill` (SIGTERM), stop it cleanly; also when started from a script or a shell
    # that ignores SIGINT for the commands it runs in the background (Python then keeps ignoring it).
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, preview.stop)
    try:
        server = ThreadingHTTPServer((HOST, args.port), handler_for(preview))
    except OSError as error:
        sys.exit(f"l1l2-preview: cannot serve on {HOST}:{args.port}: {error.strerror}")
    server.daemon_threads = True
    os.ftruncate(lock, 0)
    os.pwrite(lock, f"http://{HOST}:{server.server_port}/, pid {os.getpid()}\n".encode(), 0)
    threads = []
    try:
        preview.refresh()
        if preview.stopping.is_set():
            return 0
        if preview.figures is None:
            sys.exit(f"l1l2-preview: the library does not import: {preview.config_error}")
        configs = [Path(args.configfile), Path(preview.figures.BASE_CONFIG)]
        threads = [
            threading.Thread(target=server.serve_forever, args=(POLL_S,), name="http"),
            threading.Thread(target=preview.watch, args=(configs,), name="watch"),
        ]
        for thread in threads:
            thread.start()
        print(f"l1l2-preview: http://{HOST}:{server.server_port}/ (Ctrl-C stops it)", flush=True)
        preview.run()
        print("l1l2-preview: stopped", flush=True)
    except KeyboardInterrupt:  # a second Ctrl-C
        print("l1l2-preview: stopped", flush=True)
    finally:
        preview.stopping.set()
        if threads and threads[0].is_alive():
            server.shutdown()
        server.server_close()
        for thread in threads:
            if thread.is_alive():
                thread.join()
    return 0


if __name__ == "__main__":
    sys.exit(main())
