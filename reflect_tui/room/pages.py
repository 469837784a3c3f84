"""The join page, its style sheet and its small script, as plain strings.

Every piece of text that came from a person (the step title, the prompt, the
items) goes through ``html.escape`` here; the script only ever sets
``textContent``. The page works as plain forms; the script (served from the
same origin, allowed by the Content-Security-Policy's ``script-src 'self'``)
adds live updates by server-sent events and sends the forms without a reload.
Nothing is fetched from anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from reflect_tui.room.state import RoomState

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'none'; font-src 'none'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'"
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    # same-origin, not no-referrer: with no-referrer a browser sends "Origin: null" on
    # a plain form post, and the server checks the origin of every post.
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}

NOTHING_OPEN = "Nothing is open for items right now: the facilitator will open a question soon."
ANONYMOUS_NOTE = (
    "What you send carries no name. The facilitator sees only the words, and decides "
    "what goes on the shared list."
)

ROOM_CLOSED = "The room has closed. Thank you."
LINK_CHANGED = "This link no longer works: scan the code on the screen again."

# Messages after a plain (no-script) form post, by code; never echoes input.
FLASH = {
    "sent": "Sent. The facilitator will see it in a moment.",
    "voted": "Your dot is counted.",
    "unvoted": "Dot taken back.",
}


@dataclass(frozen=True)
class Snapshot:
    """What one participant's page shows now (also sent as JSON to the script)."""

    step: str
    prompt: str
    help: str
    open: bool
    accepted: tuple[str, ...]
    vote: tuple[str, ...] | None
    mine: dict[int, int]
    left: int
    votes_each: int

    def to_json(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "prompt": self.prompt,
            "help": self.help,
            "open": self.open,
            "accepted": list(self.accepted),
            "vote": None
            if self.vote is None
            else {
                "options": [
                    {"i": n, "text": t, "mine": self.mine.get(n, 0)}
                    for n, t in enumerate(self.vote)
                ],
                "left": self.left,
                "each": self.votes_each,
            },
        }


def snapshot(state: RoomState, pid: str | None) -> Snapshot:
    vote = state.vote
    return Snapshot(
        step=state.view.step_title,
        prompt=state.view.prompt,
        help=state.view.help,
        open=state.view.field_id is not None,
        accepted=state.accepted,
        vote=vote.options if vote is not None else None,
        mine=state.my_dots(pid),
        left=state.dots_left(pid),
        votes_each=vote.votes_each if vote is not None else 0,
    )


def _vote_section(snap: Snapshot, base: str) -> str:
    if snap.vote is None:
        return '<section id="vote" hidden></section>'
    rows = []
    for n, text in enumerate(snap.vote):
        mine = snap.mine.get(n, 0)
        dots = "●" * mine
        rows.append(
            "<li>"
            f'<span class="dots" aria-label="your dots: {mine}">{dots}</span> '
            f'<span class="text">{escape(text)}</span>'
            f'<form method="post" action="{base}vote" class="inline">'
            f'<input type="hidden" name="option" value="{n}">'
            '<input type="hidden" name="change" value="1">'
            f'<button type="submit" aria-label="Add a dot">+</button></form>'
            f'<form method="post" action="{base}vote" class="inline">'
            f'<input type="hidden" name="option" value="{n}">'
            '<input type="hidden" name="change" value="-1">'
            f'<button type="submit" aria-label="Take a dot back">−</button></form>'
            "</li>"
        )
    return (
        '<section id="vote"><h2>Dot vote</h2>'
        f'<p id="left">You have {snap.left} of {snap.votes_each} dots left.</p>'
        f'<ol id="options">{"".join(rows)}</ol></section>'
    )


def join_page(snap: Snapshot, token: str, *, flash: str = "", max_chars: int = 280) -> str:
    base = f"/j/{escape(token)}/"
    accepted = "".join(f"<li>{escape(t)}</li>" for t in snap.accepted)
    prompt = escape(snap.prompt) if snap.open else escape(NOTHING_OPEN)
    hidden = "" if snap.open else " hidden"
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>Join the session</title>
<link rel="stylesheet" href="{base}room.css">
</head>
<body>
<main id="room" data-base="{base}">
<p id="step" class="step">{escape(snap.step)}</p>
<h1 id="prompt">{prompt}</h1>
<p id="help" class="help">{escape(snap.help)}</p>
<p id="flash" class="flash" role="status">{escape(flash)}</p>
<form id="add" method="post" action="{base}add"{hidden}>
<label for="text">Your item</label>
<textarea id="text" name="text" maxlength="{max_chars}" rows="3" required></textarea>
<button type="submit">Send</button>
</form>
{_vote_section(snap, base)}
<h2>On the list so far</h2>
<ul id="accepted">{accepted}</ul>
<p id="empty" class="note"{" hidden" if snap.accepted else ""}>Nothing on the list yet.</p>
<p class="note">{escape(ANONYMOUS_NOTE)}</p>
<p class="note"><a id="refresh" href="{base}">Refresh</a></p>
</main>
<script src="{base}room.js"></script>
</body>
</html>
"""


def message_page(title: str, message: str) -> str:
    return f"""<!doctype html>
<html lang="en">
<head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title></head>
<body><main><h1>{escape(title)}</h1><p>{escape(message)}</p></main></body>
</html>
"""


ROOM_CSS = """
body { font-family: system-ui, sans-serif; margin: 0; background: #fafafa; color: #111; }
main { max-width: 36rem; margin: 0 auto; padding: 1rem; }
.step { color: #555; margin: 0; }
h1 { font-size: 1.4rem; margin: .3rem 0 .6rem; }
h2 { font-size: 1.1rem; margin-top: 1.6rem; }
.help, .note { color: #444; }
.flash { min-height: 1.2em; font-weight: bold; }
label { display: block; font-weight: bold; margin-bottom: .3rem; }
textarea { width: 100%; box-sizing: border-box; font: inherit; padding: .5rem; }
button { font: inherit; padding: .4rem 1rem; margin-top: .4rem; }
form.inline { display: inline; }
form.inline button { padding: .1rem .6rem; margin: 0 0 0 .3rem; }
#accepted li, #options li { margin: .3rem 0; }
.dots { color: #a40; letter-spacing: .1em; }
[hidden] { display: none !important; }
"""

ROOM_JS = r"""
(function () {
  "use strict";
  var root = document.getElementById("room");
  if (!root || !window.EventSource || !window.fetch) { return; }
  var base = root.getAttribute("data-base");
  function byId(id) { return document.getElementById(id); }
  function make(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function say(text) { byId("flash").textContent = text; }
  function voteForm(index, change, label, aria) {
    var form = make("form");
    form.method = "post";
    form.action = base + "vote";
    form.className = "inline";
    [["option", String(index)], ["change", String(change)]].forEach(function (pair) {
      var input = make("input");
      input.type = "hidden"; input.name = pair[0]; input.value = pair[1];
      form.appendChild(input);
    });
    var button = make("button", label);
    button.type = "submit";
    button.setAttribute("aria-label", aria);
    form.appendChild(button);
    return form;
  }
  function render(state) {
    byId("step").textContent = state.step;
    byId("prompt").textContent = state.open ? state.prompt :
      "Nothing is open for items right now: the facilitator will open a question soon.";
    byId("help").textContent = state.help;
    byId("add").hidden = !state.open;
    var list = byId("accepted");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    state.accepted.forEach(function (text) { list.appendChild(make("li", text)); });
    byId("empty").hidden = state.accepted.length > 0;
    var section = byId("vote");
    while (section.firstChild) { section.removeChild(section.firstChild); }
    section.hidden = !state.vote;
    if (state.vote) {
      section.appendChild(make("h2", "Dot vote"));
      var left = make("p", "You have " + state.vote.left + " of " + state.vote.each +
        " dots left.");
      left.id = "left";
      section.appendChild(left);
      var options = make("ol");
      options.id = "options";
      state.vote.options.forEach(function (option) {
        var row = make("li");
        var dots = make("span", new Array(option.mine + 1).join("\u25cf"));
        dots.className = "dots";
        row.appendChild(dots);
        row.appendChild(document.createTextNode(" "));
        var text = make("span", option.text);
        text.className = "text";
        row.appendChild(text);
        row.appendChild(voteForm(option.i, 1, "+", "Add a dot"));
        row.appendChild(voteForm(option.i, -1, "\u2212", "Take a dot back"));
        options.appendChild(row);
      });
      section.appendChild(options);
    }
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || !form.action) { return; }
    event.preventDefault();
    var body = new URLSearchParams(new FormData(form));
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") !== 0) {
        return { ok: false,
          message: "This link no longer works: scan the code on the screen again." };
      }
      return response.json();
    }).then(function (reply) {
      say(reply.message || "");
      if (reply.ok && form.id === "add") { byId("text").value = ""; }
    }).catch(function () { say("Could not reach the facilitator's laptop."); });
  });
  var stream = new EventSource(base + "events");
  stream.addEventListener("state", function (event) { render(JSON.parse(event.data)); });
  stream.addEventListener("closed", function (event) {
    stream.close();
    say(JSON.parse(event.data).message);
    byId("add").hidden = true;
  });
})();
"""
