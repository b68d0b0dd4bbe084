"use strict";
// The roster on a day, from the views the fold computed (timeline/export/site.py): for each company,
// the page shows its last view on or before the day. Nothing of the fold is computed here, so the page
// and `timeline state` cannot disagree; tests/test_site.py runs `companiesOn` in Node against the
// Python on every day something changes. Every text from the data goes into the page as textContent.

// Python's date.toordinal(): 0001-01-01 is day 1, so 1970-01-01 is day 719163.
const EPOCH = 719163;
const DAY_MS = 86400000;

function ordinal(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return Math.round(d.getTime() / DAY_MS) + EPOCH;
}

function iso(n) {
  if (n === null || n === undefined) return null;
  const d = new Date((n - EPOCH) * DAY_MS);
  const pad = (v, w) => String(v).padStart(w, "0");
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

// The last step on or before the day (steps are [day, view] sorted by day), or null.
function stepAt(steps, day) {
  let [lo, hi] = [0, steps.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid][0] <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo ? steps[lo - 1] : null;
}

// Every company shown on the day, by id (the order `timeline state` lists them in).
function companiesOn(roster, day) {
  const out = [];
  for (const cid of Object.keys(roster.steps).sort()) {
    const step = stepAt(roster.steps[cid], day);
    if (step !== null && step[1] >= 0) out.push(roster.views[step[1]]);
  }
  return out;
}

function coverage(first, latest, day) {
  const out = first && latest ? [`The data runs from ${first} to ${latest} (the latest fact it holds).`] : [];
  if (latest && day > latest)
    out.push(`${day} is after the latest fact (${latest}): this is the state as the last sources left it, not news of that day.`);
  if (first && day < first) out.push(`${day} is before the first fact (${first}): nothing is recorded that early.`);
  return out;
}

// -- the page -----------------------------------------------------------------------------------------

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "text") node.textContent = value;
    else if (key === "class") node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

const POSSIBLY = "(?)";
const possible = (certain) => (certain ? null : el("span", { class: "possible", title: "possible: a date range covers this day", text: ` ${POSSIBLY}` }));

function sourceLink(source) {
  if (!/^https?:\/\//i.test(source.url)) return el("span", { text: source.label });
  return el("a", { href: source.url, rel: "noopener noreferrer", target: "_blank", text: source.label });
}

function eventItem(events, id) {
  const event = events[id];
  if (!event) return el("li", { text: id });
  const links = el("span", { class: "sources" });
  event.sources.forEach((source, i) => {
    if (i) links.append(", ");
    links.append(sourceLink(source));
  });
  return el("li", {}, el("span", { class: "when", text: event.date }), " ", el("span", { text: event.headline }), el("br"), "Sources: ", links);
}

function fact(item, events) {
  const state = item.certain ? "certain" : "possible: a date range covers this day";
  return el("li", { class: "fact" }, el("span", { text: item.label }), el("span", { class: item.certain ? "sure" : "possible", text: ` (${state})` }), el("ul", {}, ...item.events.map((id) => eventItem(events, id))));
}

function link(params) {
  const query = new URLSearchParams(params);
  return `?${query.toString()}`;
}

function personItem(view, person, events, day) {
  const head = el("p", { class: "who" }, el("a", { class: "name", href: link({ date: iso(day), person: person.person }), text: person.name }));
  if (person.founder) head.append(el("span", { class: "badge", text: "co-founder" }));
  head.append(possible(person.certain) || "");
  const roles = el("ul", { class: "roles" });
  for (const role of person.roles) roles.append(el("li", { class: "role", "data-role": role.role }, el("span", { text: role.title }), possible(role.certain), el("span", { class: "since", text: ` since ${role.since}` })));
  const count = new Set(person.facts.flatMap((f) => f.events)).size;
  const facts = el("ul", { class: "facts" }, ...person.facts.map((f) => fact(f, events)));
  return el("li", { class: "member", "data-person": person.person }, head, person.roles.length ? roles : null, el("p", { class: "notes", text: person.notes }), el("details", {}, el("summary", { text: `Sources (${count} event${count === 1 ? "" : "s"})` }), facts));
}

function companySection(view, events, day) {
  const title = el("h3", {}, el("a", { href: link({ date: iso(day), company: view.id }), text: view.title }));
  const section = el("section", { class: "company", "data-company": view.id, "aria-label": view.name }, title);
  for (const line of view.lines) section.append(el("p", { class: line.startsWith("Leadership") ? "leadership" : "line", text: line }));
  if (!view.people.length) section.append(el("p", { class: "note", text: "no named people on this date" }));
  else section.append(el("ul", { class: "members" }, ...view.people.map((p) => personItem(view, p, events, day))));
  return section;
}

function matches(view, words) {
  if (!words) return true;
  const text = [view.name, ...view.people.map((p) => p.name)].join(" ").toLowerCase();
  return words.split(/\s+/).every((w) => text.includes(w));
}

let data = null;

function show(day, search, chosen) {
  const text = iso(day);
  const views = companiesOn(data.roster, day);
  // Companies with named people or tracked leaders first; those named only in deals in one line.
  const shown = views.filter((v) => !v.counterparty && matches(v, search));
  shown.sort((a, b) => Number(b.first) - Number(a.first));
  const others = views.filter((v) => v.counterparty).map((v) => v.name);
  document.getElementById("roster-title").textContent = `State on ${text}, everything known`;
  document.getElementById("coverage").replaceChildren(...coverage(iso(data.first), iso(data.latest), text).map((t) => el("p", { class: "note", text: t })));
  const sections = shown.map((v) => companySection(v, data.events, day));
  if (others.length && !search) sections.push(el("p", { class: "note", text: `Also named, only as investors or partners in deals (not as employers): ${others.join(", ")}` }));
  if (!sections.length) sections.push(el("p", { class: "note", text: `Nothing on this date matches “${search}”.` }));
  document.getElementById("companies").replaceChildren(...sections);
  const legend = [...new Set(shown.flatMap((v) => v.legend))];
  legend.push(`The same answer on the command line: timeline state --date ${text}`);
  document.getElementById("legend").replaceChildren(...legend.map((t) => el("p", { text: t })));
  for (const node of document.querySelectorAll(".chosen")) node.classList.remove("chosen");
  if (chosen) {
    const found = document.querySelectorAll(chosen.kind === "person" ? `[data-person="${CSS.escape(chosen.id)}"]` : `[data-company="${CSS.escape(chosen.id)}"]`);
    for (const node of found) node.classList.add("chosen");
    if (found.length) found[0].scrollIntoView({ block: "start" });
  }
}

function start() {
  data = JSON.parse(document.getElementById("site-data").textContent);
  const stops = data.roster.stops;
  const params = new URLSearchParams(location.search || location.hash.slice(1));
  const today = Math.floor((Date.now() - new Date().getTimezoneOffset() * 60000) / DAY_MS) + EPOCH; // local day
  const field = document.getElementById("day");
  const slider = document.getElementById("slider");
  const search = document.getElementById("search");
  const axis = [...stops.filter((d) => d < today), today]; // a step per day something changes, then today
  slider.min = "0";
  slider.max = String(axis.length - 1);
  let day = ordinal(params.get("date")) ?? today;
  let chosen = params.get("person") ? { kind: "person", id: params.get("person") } : params.get("company") ? { kind: "company", id: params.get("company") } : null;
  let follow = null; // moves the TimelineJS slides to the day, once they are there
  const remember = () => {
    const query = { date: iso(day) };
    if (chosen) query[chosen.kind] = chosen.id;
    try {
      history.replaceState(null, "", link(query)); // a link to this view
    } catch (e) {
      // some browsers refuse it on file:// pages; the page works without it
    }
  };
  const go = (n, keep) => {
    if (n === null) return;
    day = n;
    field.value = iso(day);
    const place = stepAt(axis.map((d, i) => [d, i]), day);
    slider.value = String(place ? place[1] : 0);
    slider.setAttribute("aria-valuetext", iso(day));
    show(day, search.value.trim().toLowerCase(), chosen);
    if (keep) {
      if (follow) follow(day);
      remember();
    }
  };
  field.addEventListener("change", () => go(ordinal(field.value), true));
  slider.addEventListener("input", () => go(axis[Number(slider.value)], false));
  slider.addEventListener("change", () => go(axis[Number(slider.value)], true));
  document.getElementById("earlier").addEventListener("click", () => go([...axis].reverse().find((d) => d < day) ?? day, true));
  document.getElementById("later").addEventListener("click", () => go(axis.find((d) => d > day) ?? day, true));
  search.addEventListener("input", () => show(day, search.value.trim().toLowerCase(), null));
  document.getElementById("controls").addEventListener("submit", (e) => e.preventDefault());
  document.getElementById("companies").addEventListener("click", (e) => {
    const target = e.target.closest("a[href^='?']");
    if (!target) return;
    e.preventDefault();
    const query = new URLSearchParams(target.getAttribute("href").slice(1));
    chosen = query.get("person") ? { kind: "person", id: query.get("person") } : { kind: "company", id: query.get("company") };
    go(day, true);
  });
  go(day, false);
  document.addEventListener("DOMContentLoaded", () => {
    follow = timeline(data.timelinejs, day);
  });
}

// The slide of the last event that began on or before the day (0 is the title slide).
function slideAt(slides, day) {
  let found = 0;
  slides.events.forEach((slide, i) => {
    const d = slide.start_date;
    const n = ordinal(`${String(d.year).padStart(4, "0")}-${String(d.month || 1).padStart(2, "0")}-${String(d.day || 1).padStart(2, "0")}`);
    if (n !== null && n <= day) found = i + 1;
  });
  return found;
}

function timeline(base, day) {
  const note = document.getElementById("timeline-note");
  if (typeof TL === "undefined") {
    note.textContent = `TimelineJS could not be loaded from ${base} (offline?). The roster above needs nothing else.`;
    document.getElementById("timeline-embed").remove();
    return null;
  }
  const slides = JSON.parse(document.getElementById("timelinejs-data").textContent);
  const options = {
    script_path: new URL("js/", new URL(base, location.href)).href, // where TimelineJS finds its own files
    font: null, // no web fonts from another host
    hash_bookmark: false,
    start_at_slide: slideAt(slides, day),
  };
  const made = new TL.Timeline("timeline-embed", slides, options);
  return (n) => made.goTo(slideAt(slides, n));
}

if (typeof document !== "undefined") start();
if (typeof module !== "undefined") module.exports = { ordinal, iso, stepAt, companiesOn, coverage };
