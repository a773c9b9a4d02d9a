// /careers/: the career-office dashboard. Data: /api/v1/institutions/ and /api/v1/careers/.
import { ApiError, api, sendForm } from "./api.js";
import { exportFirstDestination, exportStudents, exportSummary } from "./careers_export.js";
import { HIDDEN_SMALL, barChart, columnChart, everyMonth } from "./careers_charts.js";
import { hideNewKey, invite, loadColleagues, loadKeys, say } from "./careers_office.js";
import { applyEngagementFilters, loadEngagements, loadMoreStudents, loadStudents, restoreEngagementFilters } from "./careers_people.js";
import { el, emptyState } from "./ui.js";

const root = document.querySelector("[data-careers]");
const $ = (selector) => root.querySelector(selector);
const status = $("[data-status]");
let institution = null;
let pending = false;
let officeDomains = []; // the office's e-mail domains: an invitation off them is confirmed first
// Tasks featured now (their ids): a search result says "Featured ✓" instead of offering it again.
const featuredIds = new Set();
// Featuring is for the office's admins (the API refuses viewers): viewers read the list only.
let canFeature = false;

const percent = (rate) => (rate === null ? null : Math.round(rate * 100));

function cells(report, pick) {
  return report.groups.map((g) => ({ label: g.key, value: g.suppressed ? null : pick(g) }));
}

// The report filters (Term, Programme) live in the page's URL as term= and major=, so a
// filtered dashboard can be bookmarked or sent to a colleague, and reads back on load.
const REPORT_FILTERS = ["term", "major"];

function filterQuery() {
  const data = new FormData($("[data-filters]"));
  const params = new URLSearchParams();
  for (const [key, value] of data) if (value && REPORT_FILTERS.includes(key)) params.set(key, value);
  return params.toString();
}

function restoreReportFilters() {
  const form = $("[data-filters]");
  const url = new URLSearchParams(location.search);
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
  history.replaceState(null, "", url);
  noteStudentsFilter();
  loadReports();
}

// The students list is every sharing student: it does not follow Term and Programme, and
// says so while they are set, so nobody reads it as the filtered group.
function noteStudentsFilter() {
  const note = $("[data-students-filter-note]");
  const set = new FormData($("[data-filters]"));
  const words = [set.get("term"), set.get("major")].filter(Boolean).join(", ");
  note.textContent = words ? `This list shows every student who shares with your office; the Term and Programme filters (${words}) apply to the figures and charts above.` : "";
  note.hidden = !words;
}

async function loadReports() {
  const query = filterQuery();
  const [byMonth, byTerm, bySkill] = await Promise.all(
    ["month", "term", "skill"].map((g) => api(`careers/reports/summary/?group_by=${g}${query ? `&${query}` : ""}`)));
  const t = byMonth.totals;
  if (smallGroupNotice(t)) return;
  const show = (v, suffix = "") => (v === null ? HIDDEN_SMALL : `${v}${suffix}`);
  $("[data-headline]").replaceChildren(
    ...[["Students taking part", show(t.students)], ["Engagements", show(t.engagements)],
      ["Completion rate", show(percent(t.completion_rate), "%")],
      ["With stipend / unpaid", t.suppressed ? HIDDEN_SMALL : `${t.paid} / ${t.unpaid}`]]
      .map(([k, v]) => el("div", {}, el("dt", { text: k }), el("dd", { class: v === HIDDEN_SMALL ? "is-small-group" : null, text: v }))));
  const paidRows = t.suppressed ? [{ label: "With stipend", value: null }, { label: "Unpaid", value: null }]
    : [{ label: "With stipend", value: t.paid }, { label: "Unpaid", value: t.unpaid }];
  const funnel = t.funnel || {};
  const funnelRows = [["Applied", funnel.applied], ["Engaged", funnel.engaged], ["Completed", funnel.completed], ["Outcome reported", funnel.outcome]]
    .map(([label, value]) => ({ label, value: value ?? null }));
  $("[data-charts]").replaceChildren(
    barChart({ id: "funnel", title: "From application to outcome (students)", rows: funnelRows }),
    columnChart({ id: "participation", title: "Participation over time (students per month)", rows: everyMonth(byMonth.groups, (g) => g.students),
      empty: participationEmpty(byMonth, query) }),
    barChart({ id: "completion", title: "Completion rate by term", rows: cells(byTerm, (g) => percent(g.completion_rate)), unit: "%", max: 100 }),
    barChart({ id: "paid", title: "Engagements with a stipend vs unpaid", rows: paidRows }),
    barChart({ id: "skills", title: "Top skills (students)", rows: bySkill.top_skills.map((s) => ({ label: s.skill, value: s.students })),
      empty: bySkill.groups.some((g) => g.suppressed) ? "Hidden: each skill has fewer than 5 students." : "No skills yet." }),
  );
}

// A filtered group under the threshold: one notice in place of a wall of hidden figures and
// empty charts, with the way back to the whole office. True when it is shown.
function smallGroupNotice(totals) {
  const set = new FormData($("[data-filters]"));
  const term = set.get("term");
  const major = set.get("major");
  const small = Boolean(term || major) && totals.suppressed;
  $("[data-small-group]").hidden = !small;
  root.querySelectorAll("[data-figures]").forEach((section) => { section.hidden = small; });
  if (!small) return false;
  const group = major && term ? `${major} in ${term}` : major || term;
  $("[data-small-group-text]").textContent = `${group} has fewer than 5 sharing students taking part, so its figures are hidden.`;
  $("[data-clear-filters]").textContent = major && term ? "Choose All programmes and terms" : major ? "Choose All programmes" : "Choose All terms";
  return true;
}

function clearReportFilters() {
  const form = $("[data-filters]");
  for (const key of REPORT_FILTERS) form.elements[key].value = "";
  applyReportFilters();
  $("#filter-major").focus();
}

// Why "Participation over time" has no columns: no sharing student took part yet, the filters
// match nobody, or each month's group is under 5 students and hidden.
function participationEmpty(byMonth, query) {
  if (byMonth.groups.some((g) => g.suppressed)) return "Every month has fewer than 5 students taking part, so each is hidden to protect their privacy.";
  if (query) return "No sharing student took part in these months with these filters.";
  return "No student who shares with your office has taken part yet.";
}

async function loadFilters() {
  const { terms, majors, class_years } = await api("careers/reports/filters/");
  const fill = (select, values) => select.append(...values.map((v) => el("option", { value: v, text: v })));
  fill($("#filter-term"), terms);
  fill($("#filter-major"), majors);
  fill($("#eng-programme"), majors);
  fill($("#eng-class-year"), class_years || []);
  restoreEngagementFilters();
  restoreReportFilters();
  noteStudentsFilter();
}

async function loadFeatured() {
  const data = await api("careers/featured-tasks/");
  const list = $("[data-featured]");
  featuredIds.clear();
  for (const f of data.results) featuredIds.add(f.task.id);
  if (!data.results.length) {
    list.replaceChildren(el("li", {}, emptyState(canFeature
      ? "Nothing featured yet. Search for a task below, or use “Feature for your students” on a task’s page."
      : "Nothing featured yet. Your office’s admins feature tasks for your students.")));
    return;
  }
  list.replaceChildren(...data.results.map((f) => el("li", { class: "row-card" },
    el("a", { href: f.task.url, text: f.task.title }),
    f.note ? el("span", { class: "muted small", text: f.note }) : null,
    !canFeature ? null : el("button", { type: "button", class: "button-secondary button-small", text: "Stop featuring", "aria-label": `Stop featuring ${f.task.title}`,
      onclick: async () => {
        try {
          await api(`careers/featured-tasks/${f.id}/`, { method: "DELETE" });
          await loadFeatured();
          say("featured", `“${f.task.title}” is no longer featured.`);
        } catch (error) { say("featured", error.message, { error: true }); }
      } }))));
}

// --- Featuring from a search picker --------------------------------------------------------
async function searchTasks(event) {
  event.preventDefault();
  const q = event.target.q.value.trim();
  const list = $("[data-task-results]");
  const found = await api(`tasks/?q=${encodeURIComponent(q)}&page_size=8`);
  if (!found.results.length) { list.replaceChildren(el("li", { class: "muted", text: `No open task matches “${q}”.` })); return; }
  const done = () => el("span", { class: "badge badge-success", text: "Featured ✓" });
  list.replaceChildren(...found.results.map((task) => el("li", { class: "row-card" },
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

async function copyKey() {
  const key = $("[data-new-key-value]").textContent;
  const note = $("[data-copy-status]");
  try {
    await navigator.clipboard.writeText(key);
    note.textContent = "Copied. Keep it somewhere safe: it will not be shown again.";
  } catch {
    // No clipboard permission: select it so Ctrl+C / long-press copies it.
    window.getSelection().selectAllChildren($("[data-new-key-value]"));
    note.textContent = "Selected: press Ctrl+C (or long-press and Copy).";
  }
}

async function uploadRoster(event) {
  event.preventDefault();
  const form = event.target;
  await sendForm(form, async () => {
    const r = await api("careers/roster/", { method: "POST", body: new FormData(form) });
    $("[data-roster-result]").replaceChildren(el("p", { class: "card", text:
      `${r.rows} addresses read: ${r.invited} invited now, ${r.already_members} already joined, ${r.recently_invited} invited in the last ${r.resend_after_days} days, ${r.duplicates} repeated, ${r.invalid} not usable.` }),
      r.invalid_rows.length ? el("ul", {}, r.invalid_rows.map((row) => el("li", { text: `Line ${row.row} (“${row.value}”): ${row.reason}` }))) : null);
    form.reset();
  });
}

// --- University sign-in -----------------------------------------------------------------------
async function loadSso() {
  const sso = await api(`institutions/${institution.slug}/sso/`);
  const rows = [["Slipstream metadata URL (give this to your IdP administrator)", sso.sp_metadata_url],
    ["Entity ID", sso.sp_entity_id], ["Assertion consumer service (HTTP-POST)", sso.sp_acs_url],
    ["Sign-in link for your students and staff", sso.sign_in_url]];
  if (sso.configured) rows.push(["Registered identity provider", sso.idp_entity_id]);
  $("[data-sso-urls]").replaceChildren(...rows.flatMap(([k, v]) => [el("dt", { text: k }), el("dd", {}, el("code", { text: v }))]));
  const form = $("[data-sso-form]");
  form.metadata_url.value = sso.metadata_url;
  form.staff_from_affiliation.checked = sso.staff_from_affiliation;
  $("[data-sso-remove]").hidden = !sso.configured;
}

async function saveSso(event) {
  event.preventDefault();
  const form = event.target;
  const body = { staff_from_affiliation: form.staff_from_affiliation.checked };
  if (form.metadata_xml.value.trim()) body.metadata_xml = form.metadata_xml.value;
  else body.metadata_url = form.metadata_url.value;
  await sendForm(form, async () => {
    await api(`institutions/${institution.slug}/sso/`, { method: "PUT", body });
    form.metadata_xml.value = "";
    say("sso", "University sign-in saved.");
    await loadSso();
  });
}

async function removeSso() {
  try {
    await api(`institutions/${institution.slug}/sso/`, { method: "DELETE" });
  } catch (error) { say("sso", error.message, { error: true }); return; }
  say("sso", "University sign-in is off.");
  await loadSso();
}

function wireForms() {
  $("[data-filters]").addEventListener("submit", applyReportFilters);
  $("[data-clear-filters]").addEventListener("click", clearReportFilters);
  $("[data-export-summary]").addEventListener("click", () => exportSummary(root, filterQuery()));
  $("[data-export-students]").addEventListener("click", () => exportStudents(root));
  $("[data-export-first-destination]").addEventListener("click", () => exportFirstDestination(root));
  $("[data-task-search]").addEventListener("submit", searchTasks);
  $("[data-copy-key]").addEventListener("click", copyKey);
  const engagementForm = $("[data-engagement-filters]");
  engagementForm.addEventListener("submit", applyEngagementFilters);
  engagementForm.addEventListener("change", (event) => { if (event.target.tagName === "SELECT") applyEngagementFilters(); });
  engagementForm.addEventListener("reset", () => setTimeout(applyEngagementFilters)); // after the fields clear
  $("[data-engagements-more]").addEventListener("click", () => loadEngagements({ more: true }));
  $("[data-students-more]").addEventListener("click", loadMoreStudents);
  $("[data-invite-form]").addEventListener("submit", (event) => invite(event, { pending, domains: officeDomains }));
  $("[data-roster-form]").addEventListener("submit", uploadRoster);
  $("[data-sso-form]").addEventListener("submit", saveSso);
  $("[data-sso-remove]").addEventListener("click", removeSso);
  $("[data-key-form]").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.target;
    const body = { name: form.name.value };
    if (form.expires_at.value) body.expires_at = `${form.expires_at.value}T23:59:59Z`;
    hideNewKey();
    await sendForm(form, async () => {
      const made = await api("careers/keys/", { method: "POST", body });
      $("[data-new-key-value]").textContent = made.key;
      $("[data-new-key]").hidden = false;
      form.reset();
      await loadKeys();
      say("keys", `Key “${made.name}” created: copy it below now.`);
    });
  });
  $("[data-create-form]").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.target;
    const data = new FormData(form);
    if (!form.logo.files.length) data.delete("logo");
    await sendForm(form, async () => {
      await domainsClaimable(form.email_domains.value);
      await api("institutions/", { method: "POST", body: data });
      await start();
    });
  });
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

// Staff are named by the name they give (never their address): ask on the way in.
async function askForName() {
  const me = await api("me/");
  const section = $("[data-your-name]");
  section.hidden = Boolean(me.display_name?.trim());
  if (section.hidden) return;
  const form = $("[data-your-name-form]");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const name = form.display_name.value.trim();
    if (!name) return;
    await api("me/", { method: "PATCH", body: { display_name: name } });
    section.hidden = true;
    status.textContent = `Thanks, ${name}: colleagues and students will see this name.`;
  }, { once: true });
}

async function start() {
  askForName().catch(() => {});
  const mine = await api("institutions/");
  const live = mine.find((m) => m.status === "approved");
  $("[data-create]").hidden = mine.length > 0;
  $("[data-pending]").hidden = !(mine.length && !live);
  $("[data-live]").hidden = !live;
  if (!mine.length) { status.textContent = "You are not career-office staff of an institution yet."; return; }
  const office = live || mine[0];
  const admin = office.viewer_role === "admin";
  officeDomains = office.email_domains;
  $("[data-colleagues]").hidden = false;
  $("[data-invite-form]").hidden = !admin;
  pending = !live;
  await loadColleagues({ admin, pending });
  if (!live) { $("[data-pending-name]").textContent = mine[0].name; status.textContent = ""; return; }
  institution = live;
  // Once live, the dashboard comes first; colleagues sit with the other office settings.
  $("[data-roster-section]").before($("[data-colleagues]"));
  $("[data-title]").textContent = `${live.name}: career office`;
  $("[data-keys-section]").hidden = !admin;
  $("[data-roster-section]").hidden = !admin;
  $("[data-sso-section]").hidden = !admin;
  $("[data-jump]").hidden = false;
  keepJumpHeight($("[data-jump]"));
  for (const link of $("[data-jump]").querySelectorAll("[data-admin-only]")) link.hidden = !admin;
  canFeature = admin;
  $("[data-task-search]").hidden = !admin;
  $("[data-feature-admins]").hidden = admin;
  $("[data-feature-how]").hidden = !admin;
  await loadStudents(); // names for the engagements table
  await loadFilters(); // the engagement filters' choices, then the bookmarked values
  await Promise.all([loadReports(), loadFeatured(), loadEngagements(),
    admin ? loadKeys() : null, admin ? loadSso() : null]);
  status.textContent = joinedWords(live);
}

// The sticky menu wraps to two or three rows on a phone: headings jumped to keep clear of it.
function keepJumpHeight(menu) {
  const set = () => root.style.setProperty("--jump-height", `${Math.ceil(menu.getBoundingClientRect().height)}px`);
  new ResizeObserver(set).observe(menu);
  set();
}

// Just after accepting an invitation (/careers/?joined=…): say what they joined, as what (the
// office's own answer, not the URL's), once; the address bar drops the marker.
function joinedWords(office) {
  const url = new URL(location.href);
  if (!url.searchParams.has("joined")) return "";
  url.searchParams.delete("joined");
  history.replaceState(null, "", url);
  const role = office.viewer_role === "admin" ? "an admin" : "a viewer";
  return `You joined ${office.name}'s career office as ${role}.`;
}

wireForms();
start().catch((error) => { status.textContent = error.message; });
