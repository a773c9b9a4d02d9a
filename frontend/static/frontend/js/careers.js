// /careers/: the career-office dashboard (its figures; the office's settings are on
// /careers/settings/). Data: /api/v1/institutions/ and /api/v1/careers/.
import { ApiError, api, clearErrors, sendForm, showErrors } from "./api.js";
import { exportFirstDestination, exportStatusClear, exportStudents, exportSummary } from "./careers_export.js";
import { HIDDEN_SMALL, barChart, columnChart, everyMonth } from "./careers_charts.js";
import { keepJumpHeight, officeOfViewer, say } from "./careers_office.js";
import { askToJoin, officeAlreadyHere, showCreateAnyway } from "./careers_onboarding.js";
import { showJoinRequests } from "./careers_requests_notice.js";
import { applyEngagementFilters, clearEngagementFields, clearEngagementFilters, cohortQuery, cohortWords, loadEngagements, loadMoreStudents, loadStudents, restoreEngagementFilters } from "./careers_people.js";
import { date, el, emptyState } from "./ui.js";

const root = document.querySelector("[data-careers]");
const $ = (selector) => root.querySelector(selector);
const status = $("[data-status]");
const LOADING = status.textContent; // the template's "Loading…"
const NOT_STAFF = "You are not career-office staff of an institution yet.";
// Tasks featured now (their ids): a search result says "Featured ✓" instead of offering it again.
const featuredIds = new Set();
// Featuring is for the office's admins (the API refuses viewers): viewers read the list only.
let canFeature = false;

const percent = (rate) => (rate === null ? null : Math.round(rate * 100));

// The term today is in, named as the summary names terms (summary_terms.term_of): Spring
// (Jan-May), Summer (Jun-Aug), Fall (Sep-Dec).
function termNow(today = new Date()) {
  const month = today.getUTCMonth() + 1;
  return `${today.getUTCFullYear()} ${month <= 5 ? "Spring" : month <= 8 ? "Summer" : "Fall"}`;
}

// A term still under way has engagements not finished yet: its completion rate says so.
function termRows(byTerm) {
  const current = termNow();
  return byTerm.groups.map((g) => ({
    label: g.key, value: g.suppressed ? null : percent(g.completion_rate),
    note: g.key === current ? "(in progress)" : null,
  }));
}

// The page's filters (Term, Programme, Class year) live in the page's URL as term=, major= and
// class_year=, so a filtered dashboard can be bookmarked or sent to a colleague. They narrow the
// figures, the charts, the summary CSV and both lists (careers_people.js reads them too).
const REPORT_FILTERS = ["term", "major", "class_year"];

function filterQuery() {
  const data = new FormData($("[data-filters]"));
  const params = new URLSearchParams();
  for (const [key, value] of data) if (value && REPORT_FILTERS.includes(key)) params.set(key, value);
  return params.toString();
}

function restoreReportFilters() {
  const form = $("[data-filters]");
  const url = new URLSearchParams(location.search);
  // A link from before the engagements table followed the page's filters had its own programme=.
  if (!url.get("major") && url.get("programme")) url.set("major", url.get("programme"));
  for (const key of REPORT_FILTERS) {
    const value = url.get(key);
    if (!value) continue;
    const field = form.elements[key];
    if (![...field.options].some((o) => o.value === value)) field.append(el("option", { value, text: value }));
    field.value = value;
  }
}

function applyReportFilters(event) {
  event?.preventDefault();
  const url = new URL(location.href);
  for (const key of REPORT_FILTERS) url.searchParams.delete(key);
  for (const [key, value] of new URLSearchParams(filterQuery())) url.searchParams.set(key, value);
  url.searchParams.delete("programme"); // now the page's major=
  history.replaceState(null, "", url);
  exportStatusClear(root);
  return Promise.all([loadReports(), loadStudents(), loadEngagements()]);
}

// "Clear all filters" (under a list that matches nothing): every filter on the page goes, the
// figures' and the engagements', and everything reloads unfiltered. The engagements' own
// "Clear filters" clears only theirs (clearEngagementFilters).
function clearAllFilters() {
  const form = $("[data-filters]");
  for (const key of REPORT_FILTERS) form.elements[key].value = "";
  clearEngagementFields();
  const url = new URL(location.href);
  url.search = "";
  history.replaceState(null, "", url);
  exportStatusClear(root);
  return Promise.all([loadReports(), loadStudents(), loadEngagements()]);
}

async function loadReports() {
  const query = filterQuery();
  const [byMonth, byTerm, bySkill] = await Promise.all(
    ["month", "term", "skill"].map((g) => api(`careers/reports/summary/?group_by=${g}${query ? `&${query}` : ""}`)));
  // The month and term groupings add up student-months and student-terms; the skill grouping is
  // read at the whole period's grain, so its totals count each student once, as the summary CSV
  // and the API's ungrouped summary do.
  const t = bySkill.totals;
  if (smallGroupNotice(t)) return;
  const show = (v, suffix = "") => (v === null ? HIDDEN_SMALL : `${v}${suffix}`);
  $("[data-headline]").replaceChildren(
    ...[["Students taking part", show(t.students)], ["Engagements", show(t.engagements)],
      ["Completion rate", show(percent(t.completion_rate), "%")],
      // Engagements, not students: next to "Students taking part" a pair read as "7 of 12".
      ["Engagements with a stipend", t.suppressed ? HIDDEN_SMALL : String(t.paid)],
      ["Unpaid engagements", t.suppressed ? HIDDEN_SMALL : String(t.unpaid)]]
      .map(([k, v]) => el("div", {}, el("dt", { text: k }), el("dd", { class: v === HIDDEN_SMALL ? "is-small-group" : null, text: v }))));
  const paidRows = t.suppressed ? [{ label: "With stipend", value: null }, { label: "Unpaid", value: null }]
    : [{ label: "With stipend", value: t.paid }, { label: "Unpaid", value: t.unpaid }];
  const funnel = t.funnel || {};
  const funnelRows = [["Applied", funnel.applied], ["Engaged", funnel.engaged], ["Completed", funnel.completed], ["Outcome reported", funnel.outcome]]
    .map(([label, value]) => ({ label, value: value ?? null }));
  $("[data-charts]").replaceChildren(
    barChart({ id: "funnel", title: "From application to outcome (students)", rows: funnelRows, columns: ["Step", "Students"] }),
    // A month counts the students who began an engagement in it (the summary's month cells),
    // not those merely active: the students list's "last activity" counts applications too.
    columnChart({ id: "participation", title: "Participation over time (students who began an engagement, by month)", rows: everyMonth(byMonth.groups, (g) => g.students),
      empty: participationEmpty(byMonth, query), columns: ["Month", "Students taking part"] }),
    barChart({ id: "completion", title: "Completion rate by term", rows: termRows(byTerm), unit: "%", max: 100, columns: ["Term", "Completion rate"] }),
    barChart({ id: "paid", title: "Engagements with a stipend vs unpaid", rows: paidRows, columns: ["Engagements", "Number"] }),
    barChart({ id: "skills", title: "Top skills (students)", rows: bySkill.top_skills.map((s) => ({ label: s.skill, value: s.students })),
      columns: ["Skill", "Students"], empty: bySkill.groups.some((g) => g.suppressed) ? "Hidden: each skill has fewer than 5 students." : "No skills yet." }),
  );
}

// A filtered group under the threshold: one notice in place of a wall of hidden figures and
// empty charts, with the way back to the whole office. True when it is shown.
function smallGroupNotice(totals) {
  const set = new FormData($("[data-filters]"));
  const [term, major, year] = ["term", "major", "class_year"].map((key) => set.get(key));
  const small = Boolean(term || major || year) && totals.suppressed;
  $("[data-small-group]").hidden = !small;
  root.querySelectorAll("[data-figures]").forEach((section) => { section.hidden = small; });
  if (!small) return false;
  let group = major && term ? `${major} in ${term}` : major || term;
  if (year) group = group ? `${group}, class of ${year},` : `The class of ${year}`;
  $("[data-small-group-text]").textContent = `${group} has fewer than 5 sharing students taking part, so its figures are hidden.`;
  // The lists are not figures: each row is there by the student's consent, so they stay.
  $("[data-small-group-names]").textContent = "Its sharing students are still listed by name below: a small group hides only its totals.";
  const all = [major && "programmes", term && "terms", year && "years"].filter(Boolean);
  $("[data-clear-filters]").textContent = `Show all ${all.length > 1 ? `${all.slice(0, -1).join(", ")} and ${all.at(-1)}` : all[0]}`;
  return true;
}

function clearReportFilters() {
  const form = $("[data-filters]");
  for (const key of REPORT_FILTERS) form.elements[key].value = "";
  applyReportFilters();
  $("#filter-term").focus();
}

// Why "Participation over time" has no columns: no sharing student took part yet, or the
// filters match nobody.
// (A hidden month is drawn hatched, with its legend: careers_charts.js.)
function participationEmpty(byMonth, query) {
  if (query) return "No sharing student took part in these months with these filters.";
  return "No student who shares with your office has taken part yet.";
}

async function loadFilters() {
  const { terms, majors, class_years } = await api("careers/reports/filters/");
  const fill = (select, values) => select.append(...values.map((v) => el("option", { value: v, text: v })));
  fill($("#filter-term"), terms);
  fill($("#filter-major"), majors);
  fill($("#filter-class-year"), class_years || []);
  restoreEngagementFilters();
  restoreReportFilters();
}

async function loadFeatured() {
  const data = await api("careers/featured-tasks/");
  const list = $("[data-featured]");
  featuredIds.clear();
  for (const f of data.results) featuredIds.add(f.task.id);
  if (!data.results.length) {
    list.replaceChildren(el("li", {}, emptyState(canFeature
      ? "No featured tasks. Search for a task below, or use “Feature for your students” on a task's page."
      : "No featured tasks yet.")));
    return;
  }
  // Each row says since when and by whom (as the task page does), and the office's note.
  list.replaceChildren(...data.results.map((f) => el("li", { class: "row-card featured-row" },
    el("div", {},
      el("a", { href: f.task.url, text: f.task.title }),
      el("p", { class: "muted small", text: `Featured since ${date(f.created_at)}${f.featured_by ? ` by ${f.featured_by}` : ""}${f.note ? ` · “${f.note}”` : ""}` })),
    !canFeature ? null : el("button", { type: "button", class: "button-secondary button-small", text: "Stop featuring", "aria-label": `Stop featuring ${f.task.title}`,
      onclick: async () => {
        try {
          await api(`careers/featured-tasks/${f.id}/`, { method: "DELETE" });
          await loadFeatured();
          drawFoundTasks();
          say("featured", `“${f.task.title}” is no longer featured.`);
        } catch (error) { say("featured", error.message, { error: true }); }
      } }))));
}

// --- Featuring from a search picker --------------------------------------------------------
// The last search's tasks: redrawn when featuring changes, so a result never says "Featured ✓"
// for a task just unfeatured in the list above.
let foundTasks = null;

async function searchTasks(event) {
  event.preventDefault();
  const q = event.target.q.value.trim();
  const found = await api(`tasks/?q=${encodeURIComponent(q)}&page_size=8`);
  foundTasks = { q, results: found.results };
  drawFoundTasks();
}

function drawFoundTasks() {
  if (!foundTasks) return;
  const { q, results } = foundTasks;
  const list = $("[data-task-results]");
  if (!results.length) { list.replaceChildren(el("li", { class: "muted", text: `No open task matches “${q}”.` })); return; }
  const done = () => el("span", { class: "badge badge-success", text: "Featured ✓" });
  list.replaceChildren(...results.map((task) => el("li", { class: "row-card" },
    el("a", { href: `/tasks/${task.id}/`, text: task.title }),
    featuredIds.has(task.id) ? done() : el("button", { type: "button", class: "button-secondary button-small", text: `Feature “${task.title}”`,
      onclick: async (click) => {
        const button = click.currentTarget;
        button.disabled = true;
        try {
          await api("careers/featured-tasks/", { method: "POST", body: { task_id: task.id } });
          button.replaceWith(done());
          await loadFeatured();
          say("featured", `“${task.title}” is featured for your students.`);
        } catch (error) { say("featured", error.message, { error: true }); button.disabled = false; }
      } }))));
}

function wireForms() {
  $("[data-filters]").addEventListener("submit", applyReportFilters);
  $("[data-clear-filters]").addEventListener("click", clearReportFilters);
  $("[data-export-summary]").addEventListener("click", () => exportSummary(root, filterQuery(), cohortWords()));
  $("[data-export-students]").addEventListener("click", () => exportStudents(root, cohortQuery().toString(), cohortWords()));
  $("[data-export-first-destination]").addEventListener("click", () => exportFirstDestination(root, cohortQuery().toString(), cohortWords()));
  $("[data-task-search]").addEventListener("submit", searchTasks);
  const engagementForm = $("[data-engagement-filters]");
  engagementForm.addEventListener("submit", applyEngagementFilters);
  engagementForm.addEventListener("change", (event) => { if (event.target.tagName === "SELECT") applyEngagementFilters(); });
  engagementForm.addEventListener("reset", (event) => { event.preventDefault(); clearEngagementFilters(); });
  root.addEventListener("click", (event) => {
    if (!event.target.closest("[data-clear-all]")) return;
    clearAllFilters().then(() => $("#filter-term").focus());
  });
  $("[data-engagements-more]").addEventListener("click", () => loadEngagements({ more: true }));
  $("[data-students-more]").addEventListener("click", loadMoreStudents);
  $("[data-create-form]").addEventListener("submit", createOffice);
  $("[data-your-name-form]").addEventListener("submit", saveOwnName);
  $("[data-different-office]").addEventListener("click", showCreateAnyway);
  $("[data-ask-to-join]").addEventListener("click", askToJoin);
}

function linkContact(form) {
  const contact = root.dataset.contact;
  for (const note of form?.querySelectorAll(".field-error") || []) {
    const [before, after] = note.textContent.split(contact);
    if (after === undefined) continue;
    note.replaceChildren(before, el("a", { href: `mailto:${contact}`, text: contact }), after);
  }
}

// Creating an institution needs a verified address on its domains, which nobody else has
// claimed: asked first (a 200 answer), so the expected "verify first" is said on the form
// without a refused request. The create call still refuses both.
async function domainsClaimable(domains) {
  if (!domains.trim()) return; // the required check has said so: nothing to ask about
  const check = await api(`institutions/domain-check/?email_domains=${encodeURIComponent(domains)}`);
  // Said under the domains field (where it is fixed), with the summary above the form.
  const refuse = (message) => { throw new ApiError(400, { error: { message, fields: { email_domains: [message] } } }); };
  if (check.already_claimed.length) {
    // The address becomes a link once the message is on the form (showErrors writes text).
    setTimeout(() => linkContact($("[name=email_domains]").closest("form")));
    refuse(`${check.already_claimed.join(", ")} already belongs to an institution on Slipstream; if it is yours, write to ${root.dataset.contact}.`);
  }
  if (!check.verified_by_you) {
    refuse(`Verify an address on ${check.email_domains.join(" or ")} on your account first: add it under Settings, E-mail addresses, open the link we send, then create the institution.`);
  }
}

// A new staff member's one form: their name (asked only when they have none: staff are named by
// it, never by their address) and the institution. The name is saved first; once saved it is not
// sent again, so a second try after an institution error does not trip on it. Each error shows
// under the field it concerns; nothing typed is lost.
let nameSaved = "";

async function askForName({ inCreateForm }) {
  const me = await api("me/");
  nameSaved = me.display_name?.trim() || "";
  const field = $("[data-name-field]");
  field.hidden = !inCreateForm || Boolean(nameSaved);
  field.querySelector("input").required = !field.hidden;
  $("[data-your-name]").hidden = inCreateForm || Boolean(nameSaved);
}

// Staff of an office with no name yet: one short form of its own, answered on the page.
async function saveOwnName(event) {
  event.preventDefault();
  const form = event.target;
  await sendForm(form, async () => {
    const name = form.display_name.value.trim();
    await api("me/", { method: "PATCH", body: { display_name: name } });
    nameSaved = name;
    $("[data-your-name]").hidden = true;
    status.textContent = `Thanks, ${name}: colleagues and students will see this name.`;
  });
}

// Every empty field of the create form at once (the summary says "the ones marked below"), so
// nobody fixes one, submits, and only then learns of the next.
function requiredMissing(form) {
  const fields = {};
  // Each message says only what is missing: the help under the field already says why and how
  // (said again in the message, an empty name read as the same words twice).
  if (!$("[data-name-field]").hidden && !form.display_name.value.trim()) fields.display_name = ["Give your name."];
  if (!form.name.value.trim()) fields.name = ["Give the institution's name, as students know it."];
  if (!form.email_domains.value.trim()) fields.email_domains = ["Give at least one e-mail domain."];
  if (Object.keys(fields).length) throw new ApiError(400, { error: { message: "Some fields need fixing: see the ones marked below.", fields } });
}

// The name and the domains are checked together, so both refusals show at once.
async function checkedTogether(form) {
  const failures = (await Promise.allSettled([saveName(form), domainsClaimable(form.email_domains.value)]))
    .filter((outcome) => outcome.status === "rejected").map((outcome) => outcome.reason);
  if (!failures.length) return;
  if (failures.length === 1) throw failures[0];
  const fields = Object.assign({}, ...failures.map((failure) => failure.fields || {}));
  throw new ApiError(400, { error: { message: failures[0].message, fields } });
}

async function saveName(form) {
  if ($("[data-name-field]").hidden) return;
  const name = form.display_name.value.trim();
  if (name === nameSaved) return;
  await api("me/", { method: "PATCH", body: { display_name: name } });
  nameSaved = name;
}

async function createOffice(event) {
  event.preventDefault();
  const form = event.target;
  const button = $("[data-create-button]");
  const label = button.textContent;
  button.disabled = true;
  button.textContent = "Creating…";
  clearErrors(form);
  try {
    requiredMissing(form);
    await checkedTogether(form);
    const data = new FormData(form);
    data.delete("display_name");
    if (!form.logo.files.length) data.delete("logo");
    await api("institutions/", { method: "POST", body: data });
  } catch (error) {
    showErrors(form, error);
    button.disabled = false;
    button.textContent = label;
    return;
  }
  button.disabled = false;
  button.textContent = label;
  await start();
}

async function start() {
  const { mine, live, office, admin } = await officeOfViewer();
  $("[data-create]").hidden = true; // shown below once nobody's office already holds the domain
  $("[data-pending]").hidden = !(office && !live);
  $("[data-live]").hidden = !live;
  askForName({ inCreateForm: !office }).catch(() => {});
  if (!office) {
    const already = await officeAlreadyHere();
    $("[data-create]").hidden = already;
    // The card says where they stand; the line would only repeat it.
    status.textContent = already ? "" : NOT_STAFF;
    return;
  }
  // Just created (or approved meanwhile): the "not staff yet" line from before is no longer true.
  if (status.textContent === NOT_STAFF) status.textContent = LOADING;
  $("[data-settings-link]").hidden = false;
  $("[data-title]").textContent = `${office.name}: career office`;
  if (!live) { $("[data-pending-name]").textContent = mine[0].name; settleStatus(""); return; }
  const menu = $("[data-jump]");
  menu.hidden = false;
  keepJumpHeight(root, menu);
  canFeature = admin;
  if (admin) showJoinRequests(root); // never awaited: the figures do not wait for it
  $("[data-task-search]").hidden = !admin;
  $("[data-feature-admins]").hidden = admin;
  $("[data-feature-how]").hidden = !admin;
  await loadFilters(); // the filters' choices, then the bookmarked values
  await Promise.all([loadReports(), loadStudents(), loadFeatured(), loadEngagements()]);
  settleStatus("");
}

// The page has loaded: the loading line gives way to `text`, but a line the person caused
// meanwhile (their name saved while the figures loaded) stays.
function settleStatus(text) {
  if (text || status.textContent === LOADING) status.textContent = text;
}

wireForms();
start().catch((error) => { status.textContent = error.message; });
