// /engagements/<id>/: timeline, deliverables, approve / revise, feedback, thanks, messages.
import { api, showErrors, showLoadError } from "./api.js";
import { checkoutReturn, loadStipend, renderStipend, stipendTimeline } from "./engagement_stipend.js";
import { dateTime, el, mountThread, stateBadge } from "./ui.js";

const root = document.querySelector("[data-engagement-page]");
const id = root.dataset.engagementId;
const $ = (sel) => root.querySelector(sel);
let threadMounted = false;
const checkout = checkoutReturn(root, id, () => render());

function field(label, control, help) {
  const helpNode = help ? el("p", { class: "helptext", id: `${control.id}-help`, text: help }) : null;
  if (help) control.setAttribute("aria-describedby", `${control.id}-help`);
  return el("div", { class: "field" }, el("label", { for: control.id, text: label }), control, helpNode);
}

function actionForm({ title, fields, submit, onSubmit, secondary = false, multipart = false }) {
  const form = el("form", { class: "action-form", novalidate: true },
    title ? el("h3", { text: title }) : null,
    el("p", { class: "field-error", "data-form-error": true, tabindex: "-1", hidden: true }),
    ...fields,
    el("button", { type: "submit", class: secondary ? "button-secondary" : "", text: submit }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await onSubmit(multipart ? new FormData(form) : form);
      await render();
    } catch (error) {
      showErrors(form, error);
    }
  });
  return form;
}

function timeline(e, stipend) {
  const items = [[e.created_at, "Application accepted"], ...stipendTimeline(stipend)];
  if (e.started_at) items.push([e.started_at, "Work started"]);
  for (const d of e.deliverables) {
    items.push([d.created_at, "Work delivered"]);
    if (d.revision_requested_at) items.push([d.revision_requested_at, "Revision requested"]);
  }
  if (e.completed_at) items.push([e.completed_at, "Approved — verified experience added"]);
  if (e.cancelled_at) items.push([e.cancelled_at, `Cancelled: ${e.cancel_reason}`]);
  // Stable sort by time: same-moment entries keep their logical order.
  items.sort((a, b) => new Date(a[0]) - new Date(b[0]));
  if (e.state === "awaiting_funding") items.push([null, "Waiting for the mentor to fund the stipend"]);
  return items.map(([when, what]) => el("li", {}, el("span", { class: "muted small", text: when ? dateTime(when) : "Next" }), el("span", { text: what })));
}

function deliverableItem(d, index) {
  return el("li", { class: "deliverable" },
    el("p", {}, el("strong", { text: `Delivery ${index + 1}` }), el("span", { class: "muted small", text: ` · ${dateTime(d.created_at)}` })),
    d.link ? el("p", {}, el("a", { href: d.link, rel: "noopener noreferrer", text: d.link })) : null,
    d.file_url ? el("p", {}, el("a", { href: d.file_url, text: `Download ${d.file_name}` })) : null,
    d.note ? el("p", { class: "note", text: d.note }) : null,
    d.revision_comment ? el("p", { class: "flash" }, el("strong", { text: "Revision requested: " }), d.revision_comment) : null);
}

function feedbackView(fb, label) {
  return el("div", { class: "feedback" },
    el("h3", { text: label }),
    el("p", {}, el("strong", { text: `${fb.rating} / 5` }), fb.text ? ` — ${fb.text}` : ""),
    fb.endorsement ? el("p", { text: `Endorsement: ${fb.endorsement}` }) : null,
    fb.endorsed_skills.length ? el("p", { class: "small", text: `Endorsed skills: ${fb.endorsed_skills.map((s) => s.name).join(", ")}` }) : null,
    Object.keys(fb.competencies).length ? el("p", { class: "small muted", text: Object.entries(fb.competencies).map(([k, v]) => `${k.replace(/_/g, " ")}: ${v}`).join(" · ") }) : null);
}

function feedbackForm(e) {
  const rating = el("select", { id: "fb-rating", name: "rating", required: true },
    ["5", "4", "3", "2", "1"].map((v) => el("option", { value: v, text: `${v} — ${{ 5: "excellent", 4: "good", 3: "fine", 2: "poor", 1: "very poor" }[v]}` })));
  const text = el("textarea", { id: "fb-text", name: "text", rows: "3", maxlength: "2000" });
  const fields = [field("Overall rating", rating), field("What went well, what could be better", text)];
  const competencySelects = [];
  let endorsement;
  if (e.my_role === "mentor") {
    const grid = el("div", { class: "competency-grid" });
    for (const c of e.competency_choices) {
      const select = el("select", { id: `c-${c.slug}`, name: c.slug },
        el("option", { value: "", text: "Not observed" }), ["5", "4", "3", "2", "1"].map((v) => el("option", { value: v, text: v })));
      competencySelects.push(select);
      grid.append(field(c.name, select));
    }
    fields.push(el("fieldset", { class: "field" }, el("legend", { text: "Career-readiness competencies (NACE), 1–5" }), grid));
    if (e.task_skills.length) {
      fields.push(el("fieldset", { class: "field" }, el("legend", { text: "Endorse skills you saw in action" }),
        e.task_skills.map((s) => el("div", { class: "check" },
          el("input", { type: "checkbox", id: `es-${s.id}`, name: "endorsed_skill_ids", value: String(s.id) }),
          el("label", { for: `es-${s.id}`, text: s.name })))));
    }
    endorsement = el("input", { id: "fb-endorsement", name: "endorsement", maxlength: "300" });
    fields.push(field("Endorsement (shown on their profile)", endorsement, "One sentence others will read on the drafter's profile."));
  }
  return actionForm({
    title: "Leave feedback",
    fields,
    submit: "Submit feedback",
    onSubmit: (form) => api(`engagements/${id}/feedback/`, { method: "POST", body: {
      rating: Number(rating.value),
      text: text.value,
      competencies: Object.fromEntries(competencySelects.filter((s) => s.value).map((s) => [s.name, Number(s.value)])),
      endorsed_skill_ids: [...form.querySelectorAll("[name=endorsed_skill_ids]:checked")].map((i) => Number(i.value)),
      endorsement: endorsement ? endorsement.value : "",
    } }),
  });
}

function renderFeedback(e, meId) {
  const box = $("[data-feedback]");
  const fb = e.feedback;
  const parts = [];
  if (fb.mine) parts.push(feedbackView(fb.mine, "Your feedback"));
  else parts.push(feedbackForm(e));
  if (fb.theirs) parts.push(feedbackView(fb.theirs, "Their feedback"));
  else if (fb.theirs_written) parts.push(el("p", { class: "muted", text: "They have written feedback. It shows once you have written yours (or 14 days after completion)." }));
  box.replaceChildren(...parts);

  const thanksBox = $("[data-thanks]");
  const sent = e.thanks.find((t) => t.sender_id === meId);
  const received = e.thanks.find((t) => t.receiver_id === meId);
  const thanksParts = [el("h3", { text: "Thanks" })];
  if (received) {
    const toggle = el("input", { type: "checkbox", id: "thanks-show", checked: received.shown_on_profile });
    toggle.addEventListener("change", async () => {
      await api(`thanks/${received.id}/show/`, { method: "POST", body: { shown_on_profile: toggle.checked } });
    });
    thanksParts.push(el("blockquote", { class: "thanks-note", text: received.body }),
      el("div", { class: "field" }, toggle, el("label", { for: "thanks-show", text: "Show this note on my public profile" })));
  }
  if (sent) thanksParts.push(el("p", { class: "muted", text: `You said thanks: “${sent.body}”` }));
  else {
    const body = el("textarea", { id: "thanks-body", name: "body", rows: "3", maxlength: "1000" });
    thanksParts.push(actionForm({ fields: [field("Send a thank-you note", body, "Costs nothing, means a lot. Shown on their profile if they agree.")],
      submit: "Send thanks", secondary: true,
      onSubmit: () => api(`engagements/${id}/thanks/`, { method: "POST", body: { body: body.value } }) }));
  }
  thanksBox.replaceChildren(...thanksParts);
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
    $("[data-status]").textContent = error.status === 404 ? "This engagement does not exist or is not yours." : error.message;
    return;
  }
  const meId = e.my_role === "mentor" ? e.mentor.id : e.drafter.id;
  const other = e.my_role === "mentor" ? e.drafter : e.mentor;
  $("[data-title]").replaceChildren(el("a", { href: `/tasks/${e.task.id}/`, text: e.task.title }));
  $("[data-subtitle]").replaceChildren(stateBadge(e.state), ` You are the ${e.my_role}; working with ${other.display_name || other.handle}.`);
  renderStipend(root, e, stipend);
  $("[data-timeline]").replaceChildren(...timeline(e, stipend));
  $("[data-deliverables]").replaceChildren(...(e.deliverables.length ? e.deliverables.map(deliverableItem)
    : [el("li", { class: "muted", text: e.my_role === "drafter" ? "Nothing delivered yet. When your work is ready, add a link or a file below." : "Nothing delivered yet." })]));

  const work = [];
  if (e.my_role === "drafter" && e.state === "active") {
    work.push(actionForm({
      title: "Deliver your work", multipart: true, submit: "Deliver",
      fields: [
        field("Link to the work", el("input", { id: "d-link", name: "link", type: "url", placeholder: "https://" })),
        field("Or upload a file", el("input", { id: "d-file", name: "file", type: "file", accept: ".pdf,.png,.jpg,.jpeg,.webp" }), "PDF or image, up to 10 MB."),
        field("Note for your mentor", el("textarea", { id: "d-note", name: "note", rows: "3", maxlength: "2000" })),
      ],
      onSubmit: (data) => {
        if (!data.get("file") || !data.get("file").size) data.delete("file");
        return api(`engagements/${id}/deliverables/`, { method: "POST", body: data });
      },
    }));
  }
  if (e.my_role === "mentor" && e.state === "delivered") {
    const approve = el("button", { type: "button", text: "Approve the work", onclick: async () => {
      try { await api(`engagements/${id}/approve/`, { method: "POST" }); await render(); }
      catch (error) { showErrors(approve.parentElement, error); }
    } });
    work.push(el("div", { class: "action-form" }, el("p", { class: "field-error", "data-form-error": true, tabindex: "-1", hidden: true }), approve));
    work.push(actionForm({
      title: "Or ask for a revision", submit: "Request revision", secondary: true,
      fields: [field("What should change?", el("textarea", { id: "r-comment", name: "comment", rows: "3", maxlength: "2000" }))],
      onSubmit: (form) => api(`engagements/${id}/request-revision/`, { method: "POST", body: { comment: form.elements.comment.value } }),
    }));
  }
  if (e.state === "awaiting_funding") work.push(el("p", { class: "muted", text: e.my_role === "mentor" ? "Work starts once you have funded the stipend." : "Work starts once the mentor has funded the stipend." }));
  if (e.state === "delivered" && e.my_role === "drafter") work.push(el("p", { class: "muted", text: "Delivered — waiting for your mentor to review." }));
  $("[data-work-actions]").replaceChildren(...work);

  $("[data-feedback-section]").hidden = e.state !== "completed";
  if (e.state === "completed") renderFeedback(e, meId);

  const cancelBox = $("[data-cancel-box]");
  if (["awaiting_funding", "active", "delivered"].includes(e.state)) {
    cancelBox.replaceChildren(el("details", { class: "card section-tight" }, el("summary", { text: "Cancel this engagement" }),
      actionForm({ fields: [field("Reason (the other person will see it)", el("textarea", { id: "c-reason", name: "reason", rows: "2", maxlength: "1000" }),
        stipend && stipend.state === "funded" ? "The stipend already paid goes back to the mentor's card in full." : null)],
        submit: "Cancel engagement", secondary: true,
        onSubmit: (form) => api(`engagements/${id}/cancel/`, { method: "POST", body: { reason: form.elements.reason.value } }) })));
  } else {
    cancelBox.replaceChildren();
  }
  $("[data-status]").hidden = true;
  $("[data-engagement]").hidden = false;
  checkout.update(e);
  if (!threadMounted) {
    threadMounted = true;
    try {
      await mountThread($("[data-thread]"), `engagements/${id}/messages/`, api, showErrors);
    } catch (error) {
      threadMounted = false;
      showLoadError(error);
    }
  }
}

render();
