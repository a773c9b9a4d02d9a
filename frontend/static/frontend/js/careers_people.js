// /careers/: the consenting students and their engagements, 10 and 5 at a time. Both follow the
// page's "Show figures for" (term, programme, class year), so the lists are the students the
// figures count; engagements have their own filters too (all kept in the page's URL).
// Data: careers/students/ and careers/engagements/.
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

// The page's "Show figures for" as the lists' query: its `major` is the lists' `programme`.
export function cohortQuery() {
  const chosen = new FormData($("[data-filters]"));
  const params = new URLSearchParams();
  for (const [from, to] of [["term", "term"], ["major", "programme"], ["class_year", "class_year"]]) {
    if (chosen.get(from)) params.set(to, chosen.get(from));
  }
  return params;
}

// "Economics, class of 2027, 2026 Fall": what the page is filtered by, in the lists' words.
export function cohortWords() {
  const chosen = cohortQuery();
  const year = chosen.get("class_year");
  return [chosen.get("programme"), year ? `class of ${year}` : "", chosen.get("term")].filter(Boolean);
}

// What a term means for each list, said after its count while a term is chosen.
const TERM_MEANS = {
  student: "A student is in a term when they applied or began an engagement in it.",
  engagement: "An engagement is in the term it began.",
};

// "a, b and c"
function listed(words) {
  return words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

// A list with nothing to show under filters says so once, in its table, with the way out
// ("Clear all filters" clears every filter on the page: careers.js listens for data-clear-all).
function noMatch(text) {
  return el("tr", { class: "no-match" }, el("td", { colspan: 7 },
    el("p", { class: "no-match-text", text }),
    el("button", { type: "button", class: "button-secondary button-small", "data-clear-all": true, text: "Clear all filters" })));
}

// The count line above a list: what it is filtered by and how many match (paged by cursor, so
// "more than N" rather than a total). Nothing when the list is not filtered or nothing matches
// (the table's own line says that, once).
function countLine(note, { words, shown, more, noun }) {
  const term = cohortQuery().get("term") ? ` ${TERM_MEANS[noun]}` : "";
  note.textContent = !words.length || !shown ? ""
    : `Filtered by ${listed(words)}: ${more ? `more than ${shown} match — showing the first ${shown}.` : `${shown} ${shown === 1 ? `${noun} matches` : `${noun}s match`}.`}${term}`;
  note.hidden = !note.textContent;
}

// 10 at a time with "Show more students" (engagements 5), which follows the page's `next` to
// the end: on a phone each row is a card, and a whole roster made the page thousands of pixels
// long before the office settings.
const STUDENTS_AT_A_TIME = 10;

export async function loadStudents({ more = false } = {}) {
  const query = cohortQuery();
  const page = await api(more ? studentsNext : `careers/students/?page_size=${STUDENTS_AT_A_TIME}${query.size ? `&${query}` : ""}`);
  const body = $("[data-students]");
  if (!more) body.replaceChildren();
  if (!page.results.length && !body.children.length) {
    body.append(query.size
      ? noMatch(`No sharing student matches ${listed(cohortWords())}. Clear all filters to see every student who shares with your office.`)
      : el("tr", {}, el("td", { colspan: 7, text: "No student shares with your office yet. Students join by verifying an address on your domains, then choose to share." })));
  }
  for (const st of page.results) studentNames.set(st.id, st.name);
  body.append(...page.results.map((st) => el("tr", {},
    el("td", { "data-label": "Name" }, el("a", { href: `/careers/students/${encodeURIComponent(st.id)}/`, text: st.name })),
    el("td", { "data-label": "Programme", text: st.programme || "—" }),
    el("td", { "data-label": "Class year", text: st.class_year ?? "—" }),
    el("td", { "data-label": "Engagements", text: `${st.counts.engagements} (${st.counts.completed_engagements} completed)` }),
    el("td", { "data-label": "Last activity", text: date(st.updated_at) }),
    el("td", { "data-label": "Outcomes", text: outcomeText(st.outcomes) }),
    el("td", { class: "student-summary", text: studentSummary(st) }))));
  studentsNext = page.next;
  $("[data-students-more]").hidden = !page.next;
  countLine($("[data-students-filter-note]"), {
    words: cohortWords(), shown: body.querySelectorAll("td[data-label='Name']").length, more: Boolean(page.next), noun: "student",
  });
}

// A student who does not share stipend amounts: the office knows there is one, not how much.
function stipendText(e) {
  if (!e.paid) return "Unpaid";
  return e.stipend ? money(e.stipend.amount, e.stipend.currency) : "Stipend (amount not shared)";
}

const STATE_WORDS = { awaiting_funding: "Waiting for funding", active: "Active", delivered: "Delivered", completed: "Completed", cancelled: "Cancelled" };

// The engagements table filters on the server; the filters live in the page's URL, so a
// filtered view can be bookmarked or sent to a colleague.
// Programme and class year are the page's (Show figures for), not the table's own.
const ENGAGEMENT_FILTERS = ["student", "state", "paid", "created_from", "created_to"];
let engagementsNext = null;

function engagementQuery() {
  const params = cohortQuery();
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

// The mentor's ratings, in the glossary's words (the student's page says them the same way):
// "Rated by the mentor: Communication: 4.0 / 5, Teamwork: 5.0 / 5". The list's read returns them
// only for students who share ratings, and the student's log then says the office saw them: the
// row shows what the read returned, and nothing where it returned none.
const COMPETENCIES = { career_development: "Career & self-development", communication: "Communication", critical_thinking: "Critical thinking",
  equity_inclusion: "Equity & inclusion", leadership: "Leadership", professionalism: "Professionalism", teamwork: "Teamwork", technology: "Technology" };

function ratingsLine(competencies) {
  const rated = Object.entries(competencies || {});
  if (!rated.length) return null;
  const words = rated.map(([slug, value]) => `${COMPETENCIES[slug] || slug.replaceAll("_", " ")}:\u00a0${Number(value).toFixed(1)}\u00a0/\u00a05`);
  return el("span", { class: "engagement-ratings", "data-ratings": true, text: `Rated by the mentor: ${words.join(", ")}` });
}

function engagementRow(e) {
  return el("tr", {},
    el("td", { "data-label": "Student" }, e.student_id
      ? el("a", { href: `/careers/students/${encodeURIComponent(e.student_id)}/`, text: e.student_name || studentNames.get(e.student_id) || "Student" })
      : "—"),
    el("td", { "data-label": "Task" }, e.task?.title ?? "—", ratingsLine(e.competencies)),
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

let engagementsAsked = 0;

export async function loadEngagements({ more = false } = {}) {
  const query = engagementQuery();
  const body = $("[data-engagements]");
  const note = $("[data-engagement-summary]");
  const [from, to] = [query.get("created_from"), query.get("created_to")];
  if (!more && from && to && from > to) { datesProblem(DATES_BACKWARDS); return; }
  datesProblem("");
  // Only the latest request draws: a filter changed quickly (Clear, then a state) must not be
  // overdrawn by the slower answer to the one before.
  const asked = ++engagementsAsked;
  let page;
  try {
    page = await api(more ? engagementsNext : `careers/engagements/?page_size=5${query.size ? `&${query}` : ""}`);
    if (asked !== engagementsAsked) return;
  } catch (error) {
    if (asked !== engagementsAsked) return;
    const dates = [...(error.fields?.created_from || []), ...(error.fields?.created_to || [])];
    if (dates.length) { datesProblem(dates.join(" ")); return; }
    note.textContent = error.message;
    return;
  }
  if (!more) body.replaceChildren();
  body.append(...page.results.map(engagementRow));
  const words = [...cohortWords(), ...engagementWords(query)];
  if (!body.children.length) {
    body.append(query.size
      ? noMatch(`No engagement matches ${listed(words)}. Clear all filters to see every engagement.`)
      : el("tr", {}, el("td", { colspan: 7, text: "No engagements yet." })));
  }
  const shown = body.querySelectorAll("td[data-label='Task']").length;
  countLine(note, { words, shown, more: Boolean(page.next), noun: "engagement" });
  engagementsNext = page.next;
  $("[data-engagements-more]").hidden = !page.next;
}

// The table's own filters in words: "Completed", "with a stipend", "name contains “Ada”"…
function engagementWords(query) {
  const paid = { true: "with a stipend", false: "unpaid" }[query.get("paid")];
  const [from, to] = [query.get("created_from"), query.get("created_to")];
  const begun = from && to ? `begun ${date(from)} to ${date(to)}` : from ? `begun from ${date(from)}` : to ? `begun by ${date(to)}` : "";
  return [
    query.get("student") ? `name contains “${query.get("student")}”` : "",
    STATE_WORDS[query.get("state")] || "", paid || "", begun,
  ].filter(Boolean);
}

// Every filter of the table back to "any" (the page's Clear filters also clears the figures'),
// without a reset event (careers.js reloads after clearing).
export function clearEngagementFields() {
  const form = $("[data-engagement-filters]");
  for (const key of ENGAGEMENT_FILTERS) form.elements[key].value = "";
  datesProblem("");
}

// The engagements' own "Clear filters": only the engagement filters go (state, stipend, dates,
// student); the page's "Show figures for" stays.
export function clearEngagementFilters() {
  clearEngagementFields();
  applyEngagementFilters();
}

export function applyEngagementFilters(event) {
  event?.preventDefault();
  const url = new URL(location.href);
  for (const key of ENGAGEMENT_FILTERS) url.searchParams.delete(key);
  for (const [key, value] of engagementQuery()) if (ENGAGEMENT_FILTERS.includes(key)) url.searchParams.set(key, value);
  history.replaceState(null, "", url);
  loadEngagements();
}

export function loadMoreStudents() {
  return loadStudents({ more: true });
}
