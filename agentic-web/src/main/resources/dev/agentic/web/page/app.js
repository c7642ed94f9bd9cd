// The code-interpreter page: talks to the JSON API and the event WebSocket of docs/web-api.md.
// The access token lives in an HTTP-only cookie; every text is put in the page with textContent.
"use strict";

const state = { session: null, socket: null, editor: null, widgets: [], marks: [], streaming: "", busy: false };
const $ = (id) => document.getElementById(id);

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

async function api(method, path, body) {
  const options = { method, headers: {}, credentials: "same-origin" };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  const text = await response.text();
  const data = text ? JSON.parse(text) : {};
  if (!response.ok) throw new Error(data.error || ("HTTP " + response.status));
  return data;
}

function showTab(name) {
  for (const b of document.querySelectorAll(".tab")) b.classList.toggle("active", b.dataset.panel === name);
  for (const p of document.querySelectorAll(".panel")) p.hidden = p.id !== "panel-" + name;
  if (name === "editor") state.editor.refresh();
}

function logEvent(text, cls) {
  const li = el("li", text, cls);
  $("events").appendChild(li);
  return li;
}

function setConnection(text, cls) {
  const c = $("connection");
  c.textContent = text;
  c.className = "badge " + (cls || "");
}

function showTotals(session) {
  if (!session) return;
  $("tokens").textContent = session.inputTokens + " in / " + session.outputTokens + " out";
  $("cost").textContent = session.estimatedCostUsd === undefined ? "unknown (no price for this model)" : "$" + session.estimatedCostUsd;
}

function clearFindings() {
  for (const w of state.widgets) w.clear();
  for (const m of state.marks) m.clear();
  for (let i = 0; i < state.editor.lineCount(); i++) state.editor.removeLineClass(i, "background", "finding-line");
  state.widgets = [];
  state.marks = [];
  $("findings").replaceChildren();
}

function showFindings(validation) {
  clearFindings();
  if (!validation) return;
  for (const f of validation.findings) {
    const text = f.severity + " " + f.rule + " at line " + f.line + ", column " + f.column + ": " + f.message;
    $("findings").appendChild(el("li", text));
    const line = Math.max(0, Math.min(f.line - 1, state.editor.lineCount() - 1));
    const ch = Math.max(0, f.column - 1);
    state.editor.addLineClass(line, "background", "finding-line");
    state.marks.push(state.editor.markText({ line, ch }, { line, ch: ch + 1000 }, { className: "cm-finding", title: f.message }));
    state.widgets.push(state.editor.addLineWidget(line, el("div", "▲ column " + f.column + ": " + f.rule + ": " + f.message, "finding-widget")));
  }
  $("editor-status").textContent = validation.valid ? "valid" : validation.findings.length + " finding(s)";
}

const NOTE_LABELS = { "state-lost": "State lost: ", "stop-reason": "Why it stopped: " };

// A run's notes: the key ones (state lost, why it was stopped) always visible, all of them in a collapsed list.
function showNotes(r) {
  const key = $("key-notes");
  const list = $("notes");
  key.replaceChildren();
  list.replaceChildren();
  const notes = (r && r.notes) || [];
  for (const k of (r && r.keyNotes) || []) {
    const li = el("li", null, "key-note " + k.kind);
    li.appendChild(el("b", NOTE_LABELS[k.kind] || "Note: "));
    li.appendChild(el("span", k.text));
    key.appendChild(li);
  }
  for (const n of notes) list.appendChild(el("li", n));
  $("notes-summary").textContent = "notes (" + notes.length + ")";
  $("notes-box").open = false;
  $("notes-box").hidden = notes.length === 0;
}

function showResult(entry) {
  const r = entry.result || (entry.workflow && entry.workflow.result);
  const status = $("result-status");
  status.replaceChildren();
  const head = entry.kind === "task" ? "Task #" + entry.n + ": " + entry.title : "Run #" + entry.n + " (edited code)";
  status.appendChild(el("span", head + " — "));
  showNotes(r);
  if (!r) {
    status.appendChild(el("span", entry.status, "status-bad"));
    if (entry.workflow && entry.workflow.error) status.appendChild(el("span", " " + entry.workflow.error));
    $("stdout").textContent = "";
    $("stderr").textContent = "";
    $("files").replaceChildren();
    $("images").replaceChildren();
    $("value-box").hidden = true;
    return;
  }
  status.appendChild(el("span", r.status, r.succeeded ? "status-ok" : "status-bad"));
  let extra = " in " + r.durationMs + " ms";
  if (r.exitCode !== undefined) extra += ", exit code " + r.exitCode;
  if (entry.cancelled) extra += ", cancelled";
  else if (r.limit) extra += ", limit hit: " + r.limit + (r.limitValue ? " (" + r.limitValue + ")" : "");
  if (entry.workflow) extra += ", " + entry.workflow.attempts + " attempt(s), model " + (entry.workflow.modelId || "?");
  status.appendChild(el("span", extra));
  $("stdout").textContent = r.stdout;
  $("stderr").textContent = r.stderr;
  $("stdout-trunc").hidden = !r.stdoutTruncated;
  $("stderr-trunc").hidden = !r.stderrTruncated;
  $("value-box").hidden = r.value === undefined;
  $("value").textContent = r.value === undefined ? "" : r.value;
  const files = $("files");
  const images = $("images");
  files.replaceChildren();
  images.replaceChildren();
  for (const f of r.files) {
    const li = el("li");
    if (f.url) {
      const a = el("a", f.path);
      a.href = f.url;
      a.setAttribute("download", f.path.split("/").pop());
      li.appendChild(a);
      if (f.image) {
        const img = el("img");
        img.src = f.url;
        img.alt = f.path;
        images.appendChild(img);
      }
    } else {
      li.textContent = f.path;
    }
    li.appendChild(el("span", " (" + f.size + " bytes)"));
    files.appendChild(li);
  }
}

async function refreshHistory() {
  const data = await api("GET", "/api/sessions/" + state.session + "/history");
  showTotals(data.session);
  const list = $("history");
  list.replaceChildren();
  for (const e of data.entries) {
    const li = el("li", "#" + e.n + " " + (e.kind === "task" ? "task: " : "run: ") + e.title + " — " + e.status + " ");
    if (e.stateLost) li.appendChild(el("span", "state lost ", "state-lost-mark"));
    const open = el("button", "open");
    open.type = "button";
    open.dataset.entry = e.n;
    open.addEventListener("click", () => reopen(e.n));
    li.appendChild(open);
    list.appendChild(li);
  }
}

async function reopen(n) {
  const entry = await api("GET", "/api/sessions/" + state.session + "/history/" + n);
  if (entry.code !== undefined) state.editor.setValue(entry.code);
  showFindings(entry.validation);
  showResult(entry);
  showTab("results");
}

function onMessage(message) {
  const m = JSON.parse(message.data);
  switch (m.type) {
    case "started": logEvent("task started: " + m.task); break;
    case "generating":
      state.streaming = "";
      $("stream").textContent = "";
      logEvent(m.attempt > 1 ? "attempt " + m.attempt + ": the model repairs the code" : "the model writes the code");
      break;
    case "delta":
      state.streaming += m.text;
      $("stream").textContent = state.streaming;
      break;
    case "model":
      logEvent("model " + m.call.modelId + (m.call.answered ? " answered" : " failed (" + m.call.failure + ")") + ": "
        + m.call.inputTokens + " in / " + m.call.outputTokens + " out tokens, " + m.call.latencyMs + " ms"
        + (m.call.fallback ? " (fallback)" : ""), m.call.answered ? "" : "bad");
      $("model").textContent = m.call.modelId;
      break;
    case "code":
      $("stream").textContent = m.code;
      state.editor.setValue(m.code);
      logEvent("code extracted (" + m.code.split("\n").length + " lines)");
      break;
    case "nocode": logEvent("no code in the answer: " + m.reason, "bad"); break;
    case "validated":
      logEvent(m.validation.valid ? "validation passed" : "validation found " + m.validation.findings.length + " problem(s)",
        m.validation.valid ? "good" : "bad");
      for (const f of m.validation.findings) logEvent("  line " + f.line + ":" + f.column + " " + f.rule + ": " + f.message, "bad");
      showFindings(m.validation);
      break;
    case "executing": logEvent("running in the sandbox"); break;
    case "executed":
      logEvent("run " + m.result.status + " in " + m.result.durationMs + " ms", m.result.succeeded ? "good" : "bad");
      for (const k of m.result.keyNotes || []) logEvent("  " + (NOTE_LABELS[k.kind] || "") + k.text, "bad");
      break;
    case "repairing": logEvent("repairing: " + m.reason, "bad"); break;
    case "finished":
      logEvent("task " + m.entry.status.toLowerCase() + " (#" + m.entry.n + ")", m.entry.workflow.succeeded ? "good" : "bad");
      if (m.entry.code !== undefined) state.editor.setValue(m.entry.code);
      showResult(m.entry);
      showTotals(m.session);
      if (m.entry.workflow.modelId) $("model").textContent = m.entry.workflow.modelId;
      $("gen-status").textContent = m.entry.status;
      setBusy(false);
      refreshHistory();
      break;
    case "error":
      logEvent("error: " + m.message, "bad");
      $("gen-status").textContent = "error";
      setBusy(false);
      break;
    case "reset": break;
    case "closed":
      setConnection("session ended: " + m.reason + " — reload the page", "dead");
      break;
    default: break;
  }
}

function setBusy(busy) {
  state.busy = busy;
  for (const id of ["generate", "run", "validate"]) $(id).disabled = busy;
  $("cancel").disabled = !busy;
}

async function cancel() {
  try {
    const answer = await api("POST", "/api/sessions/" + state.session + "/cancel");
    $("editor-status").textContent = answer.cancelled ? "cancelling…" : answer.reason;
  } catch (e) {
    $("editor-status").textContent = "refused: " + e.message;
  }
}

async function generate() {
  const task = $("task").value.trim();
  if (!task) return;
  setBusy(true);
  $("events").replaceChildren();
  $("gen-status").textContent = "working…";
  try {
    await api("POST", "/api/sessions/" + state.session + "/tasks", { task });
  } catch (e) {
    logEvent("refused: " + e.message, "bad");
    $("gen-status").textContent = "";
    setBusy(false);
  }
}

async function run() {
  setBusy(true);
  $("editor-status").textContent = "running…";
  try {
    const entry = await api("POST", "/api/sessions/" + state.session + "/run", { code: state.editor.getValue() });
    showFindings(entry.validation);
    $("editor-status").textContent = entry.status;
    showResult(entry);
    await refreshHistory();
    if (entry.result) showTab("results");
  } catch (e) {
    $("editor-status").textContent = "refused: " + e.message;
  } finally {
    setBusy(false);
  }
}

async function validate() {
  try {
    showFindings(await api("POST", "/api/sessions/" + state.session + "/validate", { code: state.editor.getValue() }));
  } catch (e) {
    $("editor-status").textContent = "refused: " + e.message;
  }
}

async function reset() {
  await api("POST", "/api/sessions/" + state.session + "/reset");
  $("events").replaceChildren();
  $("stream").textContent = "";
  state.editor.setValue("");
  clearFindings();
  $("history").replaceChildren();
  $("result-status").textContent = "No run yet.";
  for (const id of ["stdout", "stderr", "value"]) $(id).textContent = "";
  $("files").replaceChildren();
  $("images").replaceChildren();
  showNotes(null);
  showTotals({ inputTokens: 0, outputTokens: 0, estimatedCostUsd: "0" });
  setBusy(false);
}

async function start() {
  state.editor = CodeMirror($("editor"), { value: "", mode: "python", lineNumbers: true, indentUnit: 4 });
  for (const b of document.querySelectorAll(".tab")) b.addEventListener("click", () => showTab(b.dataset.panel));
  $("generate").addEventListener("click", generate);
  $("run").addEventListener("click", run);
  $("cancel").addEventListener("click", cancel);
  $("validate").addEventListener("click", validate);
  $("reset").addEventListener("click", reset);
  const info = await api("GET", "/api/info");
  $("model").textContent = info.model;
  if (info.language === "java") state.editor.setOption("mode", "text/x-java");
  if (info.modelNotice) {
    $("model-notice").textContent = info.modelNotice;
    $("model-notice").hidden = false;
  }
  const banner = $("state-notice");
  banner.hidden = false;
  if (info.statePersists) {
    banner.textContent = "Sandbox state persists in this tab: variables, imports and files of one run are there for the next, until Reset.";
    banner.className = "banner ok";
  } else {
    banner.textContent = "This sandbox has no sessions: every run starts fresh, and variables do not persist between runs.";
  }
  const session = await api("POST", "/api/sessions");
  state.session = session.id;
  document.body.dataset.session = session.id;
  const socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + session.events);
  state.socket = socket;
  socket.addEventListener("open", () => { setConnection("connected", "live"); document.body.dataset.ready = "true"; });
  socket.addEventListener("close", () => setConnection("disconnected — reload the page", "dead"));
  socket.addEventListener("message", onMessage);
}

start().catch((e) => setConnection("could not start: " + e.message, "dead"));
