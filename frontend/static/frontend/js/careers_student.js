// /careers/students/<id>/: one consenting student's participation (careers/students/{id}/participation/).
import { api } from "./api.js";
import { date, el, money } from "./ui.js";

const root = document.querySelector("[data-careers-student]");
const $ = (selector) => root.querySelector(selector);
const OUTCOMES = { introduction: "introduction", referral: "referral", repeat_work: "repeat work", job_offer: "job offer" };
const STATES = { awaiting_funding: "Waiting for funding", active: "Active", delivered: "Delivered", completed: "Completed", cancelled: "Cancelled",
  submitted: "Applied", shortlisted: "Shortlisted", accepted: "Accepted", declined: "Declined", withdrawn: "Withdrawn" };

const outcomeText = (list) => (list === null || list === undefined ? "Not shared" : list.length ? list.map((o) => `${OUTCOMES[o.outcome] || o.outcome} (${date(o.reported_at)})`).join(", ") : "None yet");
// The glossary's words (docs/career-offices-glossary.md): a rating reads "4.0 / 5", never broken
// across lines (no-break spaces), after the competency's NACE name as the mentor's feedback form
// labels it; a task is "With stipend" or "Unpaid", with the amount only if the student shares
// stipend amounts.
const COMPETENCIES = { career_development: "Career & self-development", communication: "Communication", critical_thinking: "Critical thinking",
  equity_inclusion: "Equity & inclusion", leadership: "Leadership", professionalism: "Professionalism", teamwork: "Teamwork", technology: "Technology" };
const rating = (value) => `${Number(value).toFixed(1)}\u00a0/\u00a05`;
const ratingText = (c, shared) => (!shared ? "Not shared" : c && Object.keys(c).length ? Object.entries(c).map(([k, v]) => `${COMPETENCIES[k] || k.replaceAll("_", " ")}:\u00a0${rating(v)}`).join(", ") : "None yet");
const stipendText = (e) => (!e.paid ? "Unpaid" : e.stipend ? `With stipend: ${money(e.stipend.amount, e.stipend.currency)}` : "With stipend (amount not shared)");

async function start() {
  const data = await api(`careers/students/${encodeURIComponent(root.dataset.studentId)}/participation/`);
  const st = data.student;
  $("[data-name]").textContent = st.name;
  document.title = `${st.name} · Slipstream`;
  $("[data-meta]").textContent = [st.programme, st.class_year ? `class of ${st.class_year}` : null, `sharing since ${date(st.consent.granted_at)}`].filter(Boolean).join(" · ");
  $("[data-engagements]").replaceChildren(...(data.engagements.length ? data.engagements.map((e) => el("tr", {},
    el("td", { "data-label": "Task", text: e.task?.title ?? "—" }),
    el("td", { "data-label": "State", text: STATES[e.state] || e.state }),
    el("td", { "data-label": "Hours", text: e.hours ?? "—" }),
    el("td", { "data-label": "Stipend", text: stipendText(e) }),
    el("td", { "data-label": "Ratings", text: ratingText(e.competencies, st.consent.scopes.includes("evaluations")) }),
    el("td", { "data-label": "Outcomes", text: outcomeText(e.outcomes) })))
    : [el("tr", {}, el("td", { colspan: 6, text: "No engagements yet." }))]));
  $("[data-applications]").replaceChildren(...(data.applications.length ? data.applications.map((a) => el("li", { class: "row-card" },
    el("span", { text: a.task?.title ?? "—" }), el("span", { class: "badge badge-muted", text: STATES[a.state] || a.state }),
    el("span", { class: "muted small", text: `applied ${date(a.applied_at)}` })))
    : [el("li", { class: "muted", text: "No applications yet." })]));
  $("[data-body]").hidden = false;
  $("[data-status]").textContent = "";
}

start().catch((error) => { $("[data-status]").textContent = error.status === 404 ? "This student does not share with your office (or no longer does)." : error.message; });
