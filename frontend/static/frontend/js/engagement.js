// /engagements/<id>/: timeline, deliverables, approve / revise, feedback, thanks, messages.
// Buttons and forms come from the API's `allowed_actions`; limits from /api/v1/config/. After an
// action the page redraws and focus moves to the status line that says what happened.
import { api, showErrors, showLoadError, siteConfig, textLimit } from "./api.js";
import { checkoutReturn, loadStipend, renderStipend, stipendTimeline } from "./engagement_stipend.js";
import { confirmAct } from "./dialog.js";
import { renderShowable, showableBody, showableChoiceLabel, showableFields, showableProblem } from "./engagement_showable.js";
import { shareCard } from "./share_card.js";
import { announce, date, dateTime, el, fill, money, mountThread, stateBadge, uploadLimitsText } from "./ui.js";

const root = document.querySelector("[data-engagement-page]");
const id = root.dataset.engagementId;
const $ = (sel) => root.querySelector(sel);
let threadCanSend = null;
const checkout = checkoutReturn(root, id, () => render());
let current = null;  // the engagement as last drawn (for next-step links)
const DONE = {
  deliver: "Work delivered. Your mentor has been told and will review it.",
  approve: "Work approved: it now shows as verified experience.",
  request_revision: "Revision requested. The drafter has been told what to change.",
  cancel: "Engagement cancelled. The other person has been told.",
  feedback: "Feedback saved. Thank you.",
  thanks: "Thank-you note sent.",
};

function field(label, control, help) {
  const helpNode = help ? el("p", { class: "helptext", id: `${control.id}-help`, text: help }) : null;
  if (help) control.setAttribute("aria-describedby", `${control.id}-help`);
  return el("div", { class: "field" }, el("label", { for: control.id, text: label }), control, helpNode);
}

// What to do after each action, as a link under the success message.
function nextStep(action) {
  const e = current;
  if (!e) return null;
  const other = e.viewer_role === "mentor" ? e.drafter : e.mentor;
  return {
    deliver: { href: "/dashboard/", text: "Back to your dashboard" },
    approve: { href: "#feedback-heading", text: "Leave feedback now" },
    request_revision: { href: "#messages-heading", text: "Explain more in a message" },
    cancel: { href: "/dashboard/", text: "Back to your dashboard" },
    feedback: { href: `/u/${other.handle}/`, text: `See ${other.display_name || other.handle}’s profile` },
    thanks: { href: "/dashboard/", text: "Back to your dashboard" },
  }[action];
}

function actionForm({ action, title, fields, submit, onSubmit, secondary = false, multipart = false, confirm = null, check = null }) {
  const form = el("form", { class: "action-form", novalidate: true },
    title ? el("h3", { text: title }) : null,
    el("p", { class: "field-error", "data-form-error": true, tabindex: "-1", hidden: true }),
    ...fields,
    el("button", { type: "submit", class: secondary ? "button-secondary" : "", text: submit }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const problem = check?.();
    if (problem) { showErrors(form, problem); return; }
    if (confirm && !(await confirmAct(confirm))) return;
    try {
      await onSubmit(multipart ? new FormData(form) : form);
      await render();
      announce($("[data-flash]"), DONE[action], nextStep(action));
    } catch (error) {
      showErrors(form, error);
    }
  });
  return form;
}

function timeline(e, stipend) {
  // An engagement begins with an accepted application, or with an accepted offer of help.
  const items = [[e.created_at, e.offer_id ? "Offer accepted" : "Application accepted"], ...stipendTimeline(stipend)];
  if (e.started_at) items.push([e.started_at, "Work started"]);
  for (const d of e.deliverables) {
    items.push([d.created_at, "Work delivered"]);
    if (d.revision_requested_at) items.push([d.revision_requested_at, "Revision requested"]);
  }
  if (e.completed_at) items.push([e.completed_at, "Approved — verified experience added"]);
  if (e.cancelled_at) items.push([e.cancelled_at, `Cancelled: ${e.cancel_reason}`]);
  // By time to the minute; within a minute the steps keep their logical order (accepting and
  // starting unpaid work happen in the same instant, and must read in that order).
  const minute = (when) => Math.floor(new Date(when).getTime() / 60000);
  items.forEach((item, index) => { item.push(index); });
  items.sort((a, b) => minute(a[0]) - minute(b[0]) || a[2] - b[2]);
  if (e.state === "awaiting_funding") items.push([null, e.viewer_role === "mentor" ? "Waiting for you to fund the stipend" : "Waiting for the mentor to fund the stipend"]);
  return items.map(([when, what]) => el("li", {}, el("span", { class: "muted small", text: when ? dateTime(when) : "Next" }), el("span", { text: what })));
}

function deliverableItem(d, index) {
  return el("li", { class: "deliverable" },
    el("p", {}, el("strong", { text: `Delivery ${index + 1}` }), el("span", { class: "muted small", text: `\u00a0· ${dateTime(d.created_at)}` })),
    d.link ? el("p", {}, el("a", { href: d.link, rel: "noopener noreferrer", text: d.link })) : null,
    d.file_url ? el("p", {}, el("a", { href: d.file_url, text: `Download ${d.file_name}` })) : null,
    d.note ? el("p", { class: "note", text: d.note }) : null,
    d.revision_comment ? el("p", { class: "flash" }, el("strong", { text: "Revision requested: " }), d.revision_comment) : null);
}

// Competencies are shown with the same names the form uses (the API's competency_choices).
function competencyName(e, slug) {
  const choice = (e.competency_choices || []).find((c) => c.slug === slug);
  return choice ? choice.name : slug.replace(/_/g, " ");
}

function feedbackView(fb, label, e, mine = false) {
  return el("div", { class: "feedback" },
    el("h3", { text: label }),
    // A late click on an old "leave feedback" notice lands here: say plainly it is done.
    mine ? el("p", { class: "muted", "data-feedback-done": true, text: `You left your feedback on ${date(fb.created_at)}.` }) : null,
    el("p", {}, el("strong", { text: `${fb.rating} / 5` }), fb.text ? ` — ${fb.text}` : ""),
    fb.endorsement ? el("p", { text: `Endorsement: ${fb.endorsement}` }) : null,
    fb.endorsed_skills.length ? el("p", { class: "small", text: `Endorsed skills: ${fb.endorsed_skills.map((s) => s.name).join(", ")}` }) : null,
    Object.keys(fb.competencies).length ? el("p", { class: "small muted", text: Object.entries(fb.competencies).map(([k, v]) => `${competencyName(e, k)}: ${v} / 5`).join("\u00a0· ") }) : null);
}

const LEVELS = { 5: "excellent", 4: "good", 3: "fine", 2: "poor", 1: "very poor" };

function feedbackForm(e, config) {
  // No default: a rating is a choice the person makes, never a pre-filled 5.
  const rating = el("select", { id: "fb-rating", name: "rating", required: true },
    el("option", { value: "", text: "Choose a rating" }),
    ["5", "4", "3", "2", "1"].map((v) => el("option", { value: v, text: `${v} — ${LEVELS[v]}` })));
  const text = el("textarea", { id: "fb-text", name: "text", rows: "3", maxlength: textLimit(config, "feedback.text") });
  const fields = [field("Overall rating", rating), field("What went well, what could be better", text)];
  const competencySelects = [];
  let endorsement;
  if (e.viewer_role === "mentor") {
    const grid = el("div", { class: "competency-grid" });
    for (const c of e.competency_choices) {
      const select = el("select", { id: `c-${c.slug}`, name: c.slug },
        el("option", { value: "", text: "Did not see it" }), ["5", "4", "3", "2", "1"].map((v) => el("option", { value: v, text: `${v} — ${LEVELS[v]}` })));
      competencySelects.push(select);
      grid.append(field(c.name, select));
    }
    // Optional and folded: eight drop-downs are a lot to meet unasked. Their career office
    // reports these (the NACE career-readiness competencies), so they stay one click away.
    fields.push(el("details", { class: "field competency-details", "data-competencies": true },
      el("summary", { text: "Rate career-readiness (optional)" }),
      el("p", { class: "helptext", text: "How ready for work did they show themselves? Rate only what you saw; universities use these ratings to help their students grow." }),
      grid));
    if (e.task_skills.length) {
      fields.push(el("fieldset", { class: "field" }, el("legend", { text: "Endorse skills you saw in action" }),
        e.task_skills.map((s) => el("div", { class: "check" },
          el("input", { type: "checkbox", id: `es-${s.id}`, name: "endorsed_skill_ids", value: String(s.id) }),
          el("label", { for: `es-${s.id}`, text: s.name })))));
    }
    endorsement = el("input", { id: "fb-endorsement", name: "endorsement", maxlength: textLimit(config, "feedback.endorsement") });
    fields.push(field("Endorsement (shown on their profile)", endorsement, "One sentence others will read on the drafter's profile."));
  }
  return actionForm({
    action: "feedback",
    title: "Leave feedback",
    fields,
    submit: "Submit feedback",
    check: () => (rating.value ? null : { fields: { rating: ["Choose a rating from 1 to 5."] } }),
    onSubmit: (form) => api(`engagements/${id}/feedback/`, { method: "POST", body: {
      rating: Number(rating.value),
      text: text.value,
      competencies: Object.fromEntries(competencySelects.filter((s) => s.value).map((s) => [s.name, Number(s.value)])),
      endorsed_skill_ids: [...form.querySelectorAll("[name=endorsed_skill_ids]:checked")].map((i) => Number(i.value)),
      endorsement: endorsement ? endorsement.value : "",
    } }),
  });
}

function renderFeedback(e, meId, allowed, config) {
  const fb = e.feedback || {};
  const revealDays = config ? ` (or ${config.feedback_reveal_days} days after completion)` : "";
  fill($("[data-feedback]"),
    fb.mine ? feedbackView(fb.mine, "Your feedback", e, true) : null,
    !fb.mine && allowed.has("feedback") ? feedbackForm(e, config) : null,
    fb.theirs ? feedbackView(fb.theirs, "Their feedback", e) : null,
    !fb.theirs && fb.theirs_written ? el("p", { class: "muted", text: `They have written feedback. It shows once you have written yours${revealDays}.` }) : null);

  const sent = e.thanks.find((t) => t.sender_id === meId);
  const received = e.thanks.find((t) => t.receiver_id === meId);
  const parts = [];
  if (received) {
    const toggle = el("input", { type: "checkbox", id: "thanks-show", name: "shown_on_profile", checked: received.shown_on_profile });
    const toggleBox = el("div", { class: "field" }, toggle, el("label", { for: "thanks-show", text: "Show this note on my public profile" }),
      el("p", { class: "muted small", role: "status", "data-toggle-result": true }));
    toggle.addEventListener("change", async () => {
      try {
        await api(`thanks/${received.id}/show/`, { method: "POST", body: { shown_on_profile: toggle.checked } });
        const me = e.viewer_role === "mentor" ? e.mentor : e.drafter;
        announce(toggleBox.querySelector("[data-toggle-result]"), toggle.checked ? "Shown on your public profile." : "Hidden from your public profile.",
          { href: `/u/${me.handle}/`, text: "See your profile" });
      } catch (error) {
        toggle.checked = !toggle.checked;
        showErrors(toggleBox, error);
      }
    });
    parts.push(el("blockquote", { class: "thanks-note", text: received.body }), toggleBox);
  }
  if (sent) parts.push(el("p", { class: "muted", text: `You said thanks: “${sent.body}”` }));
  else if (allowed.has("thanks")) {
    const body = el("textarea", { id: "thanks-body", name: "body", rows: "3", maxlength: textLimit(config, "thanks.body") });
    parts.push(actionForm({ action: "thanks", fields: [field("Send a thank-you note", body, "Costs nothing, means a lot. Shown on their profile if they agree.")],
      submit: "Send thanks", secondary: true,
      onSubmit: () => api(`engagements/${id}/thanks/`, { method: "POST", body: { body: body.value } }) }));
  }
  fill($("[data-thanks]"), parts.length ? el("h3", { class: "thanks-heading", text: "Thanks" }) : null, parts);
  return Boolean(fb.mine || fb.theirs || fb.theirs_written || parts.length || allowed.has("feedback"));
}

function workActions(e, allowed, config, stipend = null) {
  const work = [];
  if (allowed.has("deliver")) {
    const upload = config && config.upload;
    work.push(actionForm({
      action: "deliver", title: "Deliver your work", multipart: true, submit: "Deliver",
      fields: [
        field("Link to the work", el("input", { id: "d-link", name: "link", type: "url", placeholder: "https://" })),
        field("Or upload a file", el("input", { id: "d-file", name: "file", type: "file", accept: upload ? upload.extensions.join(",") : null }),
          upload ? uploadLimitsText(upload) : null),
        field("Note for your mentor", el("textarea", { id: "d-note", name: "note", rows: "3", maxlength: textLimit(config, "deliverable.note") })),
      ],
      onSubmit: (data) => {
        if (!data.get("file") || !data.get("file").size) data.delete("file");
        return api(`engagements/${id}/deliverables/`, { method: "POST", body: data });
      },
    }));
  }
  if (allowed.has("approve")) {
    const box = el("form", { class: "action-form", novalidate: true }, el("h3", { text: "Approve the work" }),
      el("p", { class: "field-error", "data-form-error": true, tabindex: "-1", hidden: true }), showableFields("a", "private", config));
    box.addEventListener("submit", (event) => event.preventDefault());  // the button below acts
    box.append(el("button", { type: "button", text: "Approve the work", onclick: async () => {
      // A missing or past date is said beside its field first: no dialog about money for a
      // form the server would refuse anyway.
      const problem = showableProblem(box);
      if (problem) { showErrors(box, problem); return; }
      // The dialog names what is decided: the money and to whom, and what may be shown.
      const paid = e.task && e.task.stipend_amount;
      const name = e.drafter.display_name || e.drafter.handle;
      const shown = showableChoiceLabel(showableBody(box).showable);
      const payout = stipend && stipend.payout_amount ? money(stipend.payout_amount, stipend.currency) : null;
      const asked = await confirmAct({
        title: payout ? `Release ${payout} to ${name} and record the work as “${shown}”?` : `Approve ${name}'s work and record it as “${shown}”?`,
        confirm: "Approve",
        body: paid ? "Approving releases the stipend to the drafter and adds the work to their verified experience. This cannot be undone." : "Approving completes the engagement and adds it to the drafter's verified experience. This cannot be undone." });
      if (!asked) return;
      try {
        await api(`engagements/${id}/approve/`, { method: "POST", body: showableBody(box) });
        await render();
        announce($("[data-flash]"), DONE.approve, nextStep("approve"));
      } catch (error) { showErrors(box, error); }
    } }));
    work.push(box);
  }
  if (allowed.has("request_revision")) {
    work.push(actionForm({
      action: "request_revision", title: "Or ask for a revision", submit: "Request revision", secondary: true,
      fields: [field("What should change?", el("textarea", { id: "r-comment", name: "comment", rows: "3", maxlength: textLimit(config, "revision.comment") }))],
      onSubmit: (form) => api(`engagements/${id}/request-revision/`, { method: "POST", body: { comment: form.elements.comment.value } }),
    }));
  }
  // What happens next, when the viewer has nothing to do right now.
  if (!work.length && e.state === "awaiting_funding") work.push(el("p", { class: "muted", text: e.viewer_role === "mentor" ? "Work starts once you have funded the stipend." : "Work starts once the mentor has funded the stipend." }));
  if (!work.length && e.state === "delivered") work.push(el("p", { class: "muted", text: e.viewer_role === "mentor" ? "Delivered — your review is next." : "Delivered — waiting for your mentor to review." }));
  return work;
}

async function render() {
  let e;
  let stipend;
  try {
    e = await api(`engagements/${id}/`);
    stipend = await loadStipend(e);
    // Funding and activation commit together; a stipend already funded means the engagement
    // read a moment earlier is out of date (the webhook landed between the two requests).
    if (stipend && stipend.state === "funded" && e.state === "awaiting_funding") e = await api(`engagements/${id}/`);
  } catch (error) {
    showLoadError(error, $("[data-status]"));
    return;
  }
  const config = await siteConfig();
  current = e;
  const allowed = new Set(e.allowed_actions || []);
  const mentorView = e.viewer_role === "mentor";
  const meId = mentorView ? e.mentor.id : e.drafter.id;
  const other = mentorView ? e.drafter : e.mentor;
  document.title = `${e.task.title} with ${other.display_name || other.handle} · Slipstream`;
  fill($("[data-title]"), e.task.title);
  $("[data-task-link]").href = `/tasks/${e.task.id}/`;
  fill($("[data-subtitle]"), stateBadge(e.state), ` You are the ${e.viewer_role}; working with ${other.display_name || other.handle}.`);
  renderStipend(root, e, stipend, { allowed, config });
  // The drafter's finishing moment: approved work is verified experience worth sharing.
  if (e.state === "completed" && !mentorView) {
    shareCard(id).then((card) => { fill($("[data-share-slot]"), card); $("[data-share-slot]").hidden = !card; });
  }
  fill($("[data-timeline]"), timeline(e, stipend));
  fill($("[data-deliverables]"), e.deliverables.length ? e.deliverables.map(deliverableItem)
    : el("li", { class: "muted", text: allowed.has("deliver") ? "Nothing delivered yet. When your work is ready, add a link or a file below." : "Nothing delivered yet." }));
  fill($("[data-work-actions]"), workActions(e, allowed, config, stipend));
  $("[data-feedback-section]").hidden = !renderFeedback(e, meId, allowed, config);
  renderShowable($("[data-showable-section]"), e, allowed, async (message) => {
    await render();
    announce($("[data-flash]"), message);
  }, config);

  fill($("[data-cancel-box]"), allowed.has("cancel") ? el("details", { class: "card section-tight" }, el("summary", { text: "Cancel this engagement" }),
    actionForm({ action: "cancel", fields: [field("Reason (the other person will see it)", el("textarea", { id: "c-reason", name: "reason", rows: "2", maxlength: textLimit(config, "cancel.reason") }),
      stipend && stipend.state === "funded" ? (mentorView ? "The stipend you paid comes back to your card in full." : "The stipend already paid goes back to the mentor's card in full.") : null)],
      submit: "Cancel engagement", secondary: true,
      confirm: { title: "Cancel this engagement?", body: "The other person is told, and the work stops. This cannot be undone.", confirm: "Cancel the engagement", danger: true },
      onSubmit: (form) => api(`engagements/${id}/cancel/`, { method: "POST", body: { reason: form.elements.reason.value } }) })) : null);
  $("[data-status]").hidden = true;
  $("[data-engagement]").hidden = false;
  checkout.update(e);
  const canSend = allowed.has("message");
  if (threadCanSend !== canSend) {
    threadCanSend = canSend;
    await mountThread($("[data-thread]"), `engagements/${id}/messages/`, { canSend });
  }
}

// A link from a notice (/engagements/<id>/#feedback-heading) names a section drawn only now.
render().then(() => {
  const target = window.location.hash && document.getElementById(window.location.hash.slice(1));
  if (target && !target.closest("[hidden]")) target.scrollIntoView();
});
