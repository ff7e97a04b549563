// Live updates for the handoff page: server-sent events carry the re-rendered brief; this swaps it in.
(function () {
  "use strict";
  var main = document.getElementById("brief");
  var connection = document.getElementById("connection");
  var announcer = document.getElementById("announcer");
  if (!main) return;

  var eventsUrl = main.getAttribute("data-events");
  var token = null;
  var source = null;
  var failures = 0;
  var ended = false;
  var renderedAt = Date.now();
  var lastHtml = null;

  function setConnection(state, text) {
    connection.setAttribute("data-state", state);
    connection.textContent = text;
  }

  function announce(text) {
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = text; }, 50);
  }

  function formatDuration(total) {
    var h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
    var mm = h ? String(m).padStart(2, "0") : String(m);
    return (h ? h + ":" : "") + mm + ":" + String(s).padStart(2, "0");
  }

  function tick() {
    var el = main.querySelector(".duration[data-ticking='true']");
    if (!el || ended) return;
    var base = parseInt(el.getAttribute("data-seconds"), 10);
    if (isNaN(base)) return;
    el.textContent = formatDuration(base + Math.floor((Date.now() - renderedAt) / 1000));
  }

  function url() {
    if (!token) return eventsUrl;
    var u = new URL(eventsUrl, window.location.href);
    u.searchParams.set("t", token);
    return u.pathname + u.search;
  }

  function levelText() {
    var badge = main.querySelector(".badge");
    return badge ? badge.textContent.trim() : "";
  }

  function swap(html, quiet) {
    var before = main.querySelectorAll(".turn").length;
    var levelBefore = levelText();
    var transcript = main.querySelector("#transcript");
    var atBottom = !transcript || transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight < 40;
    var scrolls = Array.prototype.map.call(main.querySelectorAll(".column"), function (c) { return c.scrollTop; });
    var focused = document.activeElement && main.contains(document.activeElement) ? document.activeElement : null;
    var focusKey = focused ? (focused.id || focused.className) : null;

    main.innerHTML = html;
    renderedAt = Date.now();

    Array.prototype.forEach.call(main.querySelectorAll(".column"), function (c, i) {
      if (scrolls[i] !== undefined) c.scrollTop = scrolls[i];
    });
    var turns = main.querySelectorAll(".turn");
    for (var i = before; i < turns.length; i++) turns[i].classList.add("fresh");
    transcript = main.querySelector("#transcript");
    if (transcript && atBottom) transcript.scrollTop = transcript.scrollHeight;
    if (focusKey) {
      var again = document.getElementById(focusKey) || main.getElementsByClassName(focusKey.split(" ")[0])[0];
      if (again) again.focus({ preventScroll: true });
    }
    // Announce what an agent acts on (new turns, a new sentiment level), not every refreshed duration.
    var added = turns.length - before;
    var level = levelText();
    if (quiet || (added <= 0 && level === levelBefore)) return;
    announce(
      (added > 0 ? added + (added === 1 ? " new turn. " : " new turns. ") : "") +
        (level !== levelBefore ? "Sentiment now " + level + "." : "")
    );
  }

  function connect() {
    if (ended) return;
    var opened = false;
    source = new EventSource(url());
    source.addEventListener("open", function () {
      opened = true;
      setConnection("live", "Live — updates as the call goes on");
    });
    source.addEventListener("token", function (event) { token = event.data; });
    source.addEventListener("brief", function (event) {
      failures = 0;
      if (event.data === lastHtml) return;
      // The first brief after loading repeats what the page already shows: swap it in without a word.
      swap(event.data, lastHtml === null);
      lastHtml = event.data;
    });
    source.addEventListener("ended", function () {
      ended = true;
      source.close();
      main.setAttribute("data-live", "false");
      setConnection("static", "Call has ended");
      announce("The call has ended.");
    });
    source.addEventListener("error", function () {
      source.close();
      if (ended) return;
      // A stream the server closed after a while reconnects at once; a refused one backs off, then gives up.
      if (!opened) failures += 1;
      if (failures >= 3) {
        setConnection("error", "Live updates stopped — reload the page or ask for a new link");
        announce("Live updates stopped.");
        return;
      }
      setConnection("connecting", "Reconnecting…");
      window.setTimeout(connect, opened ? 250 : 1000 * failures);
    });
  }

  // On a live call the newest turns matter most: start the transcript at its end.
  var transcript = main.querySelector("#transcript");
  if (transcript && main.getAttribute("data-live") === "true") transcript.scrollTop = transcript.scrollHeight;

  if (main.getAttribute("data-live") === "true" && eventsUrl && window.EventSource) {
    window.setInterval(tick, 1000);
    connect();
  }
})();
