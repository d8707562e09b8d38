"""What the blog player weighs, read from a built site/: `python bench/player.py [SITE]`.

Per animation, in the light theme (the dark one is the same size to within a few per cent): what
a page loads before the reader asks for the player (the WebM and the poster, as before the
player, plus the shared script and stylesheet once per page), what the player fetches when asked
(player.json; its frames are seeks into the video the page already holds, so none on a server
with byte ranges, and the video once more on one without), against the GIF the frames must not
outweigh. Bytes as served and gzipped (level 9, as a server compresses text). Rewrites the
"## Player" section of bench/results.md (bench/run.py writes it too, from its own build).
"""

import gzip
import sys
from pathlib import Path

BENCH = Path(__file__).parent
REPO = BENCH.parent
SCRIPT_BUDGET_BYTES = 10_000  # the bound: script and stylesheet, gzipped together
SECTION = "## Player"


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def kb(n_bytes: int) -> str:
    return f"{n_bytes / 1000:.1f}"


def player_table(site: Path) -> list[str]:
    """The section's lines: a row per animation, then the shared files against their budget."""
    # Imported here: bench/run.py calls this with its copy's library first on the path.
    from l1l2figures.pipeline.layout import ANIMATED, PLAYER_FILES, Layout, player_data_url
    from l1l2figures.pipeline.specs import site_catalogue

    layout = Layout()
    shared = b"".join((site / name).read_bytes() for name in PLAYER_FILES)
    lines = [
        SECTION,
        "",
        f"Measured by `python bench/player.py` on `{site.name}/`. KB = 1000 bytes.",
        "",
        (
            "| figure | default load KB (WebM + poster) | player.json KB (gzip) | frames KB "
            "(byte ranges / none) | GIF KB | frames <= GIF |"
        ),
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for figure, kind in site_catalogue().items():
        if kind != ANIMATED:
            continue
        assets = {
            role: site / layout.site_url(path)
            for role, path in layout.assets(figure, kind, "light").items()
        }
        size = {role: path.stat().st_size for role, path in assets.items()}
        data = (site / player_data_url(figure)).read_bytes()
        frames_without_ranges = size["webm"]  # the same video, fetched again to seek in memory
        lines.append(
            f"| {figure} | {kb(size['webm'] + size['poster'])} | {kb(len(data))} "
            f"({kb(gzipped(data))}) | 0 / {kb(frames_without_ranges)} | {kb(size['gif'])} | "
            f"{'yes' if frames_without_ranges <= size['gif'] else 'NO'} |"
        )
    packed = gzipped(shared)
    lines += [
        "",
        (
            f"Shared by every player of a page: {' and '.join(f'`{n}`' for n in PLAYER_FILES)}, "
            f"{kb(len(shared))} KB, {kb(packed)} KB gzipped together "
            f"({'within' if packed <= SCRIPT_BUDGET_BYTES else 'OVER'} the 10 KB budget)."
        ),
    ]
    return lines


def with_section(results: str, lines: list[str]) -> str:
    """``results`` (bench/results.md) with its player section replaced, or added at the end."""
    head, found, rest = results.partition(f"\n{SECTION}\n")
    tail = rest[rest.find("\n## ") :] if found and "\n## " in rest else ""
    return head.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n" + tail


def main() -> None:
    sys.path.insert(0, str(REPO / "src"))  # the project's own library, as bench/run.py does
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "site"
    lines = player_table(site)
    print("\n".join(lines))
    results = BENCH / "results.md"
    results.write_text(with_section(results.read_text(), lines))


if __name__ == "__main__":
    main()
