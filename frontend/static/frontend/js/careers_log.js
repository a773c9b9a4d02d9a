// /careers/settings/ Disclosure log: the last 10 times student data reached the office, in plain
// words (who, what, when), from careers/disclosures/ (the JSON sibling of the CSV download).
import { api } from "./api.js";
import { dateTime, el } from "./ui.js";

const LOG_ROWS = 10;

// What the office saw, named as the student's own log names it (the log keeps raw field names).
const PARTS = [
  ["profile summary", ["name", "programme", "class_year", "skills", "counts"]],
  ["participation", ["applications", "engagements", "aggregate:participation"]],
  ["ratings", ["competencies"]],
  ["stipend amounts", ["stipend_amounts", "aggregate:stipend_amounts"]],
  ["outcomes", ["outcomes", "aggregate:outcomes"]],
];

function partsOf(fields) {
  const given = new Set(fields);
  const names = PARTS.filter(([, keys]) => keys.some((k) => given.has(k))).map(([name]) => name);
  if (!names.length) return "shared data";
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

// Where it was read: the dashboard, a download, one student's page, or the office's own system.
function placeOf(row) {
  const path = row.endpoint.split("?")[0];
  if (row.by.kind === "api_key") return "through an API key";
  if (path.endsWith(".csv")) return "in a download";
  const rest = path.replace("/api/v1/careers/", "");
  if (rest.startsWith("students/") && rest !== "students/") return "on a student's page";
  return "on the dashboard";
}

// "Participation and outcomes of 3 students, on a student's page"; a report's totals are
// "Figures counting 12 students (participation), on the dashboard".
function disclosureWords(row) {
  const counted = row.fields.length > 0 && row.fields.every((f) => f.startsWith("aggregate:"));
  const people = `${row.student_count} ${row.student_count === 1 ? "student" : "students"}`;
  const what = partsOf(row.fields);
  if (counted) return `Figures counting ${people} (${what}), ${placeOf(row)}`;
  return `${what[0].toUpperCase()}${what.slice(1)} of ${people}, ${placeOf(row)}`;
}

export async function loadLog() {
  const page = await api(`careers/disclosures/?page_size=${LOG_ROWS}`);
  const body = document.querySelector("[data-log]");
  if (!page.results.length) {
    body.replaceChildren(el("tr", {}, el("td", { colspan: 3, text: "Nothing yet: no student data has reached your office. Each time it does (on the dashboard, in a download or through an API key), it is listed here." })));
    return;
  }
  body.replaceChildren(...page.results.slice(0, LOG_ROWS).map((row) => el("tr", { "data-log-row": true },
    el("td", { "data-label": "Who", text: row.by.kind === "api_key" ? `API key: ${row.by.name}` : row.by.name }),
    el("td", { "data-label": "What", text: disclosureWords(row) }),
    el("td", { "data-label": "When" }, el("time", { datetime: row.at, text: dateTime(row.at) })))));
}
