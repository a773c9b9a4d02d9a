// /careers/: the career-office dashboard. Data: /api/v1/institutions/ and /api/v1/careers/.
import { api, sendForm, siteConfig } from "./api.js";
import { barChart } from "./careers_charts.js";
import { dateTime, el, emptyState } from "./ui.js";

const root = document.querySelector("[data-careers]");
const $ = (selector) => root.querySelector(selector);
const status = $("[data-status]");
let institution = null;

const percent = (rate) => (rate === null ? null : Math.round(rate * 100));

function cells(report, pick) {
  return report.groups.map((g) => ({ label: g.key, value: g.suppressed ? null : pick(g) }));
}

function filterQuery() {
  const data = new FormData($("[data-filters]"));
  const params = new URLSearchParams();
  for (const [key, value] of data) if (value) params.set(key, value);
  return params.toString();
}

async function loadReports() {
  const query = filterQuery();
  const [byMonth, byTerm, bySkill] = await Promise.all(
    ["month", "term", "skill"].map((g) => api(`careers/reports/summary/?group_by=${g}${query ? `&${query}` : ""}`)));
  const t = byMonth.totals;
  const show = (v, suffix = "") => (v === null ? "Hidden (<5)" : `${v}${suffix}`);
  $("[data-headline]").replaceChildren(
    ...[["Students taking part", show(t.students)], ["Engagements", show(t.engagements)],
      ["Completion rate", show(percent(t.completion_rate), "%")],
      ["Paid / unpaid", t.suppressed ? "Hidden (<5)" : `${t.paid} / ${t.unpaid}`]]
      .flatMap(([k, v]) => [el("dt", { text: k }), el("dd", { text: v })]));
  const paidRows = t.suppressed ? [{ label: "Paid", value: null }, { label: "Unpaid", value: null }]
    : [{ label: "Paid", value: t.paid }, { label: "Unpaid", value: t.unpaid }];
  $("[data-charts]").replaceChildren(
    barChart({ id: "participation", title: "Participation over time (students per month)", rows: cells(byMonth, (g) => g.students) }),
    barChart({ id: "completion", title: "Completion rate by term", rows: cells(byTerm, (g) => percent(g.completion_rate)), unit: "%", max: 100 }),
    barChart({ id: "paid", title: "Paid vs unpaid engagements", rows: paidRows }),
    barChart({ id: "skills", title: "Top skills (students)", rows: bySkill.top_skills.map((s) => ({ label: s.skill, value: s.students })) }),
  );
}

async function loadFilters() {
  const { terms, majors } = await api("careers/reports/filters/");
  const fill = (select, values) => select.append(...values.map((v) => el("option", { value: v, text: v })));
  fill($("#filter-term"), terms);
  fill($("#filter-major"), majors);
}

async function loadFeatured() {
  const data = await api("careers/featured-tasks/");
  const list = $("[data-featured]");
  if (!data.results.length) {
    list.replaceChildren(el("li", {}, emptyState("Nothing featured yet. Enter a task's number (from its address, /tasks/<number>/) to recommend it.")));
    return;
  }
  list.replaceChildren(...data.results.map((f) => el("li", { class: "row-card" },
    el("a", { href: f.task.url, text: f.task.title }),
    f.note ? el("span", { class: "muted small", text: f.note }) : null,
    el("button", { type: "button", class: "button-secondary button-small", text: `Stop featuring ${f.task.title}`,
      onclick: async () => { await api(`careers/featured-tasks/${f.id}/`, { method: "DELETE" }); await loadFeatured(); } }))));
}

async function loadKeys() {
  const keys = await api("careers/keys/");
  const body = $("[data-keys]");
  if (!keys.length) {
    body.replaceChildren(el("tr", {}, el("td", { colspan: 5, text: "No keys yet." })));
    return;
  }
  body.replaceChildren(...keys.map((k) => el("tr", {},
    el("td", { text: k.name }), el("td", {}, el("code", { text: k.prefix })),
    el("td", { text: k.last_used_at ? dateTime(k.last_used_at) : "Never" }),
    el("td", { text: k.revoked_at ? "Revoked" : k.usable ? "Active" : "Expired" }),
    el("td", {}, k.revoked_at ? null : el("button", { type: "button", class: "button-danger button-small", text: `Revoke ${k.name}`,
      onclick: async () => { await api(`careers/keys/${k.id}/`, { method: "DELETE" }); status.textContent = `Key “${k.name}” revoked.`; await loadKeys(); } })))));
}

// Downloads with a progress bar: the summary streams in one response; students are paged.
function saveFile(name, text) {
  const link = el("a", { href: URL.createObjectURL(new Blob([text], { type: "text/csv" })), download: name });
  document.body.append(link);
  link.click();
  link.remove();
}

async function exportSummary() {
  const bar = $("[data-export-progress]");
  const note = $("[data-export-status]");
  bar.hidden = false;
  bar.removeAttribute("value");
  const response = await fetch(`/api/v1/careers/reports/summary.csv?group_by=term&${filterQuery()}`, { credentials: "same-origin" });
  const text = await response.text();
  bar.value = 100;
  note.textContent = "Summary downloaded.";
  saveFile("careers-summary.csv", text);
}

async function exportStudents() {
  const bar = $("[data-export-progress]");
  const note = $("[data-export-status]");
  bar.hidden = false;
  bar.value = 0;
  const lines = [["id", "name", "programme", "class_year", "skills", "applications", "engagements", "completed"].join(",")];
  const quote = (v) => `"${String(v ?? "").replaceAll('"', '""')}"`;
  // The largest page the API allows: fewer round trips for a big export.
  const config = await siteConfig();
  let url = config ? `careers/students/?page_size=${config.page_size_max}` : "careers/students/";
  let pages = 0;
  while (url) {
    const page = await api(url);
    pages += 1;
    for (const s of page.results) {
      lines.push([s.id, s.name, s.programme, s.class_year, s.skills.join("; "), s.counts.applications, s.counts.engagements, s.counts.completed_engagements].map(quote).join(","));
    }
    note.textContent = `Exporting… ${lines.length - 1} students so far`;
    bar.value = page.next ? Math.min(95, pages * 10) : 100;
    url = page.next;
  }
  note.textContent = `Exported ${lines.length - 1} students.`;
  saveFile("careers-students.csv", `${lines.join("\n")}\n`);
}

function wireForms() {
  $("[data-filters]").addEventListener("submit", (event) => { event.preventDefault(); loadReports(); });
  $("[data-export-summary]").addEventListener("click", exportSummary);
  $("[data-export-students]").addEventListener("click", exportStudents);
  $("[data-feature-form]").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.target;
    await sendForm(form, async () => {
      await api("careers/featured-tasks/", { method: "POST", body: { task_id: Number(form.task_id.value), note: form.note.value } });
      form.reset();
      await loadFeatured();
    });
  });
  $("[data-key-form]").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.target;
    const body = { name: form.name.value };
    if (form.expires_at.value) body.expires_at = `${form.expires_at.value}T23:59:59Z`;
    await sendForm(form, async () => {
      const made = await api("careers/keys/", { method: "POST", body });
      $("[data-new-key-value]").textContent = made.key;
      $("[data-new-key]").hidden = false;
      form.reset();
      await loadKeys();
    });
  });
  $("[data-create-form]").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.target;
    const data = new FormData(form);
    if (!form.logo.files.length) data.delete("logo");
    await sendForm(form, async () => {
      await api("institutions/", { method: "POST", body: data });
      await start();
    });
  });
}

async function start() {
  const mine = await api("institutions/");
  const live = mine.find((m) => m.status === "approved");
  $("[data-create]").hidden = mine.length > 0;
  $("[data-pending]").hidden = !(mine.length && !live);
  $("[data-live]").hidden = !live;
  if (!mine.length) { status.textContent = "You are not career-office staff of an institution yet."; return; }
  if (!live) { $("[data-pending-name]").textContent = mine[0].name; status.textContent = ""; return; }
  institution = live;
  $("[data-title]").textContent = `${live.name}: career office`;
  $("[data-keys-section]").hidden = live.viewer_role !== "admin";
  await Promise.all([loadFilters(), loadReports(), loadFeatured(), live.viewer_role === "admin" ? loadKeys() : null]);
  status.textContent = "";
}

wireForms();
start().catch((error) => { status.textContent = error.message; });
