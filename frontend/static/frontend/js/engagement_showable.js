// The showable-work clause on /engagements/<id>/: the mentor's chooser at approval, the
// drafter's proposal, the case study box and "Add to portfolio". Every button comes from the
// API's `allowed_actions`; the clause itself is read from `showable` in plain words.
import { api, showErrors, textLimit } from "./api.js";
import { date as dateText, el, fill } from "./ui.js";

const CHOICES = [
  ["private", "Private", "Only the fact, the title and your endorsement are shown. The work stays confidential."],
  ["case_study", "Case study", "The drafter writes a short case study that you approve; the work stays confidential."],
  ["after", "From a date", "The work stays confidential until a date you choose, then it may be shown publicly."],
  ["full", "Full", "The delivered work may be shown publicly."],
];

// Radio buttons for the four choices, with a date field for "after" and an optional title;
// `config` is /api/v1/config/ (the title's limit).
export function showableFields(prefix, current = "private", config = null) {
  const date = el("input", { id: `${prefix}-after-date`, name: "show_after", type: "date", min: tomorrow() });
  const dateField = el("div", { class: "field", hidden: current !== "after" },
    el("label", { for: date.id, text: "Shown publicly from" }), date);
  const radios = CHOICES.map(([value, label, help]) => {
    const input = el("input", { type: "radio", name: "showable", value, id: `${prefix}-${value}`,
      checked: value === current ? true : null, "aria-describedby": `${prefix}-${value}-help` });
    input.addEventListener("change", () => { dateField.hidden = value !== "after"; });
    return el("div", { class: "radio-option" }, input, el("label", { for: input.id, text: label }),
      el("p", { class: "helptext", id: `${prefix}-${value}-help`, text: help }));
  });
  const title = el("input", { id: `${prefix}-title`, name: "public_title", maxlength: textLimit(config, "showable.public_title") });
  return el("fieldset", { class: "showable-chooser" },
    el("legend", { text: "What may the drafter show of this work?" }), ...radios, dateField,
    el("div", { class: "field" }, el("label", { for: title.id, text: "Public title (optional)" }), title,
      el("p", { class: "helptext", text: "Leave empty to use the task's title." })));
}

// "Case study": a choice's name, as the approval dialog says it.
export function showableChoiceLabel(value) {
  return (CHOICES.find(([choice]) => choice === value) || CHOICES[0])[1];
}

// The server takes `after` only with a date still to come (tomorrow at the earliest, in the
// user's calendar); said beside the date field before any dialog or request, in its words.
function tomorrow() {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export function showableProblem(form) {
  const choice = form.querySelector("input[name=showable]:checked")?.value;
  if (choice !== "after") return null;
  const value = form.querySelector("[name=show_after]").value;
  let text = "";
  if (!value) text = "Give the date from which the work may be shown (a future date).";
  else if (value < tomorrow()) text = `That date has come: choose ${dateText(tomorrow())} or later, or let the work be shown in full now.`;
  return text ? { message: "Some fields need a change.", fields: { show_after: [text] } } : null;
}

export function showableBody(form) {
  const choice = form.querySelector("input[name=showable]:checked")?.value || "private";
  const body = { showable: choice, public_title: form.querySelector("[name=public_title]").value.trim() };
  if (choice === "after") body.show_after = form.querySelector("[name=show_after]").value || null;
  return body;
}

function small(form, label, onSubmit, { secondary = false } = {}) {
  form.append(el("p", { class: "field-error", "data-form-error": true, tabindex: "-1", hidden: true }),
    el("button", { type: "submit", class: secondary ? "button-secondary" : "", text: label }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try { await onSubmit(); } catch (error) { showErrors(form, error); }
  });
  return form;
}

// The clause in the reader's words: the API's label is the public page's third person, which
// the mentor, who approves the case study, reads as "you".
function showableLabel(e) {
  const s = e.showable;
  if (e.viewer_role !== "mentor" || s.choice !== "case_study") return s.label;
  return s.case_study_state === "approved"
    ? "The work itself is confidential; you approved this case study, and it shows publicly."
    : "The work itself is confidential; a case study will show here once you approve it.";
}

// The clause section of a completed engagement; `done(message)` redraws and announces.
export function renderShowable(section, e, allowed, done, config = null) {
  const s = e.showable;
  if (e.state !== "completed" || !s) { section.hidden = true; return; }
  const parts = [el("p", { "data-showable-label": true, text: showableLabel(e) })];
  const id = e.id;
  if (s.proposal) {
    const what = CHOICES.find(([value]) => value === s.proposal.showable)?.[1] || s.proposal.showable;
    parts.push(el("p", { class: "muted", text: `The drafter proposed: ${what}${s.proposal.show_after ? ` from ${dateText(s.proposal.show_after)}` : ""}.` }));
  }
  if (allowed.has("showable_confirm")) {
    parts.push(small(el("form", { class: "action-form" }), "Confirm the proposal",
      async () => { await api(`engagements/${id}/showable/confirm/`, { method: "POST" }); await done("The new choice applies now."); }));
  }
  if (allowed.has("showable_propose")) {
    const form = el("form", { class: "action-form", novalidate: true }, showableFields("p", s.choice, config));
    const details = el("details", {}, el("summary", { text: "Propose a different choice to your mentor" }),
      small(form, "Send proposal", async () => {
        const problem = showableProblem(form);
        if (problem) throw problem;
        await api(`engagements/${id}/showable/`, { method: "POST", body: showableBody(form) });
        await done("Proposal sent. It applies once your mentor confirms it.");
      }, { secondary: true }));
    parts.push(details);
  }
  if (s.choice === "case_study") {
    if (s.case_study) {
      const waiting = e.viewer_role === "mentor" ? "waiting for your approval" : "waiting for the mentor";
      parts.push(el("h3", { text: `Case study (${s.case_study_state === "approved" ? "approved" : waiting})` }),
        el("p", { class: "case-study", text: s.case_study }));
    }
    if (allowed.has("case_study_submit")) {
      const text = el("textarea", { id: "cs-text", name: "text", rows: "6", maxlength: textLimit(config, "case_study.text") });
      text.value = s.case_study || "";
      const form = el("form", { class: "action-form", novalidate: true },
        el("div", { class: "field" }, el("label", { for: "cs-text", text: "Your case study (what you did, how, and what came of it — no confidential details)" }), text));
      parts.push(small(form, s.case_study ? "Submit the new version" : "Submit for approval", async () => {
        await api(`engagements/${id}/case-study/`, { method: "POST", body: { text: text.value } });
        await done("Case study sent to your mentor for approval.");
      }));
    }
    if (allowed.has("case_study_approve")) {
      parts.push(small(el("form", { class: "action-form" }), "Approve the case study", async () => {
        await api(`engagements/${id}/case-study/approve/`, { method: "POST" });
        await done("Case study approved: it now shows publicly.");
      }));
    }
  }
  if (allowed.has("portfolio_add")) {
    parts.push(small(el("form", { class: "action-form" }), "Add to my portfolio", async () => {
      await api(`engagements/${id}/portfolio/`, { method: "POST" });
      await done("Added to your portfolio.");
    }, { secondary: true }));
  }
  parts.push(el("p", {}, el("a", { href: `/experience/${id}/`, text: "See the public experience page" })));
  fill(section.querySelector("[data-showable]"), parts);
  section.hidden = false;
}
