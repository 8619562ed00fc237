// The dashboard page's behaviour: filters (kept in the address), charts (Plotly), tables.
// The data are the JSON of report.py: facts, officials, events, and the sentences they link to.
"use strict";
const DATA = JSON.parse(document.getElementById("data").textContent);
const FILTERS = ["indicator", "region", "kind", "doc"];
const ALL = "";
const CONFIG = { displaylogo: false, responsive: true };

function unique(values) {
  return [...new Set(values.filter(v => v !== null && v !== undefined && v !== ""))].sort((a, b) => String(a).localeCompare(String(b), "ru"));
}

function readState() {
  const state = {};
  for (const part of location.hash.replace(/^#/, "").split("&")) {
    const [key, value] = part.split("=");
    if (FILTERS.includes(key)) state[key] = decodeURIComponent(value || "");
  }
  return state;
}

function writeState(state) {
  const hash = FILTERS.filter(k => state[k]).map(k => k + "=" + encodeURIComponent(state[k])).join("&");
  history.replaceState(null, "", hash ? "#" + hash : location.pathname);
}

function fillSelect(name, values, chosen) {
  const select = document.getElementById("f-" + name);
  select.replaceChildren(new Option("all", ALL), ...values.map(v => new Option(v, v)));
  select.value = values.includes(chosen) ? chosen : ALL;
  select.addEventListener("change", () => { const s = current(); writeState(s); draw(s); });
}

function current() {
  const state = {};
  for (const k of FILTERS) state[k] = document.getElementById("f-" + k).value;
  return state;
}

function keepFact(f, s) {
  return (!s.indicator || f.indicator === s.indicator) && (!s.region || f.regions.includes(s.region))
    && (!s.kind || f.kind === s.kind) && (!s.doc || f.doc === s.doc);
}
const keepOfficial = (o, s) => (!s.region || o.region === s.region) && (!s.doc || o.doc === s.doc);
const keepEvent = (e, s) => !s.doc || e.doc === s.doc;

function countBy(rows, key) {
  const counts = new Map();
  for (const r of rows) for (const k of [].concat(key(r))) counts.set(k, (counts.get(k) || 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

function bars(id, entries, title) {
  entries = entries.filter(e => e[0] !== "—");  // the unknown is in the table, not worth a bar
  Plotly.react(id, [{ type: "bar", x: entries.map(e => e[0]), y: entries.map(e => e[1]) }],
    { title: { text: title }, margin: { b: 120 }, yaxis: { title: { text: "count" } } }, CONFIG);
}

function factLabel(f) {
  const value = f.value.toLocaleString("ru-RU") + (f.unit ? " " + f.unit : "");
  return `${f.text} = ${value}<br>${f.indicator}, ${f.period || "no period"}<br>${f.doc}`;
}

function drawFacts(facts) {
  const dated = facts.filter(f => f.start && f.value > 0);
  const traces = unique(dated.map(f => f.indicator)).map(indicator => {
    const rows = dated.filter(f => f.indicator === indicator);
    return { type: "scatter", mode: "markers", name: indicator === "—" ? "(no indicator)" : indicator, x: rows.map(f => f.start), y: rows.map(f => f.value),
             text: rows.map(factLabel), hoverinfo: "text", marker: { size: 10 } };
  });
  Plotly.react("c-time", traces, { title: { text: "Facts by period (start of the period), by indicator" },
    xaxis: { type: "date", title: { text: "period" } }, yaxis: { type: "log", title: { text: "value" } },
    legend: { orientation: "h", y: -0.25 } }, CONFIG);
  const kinds = unique(facts.map(f => f.kind));
  const regions = unique(facts.flatMap(f => f.regions));
  Plotly.react("c-regions", kinds.map(kind => ({ type: "bar", name: kind, x: regions,
    y: regions.map(r => facts.filter(f => f.kind === kind && f.regions.includes(r)).length) })),
    { barmode: "stack", title: { text: "Facts by region and kind" }, margin: { b: 120 } }, CONFIG);
}

function link(sentence) {
  if (!sentence) return "";
  const a = document.createElement("a");
  a.href = "#" + sentence; a.textContent = "sentence";
  a.addEventListener("click", ev => { ev.preventDefault(); const el = document.getElementById(sentence); el.scrollIntoView(); el.focus(); });
  return a;
}

function table(id, columns, rows) {
  const head = document.createElement("tr");
  for (const [title] of columns) head.append(Object.assign(document.createElement("th"), { textContent: title }));
  const body = rows.map(r => {
    const tr = document.createElement("tr");
    for (const [, cell, cls] of columns) {
      const td = document.createElement("td");
      const value = cell(r);
      if (value instanceof Node) td.append(value); else td.textContent = value === null || value === undefined ? "" : value;
      if (cls) td.className = cls;
      tr.append(td);
    }
    return tr;
  });
  document.getElementById(id).replaceChildren(head, ...body);
}

function draw(state) {
  const facts = DATA.facts.filter(f => keepFact(f, state));
  const officials = DATA.officials.filter(o => keepOfficial(o, state));
  const events = DATA.events.filter(e => keepEvent(e, state));
  document.getElementById("n-facts").textContent = `(${facts.length} of ${DATA.facts.length})`;
  document.getElementById("n-officials").textContent = `(${officials.length} of ${DATA.officials.length})`;
  document.getElementById("n-events").textContent = `(${events.length} of ${DATA.events.length})`;
  drawFacts(facts);
  table("t-facts", [["document", f => f.doc], ["fact", f => f.text], ["kind", f => f.kind],
    ["value", f => f.value.toLocaleString("ru-RU"), "num"], ["unit", f => f.unit], ["qualifier", f => f.qualifier],
    ["change", f => f.change], ["indicator", f => f.indicator], ["period", f => f.period],
    ["regions", f => f.regions.join("; ")], ["", f => link(f.sentence)]], facts);
  bars("c-off-regions", countBy(officials, o => o.region), "Officials by region");
  bars("c-off-bodies", countBy(officials, o => o.organization || "—"), "Officials by body");
  table("t-officials", [["document", o => o.doc], ["person", o => o.person], ["position", o => o.position],
    ["body", o => o.organization], ["region", o => o.region], ["country", o => o.country], ["", o => link(o.sentence)]], officials);
  const dated = events.filter(e => e.start);
  Plotly.react("c-events", [{ type: "scatter", mode: "markers", x: dated.map(e => e.start), y: dated.map(e => e.type),
    text: dated.map(e => `${e.text}<br>${e.place || ""} ${e.date}<br>${e.doc}`), hoverinfo: "text", marker: { size: 10 } }],
    { title: { text: "Events by date and type" }, xaxis: { type: "date" } }, CONFIG);
  table("t-events", [["document", e => e.doc], ["type", e => e.type], ["event", e => e.text], ["date", e => e.date],
    ["place", e => e.place], ["organizers", e => e.organizers], ["participants", e => e.participants], ["", e => link(e.sentence)]], events);
}

function sentences() {
  const box = document.getElementById("sentences");
  for (const [id, s] of Object.entries(DATA.sentences)) {
    const div = Object.assign(document.createElement("div"), { id, className: "sentence", tabIndex: -1 });
    div.append(Object.assign(document.createElement("div"), { className: "doc", textContent: s.doc }), s.text);
    box.append(div);
  }
}

const state = readState();
fillSelect("indicator", unique(DATA.facts.map(f => f.indicator)), state.indicator);
fillSelect("region", unique([...DATA.facts.flatMap(f => f.regions), ...DATA.officials.map(o => o.region)]), state.region);
fillSelect("kind", unique(DATA.facts.map(f => f.kind)), state.kind);
fillSelect("doc", unique([...DATA.facts, ...DATA.officials, ...DATA.events].map(r => r.doc)), state.doc);
sentences();
draw(current());
