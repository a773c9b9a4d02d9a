// Accessible charts drawn as SVG at the width they are shown: each <svg role="img"> has a
// title and a description, its viewBox is the figure's own width in CSS pixels (redrawn when
// that changes), so 13-px labels stay 13 px on a phone and on a desktop. Every chart is
// followed by a table with the same numbers (the text alternative, and the exact figures).
import { MONTHS, el } from "./ui.js";

const SVG = "http://www.w3.org/2000/svg";
const FONT = 13;

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

// One short wording for a group too small to show, everywhere on the dashboard.
export const HIDDEN_SMALL = "Hidden (fewer than 5)";
// A hidden figure is drawn as a hatched outline, never as an empty (zero-looking) bar; the
// chart then says what the hatching means.
const HIDDEN_MARK = "<5";
// The height (px) of a hidden month's marker in a column chart: the same for every hidden month.
const HIDDEN_MARKER = 10;
const HIDDEN_LEGEND = "Hatched: fewer than 5 students, so the figure is hidden to protect their privacy (not zero).";
// `note`: a few words after the figure, e.g. "(in progress)" for a term not over yet.
const shownText = (row, unit) => (row.value === null ? HIDDEN_SMALL : `${row.display ?? row.value}${unit}${row.note ? ` ${row.note}` : ""}`);

// `columns`: the table's two headers, what a row is and what its figure counts.
function table(title, rows, unit, columns) {
  return el("table", { class: "chart-table" },
    el("caption", { text: title }),
    el("thead", {}, el("tr", {}, ...columns.map((text) => el("th", { scope: "col", text })))),
    el("tbody", {}, rows.map((r) => el("tr", {},
      el("th", { scope: "row", text: r.long ?? r.label }),
      el("td", { text: shownText(r, unit) })))));
}

// Draws `paint(width)` into a fresh <svg> now and whenever the figure's width changes.
function responsive(figure, holder, paint) {
  let drawn = 0;
  const draw = () => {
    const width = Math.floor(holder.clientWidth);
    if (!width || width === drawn) return;
    drawn = width;
    holder.replaceChildren(paint(width));
  };
  new ResizeObserver(draw).observe(holder);
  requestAnimationFrame(draw);
}

function frame({ id, title, width, height, desc }) {
  const chart = svg("svg", {
    viewBox: `0 0 ${width} ${height}`, width, height, role: "img",
    "aria-labelledby": `${id}-title ${id}-desc`, class: "chart",
  });
  const hatch = svg("pattern", { id: `${id}-hatch`, width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" });
  hatch.append(svg("rect", { width: 2, height: 6, class: "chart-hatch-line" }));
  const defs = svg("defs");
  defs.append(hatch);
  chart.append(svg("title", { id: `${id}-title` }, title), svg("desc", { id: `${id}-desc` }, desc), defs);
  return chart;
}

// A hidden figure's bar: outlined and hatched, so it never reads as zero.
function hiddenBar(id, attrs) {
  return svg("rect", { ...attrs, fill: `url(#${id}-hatch)`, class: "chart-bar-hidden", "data-hidden-bar": "" });
}

function figureFor({ id, title, rows, unit, columns, paint }) {
  const holder = el("div", { class: "chart-holder" });
  const legend = rows.some((r) => r.value === null)
    ? el("p", { class: "muted small chart-legend", "data-chart-legend": true },
      el("span", { class: "chart-legend-swatch", "aria-hidden": "true" }), HIDDEN_LEGEND)
    : null;
  const figure = el("figure", { class: "card chart-card", "data-chart": id },
    el("figcaption", {}, el("h3", { text: title })), holder, legend,
    el("details", {}, el("summary", { text: "Show as a table" }), table(title, rows, unit, columns)));
  responsive(figure, holder, paint);
  return figure;
}

// Every row, a hidden one as "fewer than 5 (hidden)": a screen reader hears the same chart.
function description(rows, unit) {
  if (!rows.length) return "No groups with 5 or more students yet.";
  return rows.map((r) => `${r.long ?? r.label}: ${r.value === null ? "fewer than 5 (hidden)" : shownText(r, unit)}`).join("; ");
}

// Horizontal bars, one per group. rows: [{label, value, display}] — null means suppressed.
// `empty`: what to say when there are no rows ("hidden" when they are withheld, not absent).
export function barChart({ id, title, rows, unit = "", max = null, empty = "Nothing to show yet.", columns }) {
  const top = max ?? Math.max(1, ...rows.map((r) => r.value ?? 0));
  return figureFor({ id, title, rows, unit, columns, paint: (width) => {
    const barHeight = 26;
    const narrow = width < 420;
    // On a phone the label sits above its bar; on a wide screen beside it.
    const labelWidth = narrow ? 0 : Math.min(180, width * 0.3);
    const step = barHeight + (narrow ? FONT + 14 : 10);
    const height = Math.max(rows.length, 1) * step + 6;
    const room = width - labelWidth - (rows.some((r) => r.note) ? 150 : 120); // the figure's text after the bar
    const chart = frame({ id, title, width, height: rows.length ? height : step, desc: description(rows, unit) });
    if (!rows.length) chart.append(svg("text", { x: 0, y: FONT + 4, fill: "currentColor", "font-size": FONT }, empty));
    rows.forEach((row, index) => {
      const y = index * step + (narrow ? FONT + 6 : 4);
      const hidden = row.value === null;
      const barWidth = hidden ? 28 : Math.max(2, (room * row.value) / top);
      const label = svg("text", { x: 0, y: narrow ? y - 5 : y + barHeight * 0.68, fill: "currentColor", "font-size": FONT }, row.label);
      const bar = { x: labelWidth, y, width: barWidth, height: barHeight, rx: 3 };
      chart.append(
        label,
        hidden ? hiddenBar(id, bar) : svg("rect", { ...bar, class: "chart-bar" }),
        svg("text", { x: labelWidth + barWidth + 6, y: y + barHeight * 0.68, fill: "currentColor", "font-size": FONT }, shownText(row, unit)),
      );
    });
    return chart;
  } });
}

// Columns over time: one per month, zeros drawn as a hairline so a quiet month still shows.
// `empty`: why nothing shows, said under the title when no month has a figure.
export function columnChart({ id, title, rows, unit = "", empty = "", columns }) {
  const top = Math.max(1, ...rows.map((r) => r.value ?? 0));
  const figure = figureFor({ id, title, rows, unit, columns, paint: (width) => {
    const plot = 150;
    const slot = width / Math.max(rows.length, 1);
    // Labels turn upright when months are too narrow to hold "Sep" side by side.
    const upright = slot < 30;
    // Upright labels leave the year its own line below them (it was dropped at 390 px).
    const labelRoom = upright ? 44 + FONT + 4 : 34;
    const height = plot + FONT + 8 + labelRoom;
    const chart = frame({ id, title, width, height, desc: description(rows, unit) });
    rows.forEach((row, index) => {
      const x = index * slot;
      const barWidth = Math.max(4, slot * 0.6);
      const hidden = row.value === null;
      // A hidden month is a fixed small hatched marker, whatever the scale, so its height never
      // reads as a value; its "<5" says it is small, not empty.
      const barHeight = hidden ? HIDDEN_MARKER : Math.max(1, (plot * row.value) / top);
      const y = FONT + 8 + plot - barHeight;
      const bar = { x: x + (slot - barWidth) / 2, y, width: barWidth, height: barHeight };
      chart.append(hidden ? hiddenBar(id, bar) : svg("rect", { ...bar, class: "chart-bar" }));
      if (row.value || hidden) {
        chart.append(svg("text", { x: x + slot / 2, y: y - 4, "text-anchor": "middle", fill: "currentColor", "font-size": FONT }, hidden ? HIDDEN_MARK : String(row.value)));
      }
      const cx = x + slot / 2;
      const ly = FONT + 8 + plot + (upright ? 6 : FONT + 4);
      chart.append(svg("text", upright
        ? { x: cx, y: ly, fill: "currentColor", "font-size": FONT, transform: `rotate(90 ${cx} ${ly})`, "dominant-baseline": "middle" }
        : { x: cx, y: ly, "text-anchor": "middle", fill: "currentColor", "font-size": FONT }, row.label));
      if (row.year) {
        // Upright: under the month's label, from the column's left edge (the year is wider than
        // a narrow column; its neighbours carry no year).
        chart.append(svg("text", upright
          ? { x, y: ly + 28 + FONT, "text-anchor": "start", fill: "currentColor", "font-size": FONT - 1, "data-chart-year": "" }
          : { x: cx, y: ly + FONT + 2, "text-anchor": "middle", fill: "currentColor", "font-size": FONT - 1, "data-chart-year": "" }, row.year));
      }
    });
    return chart;
  } });
  // Hidden months have their hatched bars and legend: the note is for a chart with nothing on it.
  if (empty && !rows.some((r) => r.value || r.value === null)) {
    figure.querySelector("figcaption").append(el("p", { class: "muted small", "data-chart-empty": true, text: empty }));
  }
  return figure;
}

// The months from `first` to `last` ("2026-01"), every one of them, with zeros for months
// that had nothing.
export function everyMonth(groups, pick, { months = 12 } = {}) {
  const byKey = new Map(groups.map((g) => [g.key, g]));
  const now = new Date();
  const end = [now.getUTCFullYear(), now.getUTCMonth()];
  const keys = [...byKey.keys()].filter((k) => /^\d{4}-\d{2}$/.test(k)).sort();
  let [y, m] = keys.length ? keys[0].split("-").map(Number) : end;
  if (keys.length) m -= 1;
  const earliest = new Date(Date.UTC(end[0], end[1] - (months - 1), 1));
  if (new Date(Date.UTC(y, m, 1)) > earliest) [y, m] = [earliest.getUTCFullYear(), earliest.getUTCMonth()];
  const rows = [];
  for (let d = new Date(Date.UTC(y, m, 1)); d <= new Date(Date.UTC(end[0], end[1], 1)); d.setUTCMonth(d.getUTCMonth() + 1)) {
    const key = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
    const group = byKey.get(key);
    const label = MONTHS[d.getUTCMonth()];  // the product's month names (ui.js date())
    rows.push({
      label, long: `${label} ${d.getUTCFullYear()}`,
      year: d.getUTCMonth() === 0 || rows.length === 0 ? String(d.getUTCFullYear()) : "",
      value: group ? (group.suppressed ? null : pick(group)) : 0,
    });
  }
  return rows;
}
