// /circles/<id>/: one circle for its members — people, requests with their critiques, the
// critique form, "helpful", reports, and the host's removal. Every button comes from the
// allowed_actions of the circle, a request or a critique.
import { allPages, api, clearErrors, errorText, showErrors, showLoadError, siteConfig, textLimit } from "./api.js";
import { circleBadge } from "./circle_states.js";
import { confirmAct } from "./dialog.js";
import { announce, date, el, emptyState, fill, plural } from "./ui.js";

const root = document.querySelector("[data-circle-page]");
const id = root.dataset.circleId;
const status = root.querySelector("[data-status]");
const box = root.querySelector("[data-circle]");
const notice = root.querySelector("[data-announce]");
const askForm = root.querySelector("[data-ask-form]");
const askClosed = root.querySelector("[data-ask-closed]");
let circle = null;
let hasItems = false;

function person(p) {
  return el("a", { href: `/u/${p.handle}/`, text: p.display_name });
}

async function act(path, { body, done, method = "POST" } = {}) {
  try {
    const result = await api(path, { method, body });
    if (result && result.requests) render(result); else await load();
    if (done) announce(notice, done);
    return true;
  } catch (error) {
    announce(notice, errorText(error));
    return false;
  }
}

function critiqueRow(critique) {
  const actions = [];
  if (critique.allowed_actions.includes("helpful")) {
    actions.push(el("button", { type: "button", class: "button-small", onclick: () => act(`critiques/${critique.id}/helpful/`, { done: `Marked helpful: ${critique.author.display_name} earns 1 credit.` }) }, "Mark helpful"));
  }
  if (critique.allowed_actions.includes("report")) {
    actions.push(el("button", {
      type: "button", class: "button-secondary button-small",
      onclick: async () => {
        const answer = await confirmAct({
          title: "Report this critique to site staff?", confirm: "Report",
          body: "Site staff read the critique and your reason. The author is not told who reported it.",
          field: { label: "What is wrong with it?", maxlength: textLimit(config, "critique_report.reason") },
        });
        if (answer) act(`critiques/${critique.id}/report/`, { body: { reason: answer.note || "" }, done: "Reported. Site staff will look at it." });
      },
    }, "Report"));
  }
  return el("li", { class: "critique" },
    el("p", { class: "critique-by" }, person(critique.author), el("span", { class: "muted small", text: `\u00a0· ${date(critique.created_at)}` }),
      critique.helpful ? el("span", { class: "badge badge-success", text: "Helpful" }) : null),
    el("dl", { class: "critique-parts" },
      el("dt", { text: "What works" }), el("dd", { text: critique.what_works }),
      el("dt", { text: "One thing to change" }), el("dd", { text: critique.one_change }),
      el("dt", { text: "One resource" }), el("dd", {}, /^https?:\/\/\S+$/.test(critique.resource)
        ? el("a", { href: critique.resource, rel: "noopener nofollow", target: "_blank", text: critique.resource })
        : critique.resource)),
    actions.length ? el("div", { class: "button-row" }, actions) : null);
}

function critiqueForm(request) {
  const prefix = `critique-${request.id}`;
  const field = (name, label, rows) => {
    const max = textLimit(config, `critique.${name}`);
    return el("div", { class: "field" },
      el("label", { for: `${prefix}-${name}`, text: label }),
      el("textarea", { id: `${prefix}-${name}`, name, rows: String(rows), maxlength: max, required: true }),
      max ? el("p", { class: "helptext", text: `Up to ${Number(max).toLocaleString("en-US")} characters.` }) : null);
  };
  const form = el("form", { class: "critique-form", novalidate: true },
    el("p", { class: "form-error", "data-form-error": true, tabindex: "-1", hidden: true }),
    field("what_works", "What works", 2),
    field("one_change", "One thing to change", 2),
    field("resource", "One resource that would help", 1),
    el("button", { type: "submit", text: "Send critique" }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(form);
    try {
      render(await api(`critique-requests/${request.id}/critiques/`, { method: "POST", body: Object.fromEntries(new FormData(form)) }));
      announce(notice, "Critique sent. Thank you.");
    } catch (error) {
      showErrors(form, error);
    }
  });
  return el("details", { class: "critique-details" }, el("summary", { text: "Write a critique" }), form);
}

function requestRow(request) {
  const item = request.portfolio_item;
  return el("li", { class: "card circle-request" },
    el("p", { class: "muted small" }, person(request.asker), ` asked on ${date(request.created_at)}`),
    el("h3", { class: "circle-request-title" }, item.link ? el("a", { href: item.link, rel: "noopener", target: "_blank", text: item.title }) : item.title),
    item.description ? el("p", { class: "muted", text: item.description.slice(0, 280) }) : null,
    el("blockquote", { text: request.question }),
    request.critiques.length
      ? el("ul", { class: "critiques", "aria-label": `Critiques (${request.critiques.length})` }, request.critiques.map(critiqueRow))
      : el("p", { class: "muted small", text: "No critiques yet." }),
    request.allowed_actions.includes("critique") ? critiqueForm(request) : null);
}

function memberRow(member) {
  const remove = circle.allowed_actions.includes("remove") && !member.is_host
    ? el("button", {
      type: "button", class: "button-secondary button-small",
      onclick: async () => {
        const ok = await confirmAct({ title: `Remove ${member.display_name}?`, body: "They leave the circle and cannot join it again.", confirm: "Remove", danger: true });
        if (ok) act(`circles/${id}/members/${member.handle}/remove/`, { done: `${member.display_name} was removed.` });
      },
    }, "Remove ", el("span", { class: "visually-hidden", text: member.display_name }))
    : null;
  return el("li", { class: "circle-member" },
    el("span", {}, person(member), member.is_host ? el("span", { class: "badge", text: "Host" }) : null),
    el("span", { class: "muted small", text: plural(member.critiques_given, "critique") }),
    remove);
}

function circleActions() {
  const buttons = [];
  if (circle.allowed_actions.includes("leave")) {
    buttons.push(el("button", {
      type: "button", class: "button-secondary",
      onclick: async () => {
        const ok = await confirmAct({ title: "Leave this circle?", body: "Your requests and critiques stay for the others to read.", confirm: "Leave" });
        if (ok && await act(`circles/${id}/leave/`)) window.location.assign("/circles/");
      },
    }, "Leave the circle"));
  }
  if (circle.allowed_actions.includes("close")) {
    buttons.push(el("button", {
      type: "button", class: "button-secondary",
      onclick: async () => {
        const ok = await confirmAct({ title: "Close this circle?", body: "Nobody can join or ask for critique any more; everything written stays readable to members.", confirm: "Close", danger: true });
        if (ok) act(`circles/${id}/close/`, { done: "The circle is closed." });
      },
    }, "Close the circle"));
  }
  return buttons;
}

function render(data) {
  circle = data;
  document.title = `${data.name} · Slipstream`;
  fill(root.querySelector("[data-name]"), data.name);
  fill(root.querySelector("[data-meta]"),
    el("span", { class: "badge", text: data.skill_family_label }), " ", circleBadge(data.state), " ",
    el("span", { class: "muted small", text: `${plural(data.member_count, "member")} of 8${data.institution ? `\u00a0· ${data.institution} only` : ""}` }));
  fill(root.querySelector("[data-description]"), data.description);
  fill(root.querySelector("[data-credits]"), "You have ", el("strong", { text: plural(data.credits, "credit") }), ". Asking costs 1; a critique marked helpful earns 1.");
  fill(root.querySelector("[data-circle-actions]"), circleActions());
  fill(root.querySelector("[data-members]"), data.members.map(memberRow));
  const canAsk = data.allowed_actions.includes("ask");
  // The form shows only when asking can succeed; otherwise one line says what to do first.
  let why = null;
  if (data.state === "forming") {
    why = `Critique opens once the circle has 4 members (${plural(data.member_count, "member")} so far).`;
  } else if (data.state === "closed") {
    why = "This circle is closed.";
  } else if (!canAsk) {
    why = "You have no credit left. Critique someone's work; when they mark it helpful, you earn one.";
  } else if (!hasItems) {
    why = el("span", {}, "Add a piece of work to your portfolio first, then ask about it here. ", el("a", { href: "/settings/portfolio/", text: "Your portfolio" }));
  }
  askForm.hidden = why !== null;
  askClosed.hidden = why === null;
  fill(askClosed, why);
  fill(root.querySelector("[data-requests]"), data.requests.length
    ? data.requests.map(requestRow)
    : el("li", {}, emptyState(canAsk ? "No requests yet. Ask the circle about a piece of your portfolio." : "No requests yet.")));
  box.hidden = false;
  status.hidden = true;
}

// The limits of the critique forms, as the API's input serializers say (null: the API still
// refuses longer text, with a message).
let config = null;

async function load() {
  config ??= await siteConfig();
  render(await api(`circles/${id}/`));
}

askForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(askForm);
  const data = Object.fromEntries(new FormData(askForm));
  data.portfolio_item_id = Number(data.portfolio_item_id);
  try {
    render(await api(`circles/${id}/requests/`, { method: "POST", body: data }));
    askForm.reset();
    announce(notice, "Asked. The circle will see your request.");
  } catch (error) {
    showErrors(askForm, error);
  }
});

async function loadItems() {
  const select = askForm.elements.portfolio_item_id;
  const items = await allPages("me/portfolio/");
  hasItems = items.length > 0;
  fill(select, items.map((item) => el("option", { value: String(item.id), text: item.title })));
}

loadItems().then(load).catch((error) => showLoadError(error, status));
