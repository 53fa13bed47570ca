// The editor page. Every text from the brief or the server is set with textContent or
// as an attribute value, never as markup: a brief holding <script> shows it as text.
"use strict";

const $ = (id) => document.getElementById(id);
const MEDIA = { yaml: "application/yaml", markdown: "text/markdown" };
const DEBOUNCE_MS = 350;

const state = {
  lang: null, // the preview's language tab
  beside: "", // a second language shown side by side with it (en+az), or ""
  file: null, // {path, version} of the brief opened from the folder
  folder: false,
  asked: 0, // number of the last preview asked for: older answers are dropped
  timer: null,
  saved: "", // the text as last opened or saved: anything else would be lost
};

// The language asked of the server: the tab's, or the tab's and the second side by side.
function shown() {
  return state.beside && state.beside !== state.lang ? `${state.lang}+${state.beside}` : state.lang;
}

function unsaved() {
  return $("source").value !== state.saved;
}

function mayDiscard() {
  return !unsaved() || window.confirm("Your changes are not saved. Discard them?");
}

function status(text) {
  $("status").textContent = text;
}

async function call(url, options = {}) {
  const answer = await fetch(url, { credentials: "same-origin", ...options });
  if (answer.status === 401) status("Not signed in: open the address `briefing serve` printed.");
  return answer;
}

function sourceFormat() {
  return $("source-format").value;
}

function body() {
  return { method: "POST", headers: { "Content-Type": MEDIA[sourceFormat()] }, body: $("source").value };
}

function pathQuery() {
  return state.file ? `&path=${encodeURIComponent(state.file.path)}` : "";
}

// -- the cursor: line and column as the server counts them (characters, from 1) --

function cursorPosition() {
  const area = $("source");
  const before = area.value.slice(0, area.selectionStart);
  const line = before.split("\n").length;
  const column = Array.from(before.slice(before.lastIndexOf("\n") + 1)).length + 1;
  return { line, column };
}

function showCursor() {
  const { line, column } = cursorPosition();
  $("cursor").textContent = `Line ${line}, column ${column}`;
}

function moveCursor(line, column) {
  const area = $("source");
  const lines = area.value.split("\n");
  let offset = 0;
  for (let i = 0; i < Math.min(line - 1, lines.length - 1); i++) offset += lines[i].length + 1;
  const here = Array.from(lines[Math.min(line - 1, lines.length - 1)] || "");
  offset += here.slice(0, Math.max(0, column - 1)).join("").length;
  area.focus();
  area.setSelectionRange(offset, offset);
  const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 20;
  area.scrollTop = Math.max(0, (line - 3) * lineHeight);
  showCursor();
}

// -- problems and missing translations --

function listProblems(list, problems, countId) {
  list.replaceChildren();
  $(countId).textContent = `(${problems.length})`;
  for (const p of problems) {
    const item = document.createElement("li");
    item.className = p.severity;
    const button = document.createElement("button");
    button.type = "button";
    const where = document.createElement("span");
    where.className = "where";
    where.textContent = p.line ? `Line ${p.line}, column ${p.column}: ` : "";
    button.append(where, `${p.field ? p.field + ": " : ""}${p.message}`);
    if (p.line) button.addEventListener("click", () => moveCursor(p.line, p.column));
    else button.disabled = true;
    item.append(button);
    list.append(item);
  }
}

function showProblems(problems, missing) {
  listProblems($("problems"), problems, "problem-count");
  listProblems($("missing"), missing, "missing-count");
  $("missing-title").firstChild.textContent = `Missing translations (${shown()}) `;
}

// -- the preview --

async function refresh() {
  const asked = ++state.asked;
  const scale = Math.min(2, Math.max(1, window.devicePixelRatio || 1));
  status("Rendering…");
  let answer;
  try {
    answer = await call(`/api/preview?lang=${encodeURIComponent(shown())}&scale=${scale}${pathQuery()}`, body());
  } catch (err) {
    status("The server cannot be reached.");
    return;
  }
  if (asked !== state.asked) return; // the text changed meanwhile; a newer answer comes
  const pages = $("pages");
  if (answer.status === 200 || answer.status === 422) {
    const result = await answer.json();
    showProblems(result.problems, result.missing);
    if (answer.status === 200) {
      const images = result.pages.map((page, i) => {
        const img = document.createElement("img");
        img.width = Math.round(page.width); // the page's shape before it is drawn
        img.height = Math.round(page.height);
        img.loading = i === 0 ? "eager" : "lazy"; // drawn when scrolled to
        img.src = page.url;
        img.alt = `Page ${i + 1} of ${result.pages.length} (${shown()})`;
        return img;
      });
      pages.replaceChildren(...images);
      pages.classList.remove("stale");
      status(`Preview: ${result.pages.length} pages in ${shown()}.`);
    } else {
      pages.classList.add("stale");
      const n = result.problems.length;
      status(`${n} problem${n === 1 ? "" : "s"}: the preview shows the last good pages.`);
    }
  } else if (answer.status !== 401) {
    const result = await answer.json().catch(() => ({ error: answer.statusText }));
    status(`Not rendered: ${result.error}`);
  }
}

function schedule() {
  clearTimeout(state.timer);
  state.timer = setTimeout(refresh, DEBOUNCE_MS);
}

// -- language tabs --

function selectTab(button) {
  for (const tab of $("tabs").children) {
    const on = tab === button;
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
  }
  state.lang = button.dataset.lang;
  $("pages").setAttribute("aria-label", `Pages in ${button.textContent}`);
  refresh();
}

function makeTabs(languages) {
  const tabs = $("tabs");
  for (const lang of languages) {
    const tab = document.createElement("button");
    tab.type = "button";
    tab.setAttribute("role", "tab");
    tab.dataset.lang = lang.code;
    tab.lang = lang.code;
    tab.textContent = `${lang.code} · ${lang.name}`;
    tab.addEventListener("click", () => selectTab(tab));
    tab.addEventListener("keydown", (event) => {
      const all = [...tabs.children];
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (!step) return;
      const next = all[(all.indexOf(tab) + step + all.length) % all.length];
      next.focus();
      selectTab(next);
    });
    tabs.append(tab);
  }
}

// -- downloads --

async function download(format) {
  status(`Making the ${format.toUpperCase()}…`);
  const answer = await call(`/api/render?lang=${encodeURIComponent(shown())}&format=${format}${pathQuery()}`, body());
  if (answer.status === 200) {
    const blob = await answer.blob();
    const named = /filename="([^"]+)"/.exec(answer.headers.get("content-disposition") || "");
    const stem = state.file ? state.file.path.split("/").pop().replace(/\.[^.]+$/, "") : "brief";
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = named ? named[1].replace(/^brief/, stem) : `${stem}.${shown()}.${format}`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    status(`Downloaded ${link.download}.`);
  } else if (answer.status === 422) {
    const result = await answer.json();
    showProblems(result.problems, result.missing);
    status("Not downloaded: the brief has problems (listed below the source).");
  } else if (answer.status !== 401) {
    const result = await answer.json().catch(() => ({ error: answer.statusText }));
    status(`Not downloaded: ${result.error}`);
  }
}

// -- the folder --

function setText(text, format) {
  $("source").value = text;
  state.saved = text;
  $("source-format").value = format;
  $("source").setSelectionRange(0, 0);
  showCursor();
  refresh();
}

function formatOf(path) {
  return /\.(md|markdown)$/i.test(path) ? "markdown" : "yaml";
}

async function listFiles() {
  const answer = await call("/api/files");
  if (answer.status !== 200) return;
  const { files } = await answer.json();
  const list = $("files");
  list.replaceChildren();
  for (const path of files) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = path;
    button.setAttribute("aria-current", String(!!state.file && state.file.path === path));
    button.addEventListener("click", () => openFile(path));
    item.append(button);
    list.append(item);
  }
}

async function openFile(path) {
  if (!mayDiscard()) return;
  const answer = await call(`/api/file?path=${encodeURIComponent(path)}`);
  const result = await answer.json();
  if (answer.status !== 200) {
    status(`Not opened: ${result.error}`);
    return;
  }
  state.file = { path, version: result.version };
  $("save-name").value = path;
  $("conflict").hidden = true;
  setText(result.text, formatOf(path));
  status(`Opened ${path}.`);
  listFiles();
}

async function save() {
  const path = $("save-name").value.trim();
  if (!path) {
    status("Give the file a name first.");
    $("save-name").focus();
    return;
  }
  const version = state.file && state.file.path === path ? state.file.version : null;
  const answer = await call(`/api/file?path=${encodeURIComponent(path)}`, {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ text: $("source").value, version }),
  });
  const result = await answer.json();
  if (answer.status === 200) {
    state.file = { path, version: result.version };
    state.saved = $("source").value;
    $("conflict").hidden = true;
    status(`Saved ${path}.`);
    listFiles();
  } else if (answer.status === 409) {
    state.conflict = { path, disk: result.disk };
    $("conflict-text").textContent = `Not saved: ${result.error}.`;
    $("conflict").hidden = false;
    $("load-disk").hidden = !result.disk.version;
    status(`Conflict: ${path} was not saved.`);
    listFiles();
  } else {
    status(`Not saved: ${result.error}`);
  }
}

function loadDisk() {
  const { path, disk } = state.conflict;
  state.file = { path, version: disk.version };
  $("conflict").hidden = true;
  setText(disk.text, formatOf(path));
  status(`Opened the version of ${path} on disk.`);
}

// -- start --

async function newBrief() {
  if (!mayDiscard()) return;
  const lang = $("starter-lang").value;
  const answer = await call(`/api/starter?lang=${encodeURIComponent(lang)}`);
  if (answer.status !== 200) return;
  state.file = null;
  $("save-name").value = "";
  setText(await answer.text(), "yaml");
  status(`New brief from the ${lang} starter.`);
  if (state.folder) listFiles();
}

async function start() {
  const answer = await call("/api/info");
  if (answer.status !== 200) return;
  const info = await answer.json();
  state.folder = info.folder;
  for (const code of info.starters) {
    const option = document.createElement("option");
    option.value = option.textContent = code;
    $("starter-lang").append(option);
  }
  if (info.starters.includes("en")) $("starter-lang").value = "en";
  makeTabs(info.languages);
  for (const lang of info.languages) {
    const option = document.createElement("option");
    option.value = lang.code;
    option.textContent = `${lang.code} · ${lang.name}`;
    $("beside").append(option);
  }
  const first = [...$("tabs").children].find((t) => t.dataset.lang === "en") || $("tabs").firstChild;
  for (const tab of $("tabs").children) tab.tabIndex = tab === first ? 0 : -1;
  first.setAttribute("aria-selected", "true");
  state.lang = first.dataset.lang;
  if (info.folder) {
    for (const part of document.querySelectorAll(".folder-only")) part.hidden = false;
    document.querySelector(".layout").classList.add("with-files");
    await listFiles();
  }
  await newBrief();
}

window.addEventListener("DOMContentLoaded", () => {
  const area = $("source");
  area.addEventListener("input", () => { showCursor(); schedule(); });
  for (const event of ["keyup", "click", "select", "focus"]) area.addEventListener(event, showCursor);
  $("source-format").addEventListener("change", refresh);
  $("beside").addEventListener("change", (event) => { state.beside = event.target.value; refresh(); });
  $("new").addEventListener("click", newBrief);
  $("save").addEventListener("click", save);
  $("download-pdf").addEventListener("click", () => download("pdf"));
  $("download-docx").addEventListener("click", () => download("docx"));
  $("load-disk").addEventListener("click", loadDisk);
  $("dismiss-conflict").addEventListener("click", () => { $("conflict").hidden = true; });
  window.addEventListener("beforeunload", (event) => {
    if (state.folder && unsaved()) event.preventDefault(); // the browser asks first
  });
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === "s" && state.folder) {
      event.preventDefault();
      save();
    }
  });
  start();
});
