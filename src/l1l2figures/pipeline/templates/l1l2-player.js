/* l1l2-figures: the player of every animation on the page, and each figure's colour scheme.

Until the reader asks for it, a figure is the video or still of its page (nothing is fetched), with
a Pause button in place of the video's own controls.
"Explore" fetches the figure's player.json (each frame's label, sentence and time in the video,
and the key moments) and shows a slider over the swept parameter that seeks the same video frame
by frame. Keys on the slider: arrows and , . one frame; PageUp/PageDown the previous/next key
moment; Home/End. Nothing plays by itself with motion reduced. A page's own light/dark switch
(Material's data-md-color-scheme, data-theme or a dark/light class) wins over the reader's
system scheme. */
(function () {
  "use strict";
  if (window.l1l2Player) return; // one script for every figure of the page, however often included
  window.l1l2Player = true;
  var DARK = "(prefers-color-scheme: dark)";
  var REDUCED = "(prefers-reduced-motion: reduce)";
  var figures = [];

  function pageScheme() {
    var html = document.documentElement;
    var body = document.body;
    var md = (body && body.getAttribute("data-md-color-scheme")) || html.getAttribute("data-md-color-scheme");
    if (md) return md === "slate" ? "dark" : "light";
    var theme = html.getAttribute("data-theme");
    if (theme === "dark" || theme === "light") return theme;
    var marked = [html, body];
    for (var i = 0; i < marked.length; i++) {
      if (!marked[i]) continue;
      if (marked[i].classList.contains("dark")) return "dark";
      if (marked[i].classList.contains("light")) return "light";
    }
    return null;
  }

  function scheme() {
    return pageScheme() || (matchMedia(DARK).matches ? "dark" : "light");
  }

  function sourceOf(video, theme) {
    var sources = video.querySelectorAll('source[data-theme="' + theme + '"]');
    for (var i = 0; i < sources.length; i++) {
      // data-type: the exact type, which minifiers leave alone (they lowercase a type attribute)
      if (video.canPlayType(sources[i].getAttribute("data-type") || sources[i].type)) return sources[i].src;
    }
    return null;
  }

  function whenLoaded(video, then) {
    if (video.readyState >= 1) then();
    else video.addEventListener("loadedmetadata", then, { once: true });
  }

  // Plays (or shows, when exploring) the theme's video from where the last one was.
  function useVideo(figure, theme) {
    var video = figure.video;
    var url = sourceOf(video, theme);
    if (!url || url === figure.url) return;
    figure.url = url;
    var at = video.currentTime;
    if (video.currentSrc !== url) video.src = url;
    whenLoaded(video, function () { settle(figure, url, at); });
  }

  function settle(figure, url, at) {
    var video = figure.video;
    if (!figure.player) {
      video.currentTime = at;
      return;
    }
    var seekable = video.seekable;
    if (seekable.length && seekable.end(seekable.length - 1) >= video.duration - 0.05) {
      figure.player.seek();
      return;
    }
    // A server without byte ranges gives a video that cannot seek: hold it whole in memory.
    fetch(url)
      .then(function (response) { return response.blob(); })
      .then(function (blob) {
        if (figure.url !== url) return; // the scheme changed meanwhile
        if (figure.blob) URL.revokeObjectURL(figure.blob);
        figure.blob = URL.createObjectURL(blob);
        video.src = figure.blob;
        whenLoaded(video, figure.player.seek);
      });
  }

  function applyScheme(figure) {
    var theme = scheme();
    var explicit = pageScheme() !== null;
    figure.element.setAttribute("data-l1l2-scheme", theme);
    var stills = figure.element.querySelectorAll("picture source[data-theme]");
    for (var i = 0; i < stills.length; i++) {
      var source = stills[i];
      if (source.l1l2Media === undefined) source.l1l2Media = source.media;
      source.media = !explicit ? source.l1l2Media : source.getAttribute("data-theme") === theme ? "all" : "not all";
    }
    var moving = figure.video && (figure.player || (explicit && !matchMedia(REDUCED).matches));
    if (moving) useVideo(figure, theme);
  }

  function button(text, onClick) {
    var made = document.createElement("button");
    made.type = "button";
    made.textContent = text;
    made.addEventListener("click", onClick);
    return made;
  }

  // Its label says what a press does (Play, Pause), so no aria-pressed besides.
  function playButton(video) {
    var play = button(video.paused ? "Play" : "Pause", function () {
      if (video.paused) video.play(); else video.pause();
    });
    video.addEventListener("play", function () { play.textContent = "Pause"; });
    video.addEventListener("pause", function () { play.textContent = "Play"; });
    return play;
  }

  function buildPlayer(figure, data, bar) {
    var video = figure.video;
    var n = data.labels.length;
    var id = figure.element.id + "-frame";
    var state = { frame: 0 };
    bar.textContent = "";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Player");

    var play = playButton(video);
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = data.parameter;
    var range = document.createElement("input");
    range.type = "range";
    range.id = id;
    range.min = 0;
    range.max = n - 1;
    range.step = 1;
    var value = document.createElement("span");
    value.className = "l1l2-value";
    value.setAttribute("aria-hidden", "true"); // the slider's aria-valuetext says it, in full
    var chapters = document.createElement("div");
    chapters.className = "l1l2-chapters";
    chapters.setAttribute("role", "group");
    chapters.setAttribute("aria-label", "Key moments");
    var chapterButtons = data.chapters.map(function (chapter) {
      var jump = button(chapter.title, function () { show(chapter.frame, true); });
      chapters.appendChild(jump);
      return jump;
    });
    var back = button("Previous frame", function () { show(state.frame - 1, true); });
    var next = button("Next frame", function () { show(state.frame + 1, true); });
    [play, back, label, range, next, value].forEach(function (part) { bar.appendChild(part); });
    if (data.chapters.length) bar.appendChild(chapters);

    function frameAt(ms) {
      var frame = 0;
      while (frame < n - 1 && data.starts_ms[frame + 1] <= ms) frame++;
      return frame;
    }

    function show(frame, seek) {
      frame = Math.max(0, Math.min(n - 1, frame));
      state.frame = frame;
      range.value = frame;
      range.setAttribute("aria-valuetext", data.sentences[frame]);
      value.textContent = data.labels[frame];
      data.chapters.forEach(function (chapter, i) {
        chapterButtons[i].setAttribute("aria-current", String(chapter.frame === frame));
      });
      if (seek) {
        video.pause();
        figure.player.seek();
      }
    }

    function chapterFrom(frame, direction) {
      var frames = data.chapters.map(function (chapter) { return chapter.frame; });
      if (direction < 0) {
        var before = frames.filter(function (f) { return f < frame; });
        return before.length ? before[before.length - 1] : 0;
      }
      var after = frames.filter(function (f) { return f > frame; });
      return after.length ? after[0] : n - 1;
    }

    var KEYS = {
      ArrowRight: function (f) { return f + 1; },
      ArrowUp: function (f) { return f + 1; },
      ".": function (f) { return f + 1; },
      ArrowLeft: function (f) { return f - 1; },
      ArrowDown: function (f) { return f - 1; },
      ",": function (f) { return f - 1; },
      Home: function () { return 0; },
      End: function () { return n - 1; },
      PageUp: function (f) { return chapterFrom(f, -1); },
      PageDown: function (f) { return chapterFrom(f, 1); },
    };
    range.addEventListener("keydown", function (event) {
      var move = KEYS[event.key];
      if (!move || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      show(move(state.frame), true);
    });
    range.addEventListener("input", function () { show(Number(range.value), true); });

    function follow() { // while it plays, the slider follows the video
      if (video.paused) return;
      show(frameAt(video.currentTime * 1000), false);
      requestAnimationFrame(follow);
    }
    video.addEventListener("play", function () { requestAnimationFrame(follow); });

    figure.player = {
      seek: function () { video.currentTime = data.seek_ms[state.frame] / 1000; },
    };
    var reduced = matchMedia(REDUCED).matches;
    show(video.currentSrc && !reduced ? frameAt(video.currentTime * 1000) : data.poster, false);
    video.removeAttribute("autoplay"); // from now on the reader plays it
    video.pause();
    figure.element.classList.add("l1l2-exploring");
    figure.url = null; // the scheme's video, seekable, also where motion is reduced and none plays
    applyScheme(figure);
    range.focus();
  }

  function setUp(element) {
    var figure = { element: element, video: element.querySelector("video"), player: null, url: null };
    figures.push(figure);
    applyScheme(figure);
    var url = element.getAttribute("data-l1l2-player");
    if (!url || !figure.video) return;
    var bar = document.createElement("div");
    bar.className = "l1l2-player";
    // Why Explore did nothing, said where the reader looks (a console is no place for it).
    var note = document.createElement("span");
    note.setAttribute("role", "status");
    var explore = button("Explore frame by frame", function () {
      explore.disabled = true;
      note.textContent = "";
      fetch(url)
        .then(function (response) {
          if (!response.ok) throw new Error(url + ": " + response.status);
          return response.json();
        })
        .then(function (data) { buildPlayer(figure, data, bar); })
        .catch(function (error) {
          explore.disabled = false;
          note.textContent = location.protocol === "file:"
            ? "The frames cannot load in a page opened as a file: open it from a web server."
            : "The frames did not load (" + error.message + "): try again.";
          console.error("l1l2-figures player:", error);
        });
    });
    bar.appendChild(explore);
    // The script's controls replace the video's own, whose bar would cover the figure's bottom
    // (its key) whenever the pointer is over it; without the script the video keeps its own.
    // With motion reduced no video shows until Explore, and nothing is there to pause.
    figure.video.controls = false;
    if (!matchMedia(REDUCED).matches) bar.appendChild(playButton(figure.video));
    bar.appendChild(note);
    // Above the video, in the order the keyboard takes them.
    element.insertBefore(bar, element.firstChild);
  }

  function applyAll() { figures.forEach(applyScheme); }

  var all = document.querySelectorAll(".l1l2-figure");
  for (var i = 0; i < all.length; i++) setUp(all[i]);
  matchMedia(DARK).addEventListener("change", applyAll);
  var watched = { attributes: true, attributeFilter: ["class", "data-theme", "data-md-color-scheme"] };
  var observer = new MutationObserver(applyAll);
  observer.observe(document.documentElement, watched);
  if (document.body) observer.observe(document.body, watched);
})();
