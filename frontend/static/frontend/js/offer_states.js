// An offer's state as a labelled badge (pending, accepted, declined, withdrawn, expired).
import { el } from "./ui.js";

const LABELS = {
  pending: ["Waiting for an answer", "badge-warning"],
  accepted: ["Accepted", "badge-success"],
  declined: ["Declined", "badge-muted"],
  withdrawn: ["Withdrawn", "badge-muted"],
  expired: ["Closed without an answer", "badge-muted"],
};

// `toYou`: the reader is the mentor the offer was sent to, so a pending one waits for them.
export function offerStateBadge(state, { toYou = false } = {}) {
  const [label, cls] = toYou && state === "pending" ? ["Waiting for your answer", "badge-warning"] : LABELS[state] || [state, ""];
  return el("span", { class: `badge ${cls}`.trim() }, el("span", { class: "visually-hidden", text: "State: " }), label);
}
