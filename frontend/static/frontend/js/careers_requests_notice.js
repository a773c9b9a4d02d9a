// /careers/: an admin with people asking to join the office hears of it on the dashboard itself,
// not only by the bell, the e-mail and Office settings → Colleagues, where requests are answered.
// Admins of a live office only (the caller checks the role first, so a viewer's page asks
// nothing more); a failed read leaves the notice hidden and the dashboard as it was.
// Data: careers/access-requests/.
import { api } from "./api.js";

// "Kim Lee asked to join your office." / "3 people asked to join your office."
export function requestsWords(requests) {
  if (requests.length === 1) return `${requests[0].name} asked to join your office.`;
  return `${requests.length} people asked to join your office.`;
}

export async function showJoinRequests(root) {
  const notice = root.querySelector("[data-join-requests]");
  let requests;
  try {
    requests = await api("careers/access-requests/");
  } catch {
    return; // the bell and Office settings still tell them; the figures matter more here
  }
  if (!Array.isArray(requests) || !requests.length) return;
  notice.querySelector("[data-join-requests-text]").textContent = requestsWords(requests);
  notice.hidden = false;
}
