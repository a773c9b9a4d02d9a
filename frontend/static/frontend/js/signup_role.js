// Sign-up from "Start drafting" (?role=drafter) or "Post overflow work" (?role=mentor): the
// link already said which, so that role is the one ticked (the person can still tick both).
const role = new URLSearchParams(window.location.search).get("role");
const boxes = [...document.querySelectorAll("input[name=roles]")];
if (boxes.some((box) => box.value === role)) {
  for (const box of boxes) box.checked = box.value === role;
}
