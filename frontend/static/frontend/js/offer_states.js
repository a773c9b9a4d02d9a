// An offer's state as a labelled badge (pending, accepted, declined, withdrawn, expired).
import { el } from "./ui.js";

const LABELS = {
  pending: ["Waiting for an answer", "badge-warning"],
  accepted: ["Accepted", "badge-success"],
  declined: ["Declined", "badge-muted"],
  withdrawn: ["Withdrawn", "badge-muted"],
  expired: ["Closed without an answer", "badge-muted"],
};

// Who a pending offer waits for, in the same words on the list and the detail page:
// `toYou` (the reader is the mentor it was sent to) or `waitingOn` (the mentor's name, for the
// drafter who sent it).
function pendingLabel(toYou, waitingOn) {
  if (toYou) return "Waiting for your answer";
  if (waitingOn) return `Waiting for ${waitingOn}’s answer`;
  return LABELS.pending[0];
}

export function offerStateBadge(state, { toYou = false, waitingOn = null } = {}) {
  const [label, cls] = state === "pending" ? [pendingLabel(toYou, waitingOn), "badge-warning"] : LABELS[state] || [state, ""];
  return el("span", { class: `badge ${cls}`.trim() }, el("span", { class: "visually-hidden", text: "State: " }), label);
}
