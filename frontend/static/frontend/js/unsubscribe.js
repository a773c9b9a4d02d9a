// /unsubscribe/<token>/: one click from a digest e-mail posts the signed token once.
import { api } from "./api.js";

const root = document.querySelector("[data-unsubscribe]");
const status = root.querySelector("[data-status]");
const TOPICS = { saved_search_digest: "saved-search e-mails", recommendation_digest: "recommendation e-mails", nudges: "reminders" };

api(`unsubscribe/${encodeURIComponent(root.dataset.token)}/`, { method: "POST" })
  .then((body) => { status.textContent = `Done: you will get no more ${TOPICS[body.unsubscribed] || "e-mails of this kind"}.`; })
  .catch((error) => { status.textContent = error.message; });
