// Accessible bar charts drawn as SVG: each chart is an <svg role="img"> with a title and a
// description, and is followed by a table with the same numbers (the text alternative).
import { el } from "./ui.js";

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

// rows: [{label, value, display}] — value null means suppressed (fewer than 5 students).
export function barChart({ id, title, rows, unit = "", max = null }) {
  const width = 560;
  const barHeight = 28;
  const labelWidth = 150;
  const height = Math.max(rows.length, 1) * (barHeight + 8) + 8;
  const top = max ?? Math.max(1, ...rows.map((r) => r.value ?? 0));
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const shown = rows.filter((r) => r.value !== null);
  const chart = svg("svg", {
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-labelledby": `${titleId} ${descId}`,
    class: "chart",
    width: "100%",
    preserveAspectRatio: "xMinYMin meet",
  });
  chart.append(
    svg("title", { id: titleId }, title),
    svg("desc", { id: descId },
      shown.length
        ? shown.map((r) => `${r.label}: ${r.display ?? r.value}${unit}`).join("; ")
        : "No groups with 5 or more students yet."),
  );
  rows.forEach((row, index) => {
    const y = 8 + index * (barHeight + 8);
    const barWidth = row.value === null ? 0 : Math.max(2, ((width - labelWidth - 90) * row.value) / top);
    chart.append(
      svg("text", { x: 0, y: y + barHeight * 0.68, fill: "currentColor", "font-size": 13 }, row.label.slice(0, 22)),
      svg("rect", { x: labelWidth, y, width: barWidth, height: barHeight, rx: 3, fill: "currentColor", opacity: 0.75 }),
      svg("text", { x: labelWidth + barWidth + 6, y: y + barHeight * 0.68, fill: "currentColor", "font-size": 13 },
        row.value === null ? "hidden (<5 students)" : `${row.display ?? row.value}${unit}`),
    );
  });
  const table = el("table", { class: "ledger chart-table" },
    el("caption", { text: `${title} (table)` }),
    el("thead", {}, el("tr", {}, el("th", { scope: "col", text: "Group" }), el("th", { scope: "col", text: "Value" }))),
    el("tbody", {}, rows.map((r) => el("tr", {},
      el("th", { scope: "row", text: r.label }),
      el("td", { text: r.value === null ? "Hidden (fewer than 5 students)" : `${r.display ?? r.value}${unit}` })))));
  const details = el("details", {}, el("summary", { text: "Show as a table" }), table);
  return el("figure", { class: "card chart-card", "data-chart": id },
    el("figcaption", {}, el("h3", { text: title })), chart, details);
}
