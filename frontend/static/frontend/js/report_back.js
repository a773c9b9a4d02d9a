// /engagements/<id>/report-back/: POST /api/v1/engagements/<id>/report-back/ and list both sides'.
import { api, clearErrors, showErrors, showLoadError } from "./api.js";
import { date, el } from "./ui.js";

const root = document.querySelector("[data-report-back]");
const id = root.dataset.engagementId;
const form = root.querySelector("[data-report-form]");
const status = root.querySelector("[data-status]");
const list = root.querySelector("[data-reports]");
const LABELS = { introduction: "An introduction", referral: "A referral", repeat_work: "Repeat work", job_offer: "A job or internship offer" };

async function load() {
  try {
    const rows = await api(`engagements/${id}/report-back/`);
    list.replaceChildren(...rows.map((r) => el("li", { class: "card" },
      el("p", { text: r.outcomes.map((o) => LABELS[o]).join(", ") || "No outcome picked" }),
      r.note ? el("blockquote", { text: r.note }) : null,
      el("p", { class: "muted small", text: date(r.created_at) }))));
  } catch (error) {
    showLoadError(error);
  }
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(form);
  const outcomes = [...form.querySelectorAll("input[name=outcomes]:checked")].map((i) => i.value);
  try {
    const body = { outcomes, note: form.elements.note.value, share_with_mentor: form.elements.share_with_mentor.checked };
    await api(`engagements/${id}/report-back/`, { method: "POST", body });
    status.textContent = "Thank you — sent.";
    form.hidden = true;
    load();
  } catch (error) {
    showErrors(form, error);
  }
});

// Only the drafter is asked whether the mentor may see the report in their impact letter.
api(`engagements/${id}/`).then((engagement) => {
  root.querySelector("[data-share-field]").hidden = engagement.viewer_role !== "drafter";
}).catch(() => {});

load();
