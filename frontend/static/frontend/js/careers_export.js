// /careers/ Export: every file comes whole from the API (session auth, as the page's other
// reads), so each download is one read in the office's disclosure log ("Downloaded the students
// list (CSV)") and the server applies the consent and quoting rules once for every file.
import { el } from "./ui.js";

function saveFile(name, text) {
  const link = el("a", { href: URL.createObjectURL(new Blob([text], { type: "text/csv" })), download: name });
  document.body.append(link);
  link.click();
  link.remove();
}

// `what`: the file in the words of the office's disclosure log ("the students list"), so the
// status line and the log name a download the same way.
async function download(root, { url, name, what }) {
  const bar = root.querySelector("[data-export-progress]");
  const note = root.querySelector("[data-export-status]");
  bar.hidden = false;
  bar.removeAttribute("value");
  note.textContent = `Downloading ${what}…`;
  let response;
  let text;
  try {
    response = await fetch(url, { credentials: "same-origin" });
    // The students list streams: a connection lost midway fails here, never as half a file.
    text = response.ok ? await response.text() : "";
  } catch {
    response = { ok: false, status: "no connection" };
  }
  if (!response.ok) {
    bar.hidden = true;
    note.textContent = `The download of ${what} failed (${response.status}). Try again in a moment.`;
    return;
  }
  bar.value = 100;
  note.textContent = `Downloaded ${what} (CSV) as ${name}.`;
  saveFile(name, text);
}

// A new filter shows other figures: the last download's line ("Downloaded the summary (CSV) as
// careers-summary-economics.csv") no longer describes what the page shows, so it goes.
export function exportStatusClear(root) {
  root.querySelector("[data-export-progress]").hidden = true;
  root.querySelector("[data-export-status]").textContent = "";
}

// "careers-summary-design-class-of-2027.csv", "careers-students-design.csv": the one namer of
// the three files; a filtered file says its filter in its name too
// (its first row's group names it as well), so two downloads never pass for the same file.
export function fileName(base, words) {
  const slug = words.join(" ").toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return slug ? `${base}-${slug}.csv` : `${base}.csv`;
}

// `words`: the page's filter in the lists' words ("Design", "class of 2027", "2026 Fall").
export function exportSummary(root, query, words = []) {
  return download(root, { url: `/api/v1/careers/reports/summary.csv?group_by=term&${query}`, name: fileName("careers-summary", words), what: "the summary" });
}

// The same term, programme and class year as the students list (and its CSV).
export function exportFirstDestination(root, query, words = []) {
  return download(root, { url: `/api/v1/careers/reports/first-destination.csv?${query}`, name: fileName("first-destination", words), what: "the first-destination report" });
}

// `query`: the page's "Show figures for" in the lists' words (term, programme, class_year), so
// the file holds the students the list shows; named after that filter as the other two are.
export function exportStudents(root, query, words = []) {
  return download(root, { url: `/api/v1/careers/students.csv?${query}`, name: fileName("careers-students", words), what: "the students list" });
}
