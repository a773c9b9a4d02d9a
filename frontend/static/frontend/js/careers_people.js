// /careers/: the consenting students and their engagements, 10 and 5 at a time, with the
// engagement filters (kept in the page's URL). Data: careers/students/ and careers/engagements/.
import { api } from "./api.js";
import { date, el, money } from "./ui.js";

const root = document.querySelector("[data-careers]");
const $ = (selector) => root.querySelector(selector);

const OUTCOME_WORDS = { introduction: "introduction", referral: "referral", repeat_work: "repeat work", job_offer: "job offer" };
let studentsNext = null;
const studentNames = new Map();

function outcomeText(outcomes) {
  if (!outcomes) return "Not shared";
  const parts = Array.isArray(outcomes)
    ? outcomes.map((o) => OUTCOME_WORDS[o.outcome] || o.outcome)
    : Object.entries(outcomes).filter(([, n]) => n).map(([k, n]) => `${n} ${OUTCOME_WORDS[k] || k}`);
  return parts.length ? parts.join(", ") : "None yet";
}

// A phone's second line under the name (the wide table has a column for each part).
function studentSummary(st) {
  const outcomes = !st.outcomes ? "Outcomes not shared"
    : outcomeText(st.outcomes) === "None yet" ? "No outcomes yet" : `Outcomes: ${outcomeText(st.outcomes)}`;
  return [st.programme, st.class_year, outcomes].filter(Boolean).join(" · ");
}

// 10 at a time with "Show more students" (engagements 5), which follows the page's `next` to
// the end: on a phone each row is a card, and a whole roster made the page thousands of pixels
// long before the office settings.
const STUDENTS_AT_A_TIME = 10;
const FIRST_STUDENTS = `careers/students/?page_size=${STUDENTS_AT_A_TIME}`;

export async function loadStudents(url = FIRST_STUDENTS) {
  const page = await api(url);
  const body = $("[data-students]");
  if (url === FIRST_STUDENTS) body.replaceChildren();
  if (!page.results.length && !body.children.length) {
    body.append(el("tr", {}, el("td", { colspan: 7, text: "No student shares with your office yet. Students join by verifying an address on your domains, then choose to share." })));
  }
  for (const st of page.results) studentNames.set(st.id, st.name);
  body.append(...page.results.map((st) => el("tr", {},
    el("td", { "data-label": "Name" }, el("a", { href: `/careers/students/${encodeURIComponent(st.id)}/`, text: st.name })),
    el("td", { "data-label": "Programme", text: st.programme || "—" }),
    el("td", { "data-label": "Class year", text: st.class_year ?? "—" }),
    el("td", { "data-label": "Drafts", text: `${st.counts.engagements} (${st.counts.completed_engagements} completed)` }),
    el("td", { "data-label": "Last activity", text: date(st.updated_at) }),
    el("td", { "data-label": "Outcomes", text: outcomeText(st.outcomes) }),
    el("td", { class: "student-summary", text: studentSummary(st) }))));
  studentsNext = page.next;
  $("[data-students-more]").hidden = !page.next;
}

// A student who does not share stipend amounts: the office knows there is one, not how much.
function stipendText(e) {
  if (!e.paid) return "Unpaid";
  return e.stipend ? money(e.stipend.amount, e.stipend.currency) : "Stipend (amount not shared)";
}

const STATE_WORDS = { awaiting_funding: "Waiting for funding", active: "Active", delivered: "Delivered", completed: "Completed", cancelled: "Cancelled" };

// The engagements table filters on the server; the filters live in the page's URL, so a
// filtered view can be bookmarked or sent to a colleague.
const ENGAGEMENT_FILTERS = ["student", "state", "paid", "programme", "class_year", "created_from", "created_to"];
let engagementsNext = null;

function engagementQuery() {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData($("[data-engagement-filters]"))) {
    if (ENGAGEMENT_FILTERS.includes(key) && String(value).trim()) params.set(key, String(value).trim());
  }
  return params;
}

// On a phone the filters fold under "Filter engagements" unless the URL sets one: the list
// comes first (a wide screen shows them open).
export function restoreEngagementFilters() {
  const form = $("[data-engagement-filters]");
  const url = new URLSearchParams(location.search);
  const anySet = ENGAGEMENT_FILTERS.some((key) => url.get(key));
  $("[data-engagement-filter-box]").open = anySet || !matchMedia("(max-width: 40rem)").matches;
  for (const key of ENGAGEMENT_FILTERS) {
    const value = url.get(key);
    if (value === null) continue;
    const field = form.elements[key];
    if (field.tagName === "SELECT" && ![...field.options].some((o) => o.value === value)) {
      field.append(el("option", { value, text: value })); // a bookmarked value not listed yet
    }
    field.value = value;
  }
}

function engagementRow(e) {
  return el("tr", {},
    el("td", { "data-label": "Student" }, e.student_id
      ? el("a", { href: `/careers/students/${encodeURIComponent(e.student_id)}/`, text: e.student_name || studentNames.get(e.student_id) || "Student" })
      : "—"),
    el("td", { "data-label": "Task", text: e.task?.title ?? "—" }),
    el("td", { "data-label": "State", text: STATE_WORDS[e.state] || e.state }),
    el("td", { "data-label": "Hours", text: e.hours ?? "—" }),
    el("td", { "data-label": "Stipend", text: stipendText(e) }),
    el("td", { "data-label": "Started", text: e.started_at ? date(e.started_at) : e.state === "awaiting_funding" ? "Not yet" : "—" }),
    // Outcomes follow a finished draft: an engagement still under way has none to report yet
    // (on a phone its card leaves the blank cell out).
    e.state === "completed" || e.outcomes?.length
      ? el("td", { "data-label": "Outcomes", text: outcomeText(e.outcomes) })
      : el("td", { "data-label": "Outcomes", class: "is-blank", text: "—" }));
}

// A date range that ends before it starts is refused here first, next to the dates; the API
// refuses it too (with the same words). Either way the table is emptied and says it was not
// updated, so nobody reads the previous rows as the answer to the new filters.
const DATES_BACKWARDS = "The end date is before the start date.";

function datesProblem(message) {
  const box = $("[data-dates-error]");
  box.textContent = message || "";
  box.hidden = !message;
  for (const id of ["#eng-from", "#eng-to"]) $(id).toggleAttribute("aria-invalid", Boolean(message));
  if (!message) return;
  $("[data-engagements]").replaceChildren(el("tr", {}, el("td", { colspan: 7, class: "muted", text: "Not updated: correct the dates above to see the matching engagements." })));
  $("[data-engagement-summary]").textContent = "";
  $("[data-engagements-more]").hidden = true;
}

export async function loadEngagements({ more = false } = {}) {
  const query = engagementQuery();
  const body = $("[data-engagements]");
  const note = $("[data-engagement-summary]");
  const [from, to] = [query.get("created_from"), query.get("created_to")];
  if (!more && from && to && from > to) { datesProblem(DATES_BACKWARDS); return; }
  datesProblem("");
  let page;
  try {
    page = await api(more ? engagementsNext : `careers/engagements/?page_size=5${query.size ? `&${query}` : ""}`);
  } catch (error) {
    const dates = [...(error.fields?.created_from || []), ...(error.fields?.created_to || [])];
    if (dates.length) { datesProblem(dates.join(" ")); return; }
    note.textContent = error.message;
    return;
  }
  if (!more) body.replaceChildren();
  body.append(...page.results.map(engagementRow));
  if (!body.children.length) {
    body.append(el("tr", {}, el("td", { colspan: 7, text: query.size ? "No engagement matches these filters." : "No engagements yet." })));
  }
  const shown = body.querySelectorAll("td[data-label='Task']").length;
  // The list is paged by cursor (no total): with more to come, say so rather than "5+".
  const words = page.next ? `More than ${shown} match — showing the first ${shown}.`
    : `${shown} ${shown === 1 ? "engagement matches" : "engagements match"}.`;
  note.textContent = query.size ? words : "";
  engagementsNext = page.next;
  $("[data-engagements-more]").hidden = !page.next;
}

export function applyEngagementFilters(event) {
  event?.preventDefault();
  const url = new URL(location.href);
  for (const key of ENGAGEMENT_FILTERS) url.searchParams.delete(key);
  for (const [key, value] of engagementQuery()) url.searchParams.set(key, value);
  history.replaceState(null, "", url);
  loadEngagements();
}

export function loadMoreStudents() {
  return loadStudents(studentsNext);
}
