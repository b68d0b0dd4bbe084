"use strict";
// The roster on a day, computed from the intervals embedded in the page: a port of what
// timeline/fold.py (Index.company) and timeline/present.py (how a date reads) do for a company.
// tests/test_site.py runs this file in Node and compares it with the Python on every day
// on which something changes. Every text from the data goes into the page as textContent.

// -- days ---------------------------------------------------------------------------------------------

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

// -- the fold (timeline/intervals.py, timeline/fold.py) ------------------------------------------------

const possiblyBy = (when, day) => when.lo === null || when.lo <= day;
const certainlyBy = (when, day) => when.hi !== null && when.hi <= day;

function holds(start, end, day) {
  const possibly = possiblyBy(start, day) && !(end !== null && certainlyBy(end, day));
  const certainly = certainlyBy(start, day) && (end === null || !possiblyBy(end, day));
  return [possibly, certainly];
}

const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function compareTuples(a, b) {
  for (let i = 0; i < a.length; i++) {
    const c = compare(a[i], b[i]);
    if (c) return c;
  }
  return 0;
}

class Index {
  constructor(data) {
    const iv = data.intervals;
    this.data = data;
    this.intervals = iv;
    this.roles = data.roles;
    this.leadership = data.leadership;
    this.companies = new Map(iv.companies.map((c) => [c.id, c]));
    this.people = new Map(iv.people.map((p) => [p.id, p]));
    this.byCompany = new Map();
    for (const stint of iv.stints) push(this.byCompany, stint.company, stint);
    this.lines = new Map();
    for (const line of iv.lines) push(this.lines, `${line.person}\u0000${line.company}`, line);
    this.raised = new Map();
    for (const raised of iv.raised) push(this.raised, raised.company, raised);
  }

  seat(role) {
    const known = this.roles[role];
    return known ? known.seat : null;
  }

  title(role) {
    const known = this.roles[role];
    return known ? known.title : role;
  }

  name(pid) {
    const person = this.people.get(pid);
    return person ? person.name : pid;
  }

  // Every company shown on the day, in the order `timeline state` lists them (by id).
  state(day) {
    const out = [];
    for (const cid of [...this.companies.keys()].sort(compare)) {
      const company = this.company(cid, day);
      if (company !== null) out.push(company);
    }
    return out;
  }

  company(cid, day) {
    const record = this.companies.get(cid);
    if (record.first_seen > day || (record.founded !== null && (record.founded.lo || day) > day)) return null;
    const founded = record.founded !== null && possiblyBy(record.founded, day) ? record.founded : null;
    const stints = this.byCompany.get(cid) || [];
    const holders = this.seatHolders(stints, day);
    const members = [];
    for (const stint of stints) {
      const member = this.member(stint, day, holders);
      if (member !== null) members.push(member);
    }
    members.sort((a, b) => compareTuples(this.memberOrder(a), this.memberOrder(b)));
    const leadership = {};
    for (const place of this.leadership) {
      const chosen = [];
      for (const m of members) {
        for (const r of m.roles) if (this.seat(r.role) === place) chosen.push([r.certain ? 0 : 1, m.person]);
      }
      if (chosen.length) leadership[place] = chosen.sort(compareTuples)[0][1];
    }
    return {
      id: cid,
      name: record.name,
      founded: founded ? founded.text : null,
      founders: founded ? [...record.founders] : [],
      founder_count: founded ? record.founder_count : null,
      headquarters: founded ? record.headquarters : null,
      legal_form: founded ? record.legal_form : null,
      leadership,
      named_people: members.length,
      members,
      funding: this.funding(this.raised.get(cid) || [], day),
    };
  }

  // For each seat, the span that rules out its predecessors on the day (fold.py, Index._seat_holders).
  seatHolders(stints, day) {
    const bySeat = new Map();
    for (const stint of stints) {
      for (const span of stint.roles) {
        const place = this.seat(span.role);
        if (place !== null) push(bySeat, place, span);
      }
    }
    const ruling = new Map();
    for (const [place, spans] of bySeat) {
      spans.sort((a, b) => a.order - b.order);
      for (const span of spans) {
        if (holds(span.start, span.end, day)[1]) {
          ruling.set(place, span);
          break;
        }
        if (certainlyBy(span.start, day)) ruling.set(place, span);
      }
    }
    return ruling;
  }

  member(stint, day, holders) {
    const [possibly, certainly] = holds(stint.start, stint.end, day);
    if (!possibly) return null;
    let status = "current";
    if (!certainlyBy(stint.start, day)) status = "possibly-joined";
    else if (stint.end !== null && possiblyBy(stint.end, day)) status = "possibly-left";
    return {
      person: stint.person,
      name: this.name(stint.person),
      roles: this.memberRoles(stint, day, certainly, holders),
      since: stint.start.text,
      since_lower: iso(stint.start.lo),
      since_upper: iso(stint.start.hi),
      until: status === "possibly-left" && stint.end ? stint.end.text : null,
      status,
      certain: certainly,
      founder: stint.founder,
      standing: stint.standing,
      reports_to: this.line(stint, day, certainly),
      events: stint.events.filter(([, when]) => possiblyBy(when, day)).map(([event]) => event),
    };
  }

  memberRoles(stint, day, memberCertain, holders) {
    const out = [];
    for (const span of stint.roles) {
      const [possibly, certainly] = holds(span.start, span.end, day);
      if (!possibly) continue;
      const place = this.seat(span.role);
      const ruling = holders !== null && place !== null ? holders.get(place) : undefined;
      if (ruling !== undefined && ruling !== span && (holds(ruling.start, ruling.end, day)[1] || ruling.order > span.order))
        continue; // ruled out by the seat's order
      const ends = span.end !== null && possiblyBy(span.end, day);
      out.push({
        role: span.role,
        title: this.title(span.role),
        named_as: span.title,
        since: span.start.text,
        since_lower: iso(span.start.lo),
        since_upper: iso(span.start.hi),
        until: ends ? span.end.text : null,
        certain: certainly && memberCertain,
        events: [span.start_event, ...(ends && span.end_event ? [span.end_event] : [])],
      });
    }
    return out;
  }

  line(stint, day, memberCertain) {
    for (const line of this.lines.get(`${stint.person}\u0000${stint.company}`) || []) {
      const [possibly, certainly] = holds(line.start, line.end, day);
      if (!possibly) continue;
      const ends = line.end !== null && possiblyBy(line.end, day);
      return {
        manager: line.manager,
        name: this.name(line.manager),
        since: line.start.text,
        since_lower: iso(line.start.lo),
        since_upper: iso(line.start.hi),
        until: ends ? line.end.text : null,
        certain: certainly && memberCertain,
        events: [line.start_event, ...(ends && line.end_event ? [line.end_event] : [])],
      };
    }
    return null;
  }

  funding(raised, day) {
    const held = raised
      .filter((item) => possiblyBy(item.when, day))
      .map((item) => ({
        event: item.event,
        kind: item.kind,
        round: item.round,
        date: item.when.text,
        date_lower: iso(item.when.lo),
        date_upper: iso(item.when.hi),
        amount: item.amount,
        currency: item.currency,
        valuation: item.valuation,
        valuation_basis: item.basis,
        investors: item.investors.map(([, name]) => name),
        lead_investors: item.investors.filter(([, , lead]) => lead).map(([, name]) => name),
        certain: certainlyBy(item.when, day),
      }));
    if (!held.length) return null; // nothing recorded: unknown, which is not zero
    const disclosed = held.filter((r) => r.amount !== null && r.currency === "USD").map((r) => r.amount);
    const latest = [...held].reverse().find((r) => r.valuation !== null) || null;
    return {
      total_usd: disclosed.length ? disclosed.reduce((a, b) => a + b, 0) : null,
      undisclosed: held.filter((r) => r.amount === null).length,
      valuation_usd: latest ? latest.valuation : null,
      valuation_basis: latest ? latest.valuation_basis : null,
      investors: [...new Set(held.flatMap((r) => r.investors))],
      certain: held.every((r) => r.certain),
      rounds: held,
    };
  }

  // Leaders first (CEO, CTO, ...), then founders, then by start date (fold.py, _member_order).
  memberOrder(member) {
    const ranks = member.roles.map((r) => this.leadership.indexOf(this.seat(r.role))).filter((i) => i >= 0);
    return [ranks.length ? Math.min(...ranks) : this.leadership.length, member.founder ? 0 : 1, member.since_lower || "", member.person];
  }
}

function push(map, key, value) {
  if (!map.has(key)) map.set(key, []);
  map.get(key).push(value);
}

// -- how values read (timeline/wording.py) -----------------------------------------------------------

const LEGEND = {
  "~": "~ about (the sources give an approximate date)",
  "?": "? uncertain (the sources are unsure of the date)",
  "%": "% both approximate and uncertain",
  by: "by D: on or before D, when the first report came",
  later: "D or later: on or after D, end not known",
  to: "A to B: some day between A and B",
};

class Dates {
  constructor() {
    this.used = new Set();
  }

  show(text, lo = null, hi = null) {
    if (!text) return "";
    if (!text.includes("/")) return this.side(text.includes("T") ? text.slice(0, 10) : text);
    const cut = text.indexOf("/");
    const [first, last] = [text.slice(0, cut), text.slice(cut + 1)];
    const start = first !== "" && first !== ".." ? this.side(first) : lo;
    const end = last !== "" && last !== ".." ? this.side(last) : null;
    if (start && end) {
      if (start === end) return start; // an open side bounded to the other's day: one day
      this.used.add("to");
      return `${start} to ${end}`;
    }
    if (end) {
      this.used.add("by");
      return `by ${end}`;
    }
    this.used.add("later");
    return start ? `${start} or later` : hi || "";
  }

  side(text) {
    const core = text.replace(/[~?%]+$/, "");
    const mark = text.slice(core.length);
    if (!mark) return core;
    this.used.add(mark);
    return mark === "~" ? `${mark}${core}` : `${core}${mark}`;
  }

  legend() {
    return ["~", "?", "%", "by", "later", "to"].filter((k) => this.used.has(k)).map((k) => LEGEND[k]);
  }
}

function money(amount, currency = "USD") {
  if (amount === null) return "undisclosed";
  const sign = currency === "USD" ? "$" : `${currency} `;
  for (const [size, unit] of [[1e9, "B"], [1e6, "M"]]) {
    if (amount >= size) {
      if (amount % (size / 10) === 0) return `${sign}${String(amount / (size / 10) / 10)}${unit}`;
      // Two decimals, rounded half to even on the exact amount, as Python's format does.
      let hundredths = Math.floor((amount * 100) / size);
      const rest = amount * 100 - hundredths * size;
      if (rest * 2 > size || (rest * 2 === size && hundredths % 2 === 1)) hundredths += 1;
      return `${sign}${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}${unit}`;
    }
  }
  return `${sign}${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}`;
}

function valuation(amount, basis, currency = "USD") {
  if (amount === null) return "unknown";
  if (basis === null || basis === "unspecified") return `${money(amount, currency)} (pre- or post-money not said)`;
  return `${money(amount, currency)} ${basis}`;
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

function eventItem(events, id, dates) {
  const event = events[id];
  if (!event) return el("li", { text: id });
  const links = el("span", { class: "sources" });
  event.sources.forEach((source, i) => {
    if (i) links.append(", ");
    links.append(sourceLink(source));
  });
  return el("li", {}, el("span", { class: "when", text: dates.show(event.date) }), " ", el("span", { text: event.headline }), el("br"), "Sources: ", links);
}

function fact(label, certain, ids, events, dates) {
  const state = certain ? "certain" : "possible: a date range covers this day";
  return el("li", { class: "fact" }, el("span", { text: label }), el("span", { class: certain ? "sure" : "possible", text: ` (${state})` }), el("ul", {}, ...ids.map((id) => eventItem(events, id, dates))));
}

function memberItem(company, member, events, dates) {
  const since = (x) => dates.show(x.since, x.since_lower, x.since_upper);
  const head = el("p", { class: "who" }, el("strong", { class: "name", text: member.name }));
  if (member.founder) head.append(el("span", { class: "badge", text: "co-founder" }));
  head.append(possible(member.certain) || "");
  const roles = el("ul", { class: "roles" });
  for (const role of member.roles) {
    roles.append(el("li", { class: "role", "data-role": role.role }, el("span", { text: role.title }), possible(role.certain), el("span", { class: "since", text: ` since ${since(role)}` })));
  }
  const notes = [`joined ${since(member)}`];
  if (member.status === "possibly-joined") notes.push("may not have joined yet");
  else if (member.status === "possibly-left") notes.push(`may have left (${dates.show(member.until)})`);
  const line = member.reports_to;
  if (line) notes.push(`reports to ${line.name}${line.certain ? "" : ` ${POSSIBLY}`}`);
  const facts = el("ul", { class: "facts" }, fact(`At ${company.name} since ${since(member)}`, member.certain, member.events, events, dates));
  for (const role of member.roles) facts.append(fact(`${role.title} since ${since(role)}`, role.certain, role.events, events, dates));
  const count = new Set([...member.events, ...member.roles.flatMap((r) => r.events), ...(line ? line.events : [])]).size;
  if (line) facts.append(fact(`Reports to ${line.name} since ${since(line)}`, line.certain, line.events, events, dates));
  return el("li", { class: "member", "data-person": member.person }, head, member.roles.length ? roles : null, el("p", { class: "notes", text: notes.join(" · ") }), el("details", {}, el("summary", { text: `Sources (${count} event${count === 1 ? "" : "s"})` }), facts));
}

function companySection(company, events, dates) {
  const details = [];
  if (company.founded) details.push(`founded ${dates.show(company.founded)}`);
  if (company.headquarters) details.push(company.headquarters);
  const section = el("section", { class: "company", "data-company": company.id }, el("h3", { text: company.name + (details.length ? ` (${details.join(", ")})` : "") }));
  const members = new Map(company.members.map((m) => [m.person, m]));
  const leaders = el("ul", { class: "leadership" });
  for (const [place, person] of Object.entries(company.leadership)) {
    const member = members.get(person);
    const role = member ? member.roles.find((r) => r.role === place || index.seat(r.role) === place) : undefined;
    const text = role ? role.title : index.title(place);
    leaders.append(el("li", { "data-seat": place }, `${text} `, el("strong", { text: member ? member.name : person }), role ? ` (since ${dates.show(role.since, role.since_lower, role.since_upper)})` : "", possible(!role || role.certain)));
  }
  if (leaders.childElementCount) section.append(el("p", { class: "label", text: "Leadership" }), leaders);
  if (company.founded && company.founders.length) {
    const count = company.founder_count;
    const differ = count !== null && count !== company.founders.length ? `, of ${count} counted` : "";
    section.append(el("p", { text: `Co-founders: ${company.founders.length} named${differ}` }));
  }
  section.append(...fundingLines(company.funding).map((text) => el("p", { text })));
  const n = company.named_people;
  if (!n) section.append(el("p", { class: "note", text: "no named people on this date" }));
  else {
    section.append(el("p", { class: "note", text: `${n} named ${n === 1 ? "person" : "people"} on this date (the sources' names, not a staff list)` }));
    section.append(el("ul", { class: "members" }, ...company.members.map((m) => memberItem(company, m, events, dates))));
  }
  return section;
}

function fundingLines(funding) {
  if (funding === null) return ["Funding: none recorded (unknown, not zero)"];
  const parts = [];
  if (funding.total_usd !== null) parts.push(`${money(funding.total_usd)} raised`);
  if (funding.undisclosed) {
    const count = funding.undisclosed;
    parts.push(`${parts.length ? "plus " : ""}${count} undisclosed amount${count > 1 ? "s" : ""}`);
  }
  if (funding.valuation_usd !== null) parts.push(`valued ${valuation(funding.valuation_usd, funding.valuation_basis)}`);
  let line = `Funding: ${parts.join(", ")}`;
  if (!funding.certain) line += ` ${POSSIBLY}: a round's closing date range covers this day`;
  return funding.investors.length ? [line, `Investors: ${funding.investors.join(", ")}`] : [line];
}

let index = null;

function show(day) {
  const data = index.data;
  const text = iso(day);
  const dates = new Dates();
  const companies = index.state(day);
  document.getElementById("roster-title").textContent = `State on ${text}, everything known`;
  document.getElementById("coverage").replaceChildren(...coverage(iso(data.intervals.first), iso(data.intervals.latest), text).map((t) => el("p", { class: "note", text: t })));
  document.getElementById("companies").replaceChildren(...companies.map((c) => companySection(c, data.events, dates)));
  const legend = dates.legend();
  legend.push(`${POSSIBLY} possible: a date range covers this day, so it may or may not hold yet; a fact without it is certain`);
  legend.push(`The same answer on the command line: timeline state --date ${text}`);
  document.getElementById("legend").replaceChildren(...legend.map((t) => el("p", { text: t })));
}

function start() {
  const data = JSON.parse(document.getElementById("site-data").textContent);
  index = new Index(data);
  const [first, latest] = [data.intervals.first, data.intervals.latest];
  const field = document.getElementById("day");
  const slider = document.getElementById("slider");
  [field.min, field.max] = [iso(first), iso(latest)];
  [slider.min, slider.max] = [String(first), String(latest)];
  const wanted = new URLSearchParams(location.hash.slice(1)).get("date") || new URLSearchParams(location.search).get("date");
  const today = Math.floor((Date.now() - new Date().getTimezoneOffset() * 60000) / DAY_MS) + EPOCH; // local day
  let day = ordinal(wanted) ?? Math.min(Math.max(today, first), latest);
  let follow = null; // moves the TimelineJS slides to the day, once they are there
  const go = (n, remember) => {
    if (n === null) return;
    day = n;
    field.value = iso(day);
    slider.value = String(Math.min(Math.max(day, first), latest));
    show(day);
    if (remember) {
      if (follow) follow(day);
      try {
        history.replaceState(null, "", `#date=${iso(day)}`); // a link to this day
      } catch (e) {
        // some browsers refuse it on file:// pages; the page works without it
      }
    }
  };
  field.addEventListener("change", () => go(ordinal(field.value), true));
  slider.addEventListener("input", () => go(Number(slider.value), false));
  slider.addEventListener("change", () => go(Number(slider.value), true));
  document.getElementById("earlier").addEventListener("click", () => go(day - 1, true));
  document.getElementById("later").addEventListener("click", () => go(day + 1, true));
  document.getElementById("controls").addEventListener("submit", (e) => e.preventDefault());
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
if (typeof module !== "undefined") module.exports = { ordinal, iso, Index, Dates, money, valuation, coverage };
