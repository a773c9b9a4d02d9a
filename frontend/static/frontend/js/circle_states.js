// A circle's state as a labelled badge (forming until 4 members, active, closed).
import { el } from "./ui.js";

const STATES = { forming: ["Forming", "badge-warning"], active: ["Active", "badge-success"], closed: ["Closed", "badge-muted"] };

export function circleBadge(state) {
  const [label, cls] = STATES[state] || [state, ""];
  return el("span", { class: `badge ${cls}` }, el("span", { class: "visually-hidden", text: "State: " }), label);
}
