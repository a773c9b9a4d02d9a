// /careers/ Export: the summary and the first-destination file come whole from the API (session
// auth, as the page's other reads); the students file is built from the students list's pages,
// with the same columns the students table shows — outcomes only for students who share them.
import { api, siteConfig } from "./api.js";
import { el } from "./ui.js";

const OUTCOMES = ["introduction", "referral", "repeat_work", "job_offer"];

function saveFile(name, text) {
  const link = el("a", { href: URL.createObjectURL(new Blob([text], { type: "text/csv" })), download: name });
  document.body.append(link);
  link.click();
  link.remove();
}

// A spreadsheet runs a cell that starts with = + - @ (or a tab or return) as a formula: such a
// cell (a name someone typed) gets a leading apostrophe, so it stays text.
export function csvCell(value) {
  let text = String(value ?? "");
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

async function download(root, { url, name, done }) {
  const bar = root.querySelector("[data-export-progress]");
  const note = root.querySelector("[data-export-status]");
  bar.hidden = false;
  bar.removeAttribute("value");
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) {
    bar.hidden = true;
    note.textContent = `The download failed (${response.status}). Try again in a moment.`;
    return;
  }
  const text = await response.text();
  bar.value = 100;
  note.textContent = done;
  saveFile(name, text);
}

export function exportSummary(root, query) {
  return download(root, { url: `/api/v1/careers/reports/summary.csv?group_by=term&${query}`, name: "careers-summary.csv", done: "Summary downloaded." });
}

export function exportFirstDestination(root) {
  return download(root, { url: "/api/v1/careers/reports/first-destination.csv", name: "first-destination.csv", done: "First-destination file downloaded." });
}

export async function exportStudents(root) {
  const bar = root.querySelector("[data-export-progress]");
  const note = root.querySelector("[data-export-status]");
  bar.hidden = false;
  bar.value = 0;
  const header = ["id", "name", "programme", "class_year", "skills", "applications", "engagements", "completed", "shares_outcomes", ...OUTCOMES, "last_activity"];
  const lines = [header.join(",")];
  // The largest page the API allows: fewer round trips for a big export.
  const config = await siteConfig();
  let url = config ? `careers/students/?page_size=${config.page_size_max}` : "careers/students/";
  let pages = 0;
  while (url) {
    const page = await api(url);
    pages += 1;
    for (const s of page.results) {
      // Outcome counts only for a student who shares outcomes (the API sends null otherwise).
      const outcomes = s.outcomes ? OUTCOMES.map((key) => s.outcomes[key] ?? 0) : OUTCOMES.map(() => "");
      lines.push([s.id, s.name, s.programme, s.class_year, s.skills.join("; "), s.counts.applications, s.counts.engagements, s.counts.completed_engagements,
        s.outcomes ? "yes" : "no", ...outcomes, (s.updated_at || "").slice(0, 10)].map(csvCell).join(","));
    }
    note.textContent = `Exporting… ${lines.length - 1} students so far`;
    bar.value = page.next ? Math.min(95, pages * 10) : 100;
    url = page.next;
  }
  note.textContent = `Exported ${lines.length - 1} students.`;
  saveFile("careers-students.csv", `${lines.join("\n")}\n`);
}
