// Check a form against its own constraint attributes before sending it (required, maxlength,
// min and max, type=url/number/date, pattern), so a plain mistake is said next to its field at
// once, the way the server's answer is (showErrors). The attributes carry the server's limits as
// the page receives them; the server stays the authority and checks everything again.
import { date } from "./ui.js";

const SKIPPED = new Set(["submit", "button", "reset", "hidden", "fieldset", "file"]);

// `say[name]` overrides the message of a field per problem (valueMissing, tooLong, typeMismatch,
// patternMismatch, rangeUnderflow, rangeOverflow, stepMismatch, badInput): the server's own words.
function problem(input, say) {
  const v = input.validity;
  const value = input.value;
  if (input.type === "checkbox" || input.type === "radio") {
    return input.required && !input.checked ? say.valueMissing || "Please confirm." : "";
  }
  if (v.badInput) return say.badInput || (input.type === "number" ? "Enter a number." : "Enter a valid date.");
  if (!value.trim()) return input.required ? say.valueMissing || "This field is required." : "";
  // maxlength stops typing, not text set by a script or a browser's autofill.
  if (input.maxLength > 0 && value.length > input.maxLength) {
    return say.tooLong || `At most ${input.maxLength.toLocaleString("en")} characters (this has ${value.length.toLocaleString("en")}).`;
  }
  if (v.typeMismatch) {
    if (input.type === "url") return say.typeMismatch || "Enter a complete web address, like https://example.org/work.";
    if (input.type === "email") return say.typeMismatch || "Enter an e-mail address.";
    return say.typeMismatch || "Enter a valid value.";
  }
  if (v.patternMismatch) return say.patternMismatch || input.title || "Check the format.";
  const isDate = input.type === "date";
  if (v.rangeUnderflow) return say.rangeUnderflow || (isDate ? `Choose ${date(input.min)} or later.` : `At least ${input.min}.`);
  if (v.rangeOverflow) return say.rangeOverflow || (isDate ? `Choose ${date(input.max)} or earlier.` : `At most ${input.max}.`);
  if (v.stepMismatch) return say.stepMismatch || "Enter a whole number.";
  return "";
}

// The form's problems as the API's error shape ({message, fields}), or null when there are none.
export function formProblems(form, say = {}) {
  const fields = {};
  for (const input of form.elements) {
    if (!input.name || input.disabled || input.readOnly || SKIPPED.has(input.type) || input.tagName === "BUTTON") continue;
    if (fields[input.name]) continue;  // one message per field (a checkbox group is one field)
    const text = problem(input, say[input.name] || {});
    if (text) fields[input.name] = [text];
  }
  return Object.keys(fields).length ? { message: "Some fields need a change.", fields } : null;
}
