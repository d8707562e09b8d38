"""Driving a figure's player in a page (browser.Page): open it, press keys, read what it shows."""

import base64
import io
import time

import numpy as np
from PIL import Image

STATE = """
(() => {
  const figure = document.getElementById("l1l2-%s");
  const video = figure.querySelector("video");
  const slider = figure.querySelector("input[type=range]");
  const still = figure.querySelector(".l1l2-still img");
  const shown = element => element.getClientRects().length > 0;
  return {
    value: slider && Number(slider.value),
    valuetext: slider && slider.getAttribute("aria-valuetext"),
    focused: slider !== null && document.activeElement === slider,
    time: video.currentTime, paused: video.paused, seeking: video.seeking, controls: video.controls,
    src: video.currentSrc, videoShown: shown(video),
    still: still && shown(still) ? still.currentSrc : null,
    chapters: [...figure.querySelectorAll(".l1l2-chapters button")].map(b => b.textContent),
    buttons: [...figure.querySelectorAll(".l1l2-player > button")].map(b => b.textContent),
  };
})()
"""

# Resolves once the video shows the frame at its current time (a seek done, the frame decoded).
SEEKED = """
(async () => {
  const video = document.querySelector("#l1l2-%s video");
  for (let i = 0; i < 100 && (video.seeking || video.readyState < 2); i++)
    await new Promise(done => setTimeout(done, 50));
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
})()
"""

# The frame the video shows, as a PNG data URL.
FRAME = """
(() => {
  const video = document.querySelector("#l1l2-%s video");
  const canvas = document.createElement("canvas");
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext("2d").drawImage(video, 0, 0);
  return canvas.toDataURL("image/png");
})()
"""

# The video's chapters track, loaded: its kind and its cues (start in s, text).
CUES = """
(async () => {
  const track = document.querySelector("#l1l2-%s video").textTracks[0];
  track.mode = "hidden";
  for (let i = 0; i < 100 && !(track.cues && track.cues.length); i++)
    await new Promise(done => setTimeout(done, 50));
  return [track.kind, [...(track.cues || [])].map(cue => [cue.startTime, cue.text])];
})()
"""

KEY_CODES = {
    "ArrowRight": 39,
    "ArrowLeft": 37,
    "PageUp": 33,
    "PageDown": 34,
    "Home": 36,
    "End": 35,
    "Tab": 9,
}


def press(page, key: str) -> None:
    code = KEY_CODES.get(key, 0)
    page.call("Input.dispatchKeyEvent", type="keyDown", key=key, windowsVirtualKeyCode=code)
    page.call("Input.dispatchKeyEvent", type="keyUp", key=key, windowsVirtualKeyCode=code)


def problems(page) -> list[str]:
    """The page's problems (browser.Page.problems) but the favicon: Chromium asks every HTTP
    origin for /favicon.ico, which the site does not have."""
    return [problem for problem in page.problems() if not problem.endswith("/favicon.ico")]


def state(page, figure: str) -> dict:
    return page.evaluate(STATE % figure)


def explore(page, figure: str) -> dict:
    """Press the figure's Explore button and wait for its slider."""
    page.evaluate(f'document.querySelector("#l1l2-{figure} .l1l2-player button").click()')
    for _ in range(100):
        now = state(page, figure)
        if now["value"] is not None:
            page.evaluate(SEEKED % figure)
            return state(page, figure)
        time.sleep(0.05)
    raise AssertionError(f"{figure}: no slider after Explore")


def shown_frame(page, figure: str) -> np.ndarray:
    page.evaluate(SEEKED % figure)
    data = page.evaluate(FRAME % figure).split(",", 1)[1]
    with Image.open(io.BytesIO(base64.b64decode(data))) as image:
        return np.asarray(image.convert("RGB"), dtype=float)
