// The one confirmation for acts that cannot be taken back (accept, decline, approve, cancel,
// fund): a native <dialog> opened with showModal(), so the rest of the page is inert and focus
// stays inside; Escape or "Go back" cancels, and focus returns to the button that opened it.
import { siteConfig, textLimit } from "./api.js";
import { el } from "./ui.js";

let counter = 0;

/**
 * Ask before acting. Resolves to null when cancelled, else to { note } (the optional text field's
 * value, when `field` was given: { label, help, maxlength }). `safeFirst`: when the check is
 * most often a mistake caught (an address off the office's domains), "Go back" is the primary
 * button and the act the secondary one.
 */
export function confirmAct({ title, body, confirm, danger = false, field = null, safeFirst = false }) {
  counter += 1;
  const id = `confirm-${counter}`;
  const opener = document.activeElement;
  const note = field ? el("textarea", { id: `${id}-note`, name: "note", rows: "3", maxlength: field.maxlength || null, "aria-describedby": field.help ? `${id}-help` : null }) : null;
  const ok = el("button", { type: "submit", class: danger ? "button-danger" : safeFirst ? "button-secondary" : "", value: "confirm", text: confirm });
  const back = el("button", { type: "submit", class: safeFirst ? "" : "button-secondary", value: "cancel", text: "Go back" });
  const dialog = el("dialog", { class: "confirm-dialog", "aria-labelledby": `${id}-title`, "aria-describedby": `${id}-body` },
    el("form", { method: "dialog" },
      el("h2", { id: `${id}-title`, class: "h3", text: title }),
      el("p", { id: `${id}-body`, text: body }),
      field ? el("div", { class: "field" },
        el("label", { for: `${id}-note`, text: field.label }), note,
        field.help ? el("p", { class: "helptext", id: `${id}-help`, text: field.help }) : null) : null,
      el("div", { class: "button-row" }, ...(safeFirst ? [back, ok] : [ok, back]))));
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => {
      const confirmed = dialog.returnValue === "confirm";
      dialog.remove();
      if (opener && opener.isConnected) opener.focus();
      resolve(confirmed ? { note: note ? note.value : "" } : null);
    });
    // Tab and Shift+Tab cycle inside the dialog instead of leaving for the browser's own UI.
    dialog.addEventListener("keydown", (event) => {
      if (event.key !== "Tab") return;
      const stops = [...dialog.querySelectorAll("button, textarea, input, select, a[href]")];
      const [first, last] = [stops[0], stops[stops.length - 1]];
      if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
      else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
    });
    dialog.showModal();
    // The safe choice has focus unless there is something to type.
    (note || dialog.querySelector("button[value=cancel]")).focus();
  });
}

// Accept and decline are asked first; shortlisting can be undone and is not.
export async function confirmApplicationAct(action, name, task) {
  if (action === "accept") {
    return confirmAct({ title: `Accept ${name}?`, confirm: `Accept ${name}`,
      body: task && task.stipend_amount ? `This starts the work with ${name}. You fund the stipend next; it is held until you approve the draft.` : `This starts the work with ${name} and takes one of the task's places.` });
  }
  if (action === "decline") {
    return confirmAct({ title: `Decline ${name}?`, confirm: "Decline", danger: true,
      body: `${name} is told their application was declined.`,
      field: { label: "A kind note (optional, they will see it)", help: "One sentence on what would make their next application stronger helps them grow.",
        maxlength: textLimit(await siteConfig(), "decline.note") } });
  }
  return { note: "" };
}
