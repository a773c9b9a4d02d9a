// What both office pages share (the viewer's office, the jump menu) and, for /careers/settings/,
// colleagues, invitations and API keys. Each card answers in its own status line (data-say),
// next to what was done; acts that cannot be undone ask first.
import { api, sendForm } from "./api.js";
import { confirmAct } from "./dialog.js";
import { MONTHS, date, dateTime, el } from "./ui.js";

// The viewer's offices (institutions/): the live one if any, else the one waiting for approval,
// and whether the viewer is its admin. `office` is null for someone who is not staff anywhere.
export async function officeOfViewer() {
  const mine = await api("institutions/");
  const live = mine.find((m) => m.status === "approved") || null;
  const office = live || mine[0] || null;
  if (live) welcomeJoined(live);
  return { mine, live, office, admin: office?.viewer_role === "admin" };
}

// Just after accepting an invitation (/careers/?joined=…): the success banner says what they
// joined, as what (the office's own answer, not the URL's), once; the address bar drops the
// marker, so the page's status line has nothing more to say about it.
function welcomeJoined(office) {
  const banner = document.querySelector("[data-joined]");
  const url = new URL(location.href);
  if (!banner || !url.searchParams.has("joined")) return;
  url.searchParams.delete("joined");
  history.replaceState(null, "", url);
  const role = office.viewer_role === "admin" ? "an admin" : "a viewer";
  banner.textContent = `You joined ${office.name}'s career office as ${role}.`;
  banner.hidden = false;
}

// A jump to a heading lands it below the sticky menu (one line, but its height varies with the
// text size): the page keeps --jump-height at the menu's height.
export function keepJumpHeight(root, menu) {
  const set = () => root.style.setProperty("--jump-height", `${Math.ceil(menu.getBoundingClientRect().height)}px`);
  new ResizeObserver(set).observe(menu);
  set();
}

// The message of the card `name` (colleagues, invitations, keys, featured); errors stand out.
export function say(name, text, { error = false } = {}) {
  const line = document.querySelector(`[data-say="${name}"]`);
  if (!line) return;
  line.textContent = text;
  line.classList.toggle("is-error", error);
}

const INVITATION_WORDS = { pending: "Waiting for an answer", accepted: "Accepted", expired: "Expired", revoked: "Withdrawn", declined: "Declined" };
const ROLE_WORDS = { admin: "Admin", viewer: "Viewer" };

// Whether `email` is on none of the office's domains (a subdomain counts as inside): the
// server's own rule for asking before an invitation is sent, shown again on the rows after.
export function outsideDomains(email, domains) {
  const host = (email.split("@").pop() || "").toLowerCase();
  return !(domains || []).some((d) => {
    const domain = d.toLowerCase().trim().replace(/^@/, "");
    return host === domain || host.endsWith(`.${domain}`);
  });
}

function outsideTag(email, domains) {
  return outsideDomains(email, domains) ? el("span", { class: "badge badge-warning", "data-outside-domains": true, text: "outside your domains" }) : null;
}

// A row's action: a short visible word, so row details do not wrap into fragments, with the
// full act (whose row it acts on) as its accessible name.
function rowButton(text, label, onclick, className = "button-secondary button-small") {
  return el("button", { type: "button", class: className, text, "aria-label": label, onclick });
}

function roleBadge(role) {
  return el("span", { class: "badge badge-muted", text: ROLE_WORDS[role] || role });
}

// Why a row has no Remove or role menu, said once under the list.
function colleagueNote({ admin, pending }) {
  if (!admin) return "";
  if (pending) return "Roles and removals open once Slipstream approves your office; until then everyone you invite keeps the role you gave them.";
  return ""; // the only admin's own row says why it has no role menu (colleagueRow)
}

function colleagueRow(c, { admin, manageable, onlyAdmin, reload, domains }) {
  const name = c.is_you ? `${c.name} (you)` : c.name;
  const remove = async () => {
    const ok = await confirmAct({
      title: c.is_you ? "Leave this office?" : `Remove ${c.name}?`, danger: true,
      body: c.is_you ? "You lose access to the dashboard straight away; an admin can invite you again." : `${c.name} loses access to the dashboard straight away; you can invite them again.`,
      confirm: c.is_you ? "Leave the office" : `Remove ${c.name}`,
    });
    if (!ok) return;
    try {
      await api(`careers/institution/staff/${c.id}/`, { method: "DELETE" });
      if (c.is_you) { location.assign("/dashboard/"); return; } // the office is no longer yours to see
      await reload();
      say("colleagues", `${c.name} was removed from the office.`);
    } catch (error) { say("colleagues", error.message, { error: true }); }
  };
  const roleMenu = el("select", { id: `role-${c.id}`, onchange: async (change) => {
    try {
      await api(`careers/institution/staff/${c.id}/`, { method: "PATCH", body: { role: change.target.value } });
      say("colleagues", `${c.name} is now ${ROLE_WORDS[change.target.value].toLowerCase()}.`);
    } catch (error) {
      say("colleagues", error.message, { error: true });
      await reload();
    }
  } }, ...["viewer", "admin"].map((r) => el("option", { value: r, text: ROLE_WORDS[r], selected: c.role === r })));
  return el("li", { class: "row-card", "data-colleague": c.email },
    el("span", {}, el("strong", { text: name }), " ", el("span", { class: "muted small", text: c.email }), " ", outsideTag(c.email, domains)),
    admin && manageable ? el("label", { class: "visually-hidden", for: `role-${c.id}`, text: `Role of ${c.name}` }) : null,
    admin && manageable ? roleMenu : roleBadge(c.role),
    admin && manageable ? (c.is_you ? rowButton("Leave", "Leave the office", remove) : rowButton("Remove", `Remove ${c.name}`, remove)) : null,
    // Beside the role it explains: why the only admin's row has no role menu or Leave.
    admin && c === onlyAdmin ? el("span", { class: "muted small", "data-only-admin": true, text: c.is_you
      ? "Only admin — make a colleague admin before you step down"
      : "Only admin — make another colleague admin before changing this role" }) : null);
}

function invitationRow(i, reload, domains) {
  const withdraw = async () => {
    const ok = await confirmAct({
      title: `Withdraw the invitation to ${i.email}?`, danger: true,
      body: "The link in their e-mail stops working. You can invite them again later.",
      confirm: "Withdraw the invitation",
    });
    if (!ok) return;
    try {
      await api(`careers/invitations/${i.id}/`, { method: "DELETE" });
      await reload();
      say("invitations", `The invitation to ${i.email} is withdrawn.`);
    } catch (error) { say("invitations", error.message, { error: true }); }
  };
  return el("li", { class: "row-card", "data-invitation": i.email },
    el("span", {}, el("strong", { text: i.accepted_by || i.email }), " ", el("span", { class: "muted small", text: `${i.accepted_by ? `${i.email} · ` : ""}${ROLE_WORDS[i.role] || i.role} · sent ${date(i.created_at)} by ${i.invited_by || "a colleague"}` }),
      " ", outsideTag(i.email, domains)),
    el("span", { class: `badge ${i.state === "accepted" ? "badge-success" : i.state === "pending" ? "badge-warning" : "badge-muted"}`, text: INVITATION_WORDS[i.state] || i.state }),
    i.allowed_actions.includes("revoke") ? rowButton("Withdraw", `Withdraw the invitation to ${i.email}`, withdraw) : null);
}

// "asked 7 Dec": only recent requests are listed, so the year would only be noise.
function asked(value) {
  const d = new Date(value);
  return `asked ${d.getDate()} ${MONTHS[d.getMonth()]}`;
}

// Invite fills the invite form below (the role is the admin's choice, and an address off the
// office's domains is asked about there, as for any invitation); Dismiss asks first.
function requestRow(r, reload) {
  const fill = () => {
    const form = document.querySelector("[data-invite-form]");
    form.email.value = r.email;
    form.role.value = "viewer";
    say("invitations", `${r.name} asked to join: choose their role, then press Send invitation.`);
    form.role.focus();
  };
  const dismiss = async () => {
    const ok = await confirmAct({
      title: `Dismiss ${r.name}'s request?`,
      body: `The request leaves this list and every admin's notifications. ${r.name} is not told; they may ask again after a day.`,
      confirm: "Dismiss the request",
    });
    if (!ok) return;
    try {
      await api(`careers/access-requests/${r.id}/`, { method: "DELETE" });
      await reload();
      say("requests", `${r.name}'s request is dismissed.`);
    } catch (error) { say("requests", error.message, { error: true }); }
  };
  const details = r.name === r.email ? asked(r.asked_at) : `${r.email} · ${asked(r.asked_at)}`;
  return el("li", { class: "row-card", "data-request": r.email },
    el("span", {}, el("strong", { text: r.name }), " ", el("span", { class: "muted small", text: details })),
    rowButton("Invite", `Invite ${r.name}`, fill),
    rowButton("Dismiss", `Dismiss ${r.name}'s request`, dismiss));
}

// The office's waiting join requests (admins of a live office; a viewer sees none).
async function loadRequests(reload) {
  const requests = await api("careers/access-requests/");
  document.querySelector("[data-request-list]").replaceChildren(...requests.map((r) => requestRow(r, reload)));
  document.querySelector("[data-requests]").hidden = !requests.length;
}

// Colleagues (with roles and removal for admins of a live office) and, for admins, invitations
// and join requests.
export async function loadColleagues({ admin, pending }) {
  const reload = () => loadColleagues({ admin, pending });
  const office = await api("careers/institution/");
  const admins = office.staff.filter((c) => c.role === "admin");
  const onlyAdmin = admins.length === 1 ? admins[0] : null;
  document.querySelector("[data-colleague-list]").replaceChildren(...office.staff.map((c) =>
    colleagueRow(c, { admin, manageable: !pending && c !== onlyAdmin, onlyAdmin: pending ? null : onlyAdmin, reload, domains: office.email_domains })));
  const note = document.querySelector("[data-colleague-note]");
  note.textContent = colleagueNote({ admin, pending });
  note.hidden = !note.textContent;
  const list = document.querySelector("[data-invitation-list]");
  if (!admin) { list.replaceChildren(el("li", { class: "muted", text: "Your office's admins invite colleagues." })); return; }
  // An accepted invitation is a colleague now, listed above: only the others are listed here.
  if (!pending) await loadRequests(reload);
  const invitations = (await api("careers/invitations/")).results.filter((i) => i.state !== "accepted");
  list.replaceChildren(...(invitations.length ? invitations.map((i) => invitationRow(i, reload, office.email_domains))
    : [el("li", { class: "muted", text: "No invitations waiting for an answer." })]));
}

async function inviteAnyway(body, title) {
  const sure = await confirmAct({
    title,
    body: `The invitation gives ${body.email} access to your office's dashboard as ${body.role === "admin" ? "an admin" : "a viewer"}. Check the address before sending.`,
    confirm: "Invite anyway", safeFirst: true,
  });
  if (!sure) say("invitations", `Not sent: check the address ${body.email}.`);
  return sure;
}

// `domains`: the office's e-mail domains (institutions/ gives them before the form shows).
export async function invite(event, { pending, domains }) {
  event.preventDefault();
  const form = event.target;
  await sendForm(form, async () => {
    const body = { email: form.email.value.trim(), role: form.role.value };
    // An address off the office's domains is often a typo or a personal address: ask first,
    // from the domains already read, so the expected answer is no refused request. The server
    // still refuses (409) an unconfirmed one; that answer leads to the same question.
    if (domains?.length && body.email.includes("@") && outsideDomains(body.email, domains)) {
      if (!await inviteAnyway(body, `${body.email} is not at ${domains.join(" or ")}. Invite anyway?`)) return;
      body.confirm_outside_domains = true;
    }
    let made;
    try {
      made = await api("careers/invitations/", { method: "POST", body });
    } catch (error) {
      if (error.code !== "invitee_outside_office_domains") throw error;
      if (!await inviteAnyway(body, error.message)) return;
      made = await api("careers/invitations/", { method: "POST", body: { ...body, confirm_outside_domains: true } });
    }
    form.reset();
    await loadColleagues({ admin: true, pending });
    say("invitations", `Invitation sent to ${made.email}.`);
  });
}

// A new key's secret is shown once, right after creating it; any later key action (revoking it or
// another key, creating the next) takes it off the screen, so a revoked secret never lingers.
export function hideNewKey() {
  const panel = document.querySelector("[data-new-key]");
  panel.hidden = true;
  panel.querySelector("[data-new-key-value]").textContent = "";
  panel.querySelector("[data-copy-status]").textContent = "";
}

export async function loadKeys() {
  const keys = await api("careers/keys/");
  const body = document.querySelector("[data-keys]");
  if (!keys.length) {
    body.replaceChildren(el("tr", {}, el("td", { colspan: 5, text: "No keys yet." })));
    return;
  }
  const revoke = async (k) => {
    const ok = await confirmAct({
      title: `Revoke the key “${k.name}”?`, danger: true,
      body: "Systems using it stop syncing at their next request. This cannot be undone; you can create a new key.",
      confirm: `Revoke ${k.name}`,
    });
    if (!ok) return;
    try {
      await api(`careers/keys/${k.id}/`, { method: "DELETE" });
      hideNewKey();
      await loadKeys();
      say("keys", `Key “${k.name}” revoked.`);
    } catch (error) { say("keys", error.message, { error: true }); }
  };
  body.replaceChildren(...keys.map((k) => el("tr", {},
    el("td", { "data-label": "Name", text: k.name }), el("td", { "data-label": "Prefix" }, el("code", { text: k.prefix })),
    el("td", { "data-label": "Last used", text: k.last_used_at ? dateTime(k.last_used_at) : "Never" }),
    el("td", { "data-label": "Status", text: k.revoked_at ? "Revoked" : k.usable ? "Active" : "Expired" }),
    el("td", { class: "row-actions" }, k.revoked_at ? null : rowButton("Revoke", `Revoke ${k.name}`, () => revoke(k), "button-danger button-small")))));
}
