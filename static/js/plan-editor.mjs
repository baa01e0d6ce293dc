// The session planner, enhanced: reorder activities with Move up / Move down buttons (keyboard)
// or by dragging (mouse, with SortableJS), and add an activity without reloading the page.
//
// Enhances <form data-plan-editor data-sortable-url="…/sortable.esm.js">, which holds:
//   - <ol data-plan-activities> with one <li data-plan-activity> per activity form, each with an
//     order input (name ending "-position"), [data-move-buttons] (hidden until this runs),
//     and [data-activity-number] spans showing its place;
//   - <template data-empty-activity>: the formset's empty form, "__prefix__" for its index;
//   - [data-add-activity]: a submit button that, without JavaScript, adds a row server-side;
//   - [data-move-status]: a polite live region announcing where an activity moved to.
//
// Without JavaScript the page still works: the order numbers decide the order on saving and
// "Add another activity" reloads the page with one more row ("Check the times" shows the
// times again without saving). The live time check, with each activity's start time, is
// htmx, declared in the page itself; moving or adding fires "plan:reordered" on the form for it.

const MAX_FORMS_NAME = "activities-MAX_NUM_FORMS";
const TOTAL_FORMS_NAME = "activities-TOTAL_FORMS";

function activities(list) {
  return Array.from(list.querySelectorAll(":scope > [data-plan-activity]"));
}

function titleOf(item) {
  const input = item.querySelector('input[name$="-title"]');
  const title = input ? input.value.trim() : "";
  return title ? `“${title}”` : "This activity";
}

function renumber(list) {
  activities(list).forEach((item, index) => {
    const position = item.querySelector('input[name$="-position"]');
    if (position) position.value = String(index + 1);
    for (const number of item.querySelectorAll("[data-activity-number]")) {
      number.textContent = String(index + 1);
    }
  });
}

function announce(region, message) {
  if (!region) return;
  // Clear first so the same words twice in a row are still read out.
  region.textContent = "";
  window.setTimeout(() => {
    region.textContent = message;
  }, 50);
}

function changed(form) {
  form.dispatchEvent(new CustomEvent("plan:reordered", { bubbles: true }));
}

function enhanceItem(item) {
  for (const buttons of item.querySelectorAll("[data-move-buttons]")) buttons.hidden = false;
  for (const field of item.querySelectorAll("[data-order-field]")) field.hidden = true;
}

function move(form, list, region, button) {
  const item = button.closest("[data-plan-activity]");
  const up = button.dataset.move === "up";
  const sibling = up ? item.previousElementSibling : item.nextElementSibling;
  const count = activities(list).length;
  if (!sibling) {
    const place = up ? "first" : "last";
    announce(region, `${titleOf(item)} is already ${place}, at position ${up ? 1 : count} of ${count}.`);
    button.focus();
    return;
  }
  if (up) list.insertBefore(item, sibling);
  else list.insertBefore(sibling, item);
  renumber(list);
  // Moving an element in the page takes focus away from it: give it back.
  button.focus();
  const position = activities(list).indexOf(item) + 1;
  announce(region, `${titleOf(item)} moved to position ${position} of ${count}.`);
  changed(form);
}

function addActivity(form, list, region, template) {
  const total = form.elements.namedItem(TOTAL_FORMS_NAME);
  const max = form.elements.namedItem(MAX_FORMS_NAME);
  const index = Number.parseInt(total.value, 10);
  if (max && index >= Number.parseInt(max.value, 10)) {
    announce(region, "A plan can hold no more activities.");
    return;
  }
  const holder = document.createElement("div");
  holder.innerHTML = template.innerHTML.replaceAll("__prefix__", String(index));
  const item = holder.querySelector("[data-plan-activity]");
  list.append(item);
  total.value = String(index + 1);
  enhanceItem(item);
  renumber(list);
  const title = item.querySelector('input[name$="-title"]');
  if (title) title.focus();
  announce(region, `Activity ${activities(list).length} added.`);
  changed(form);
}

async function enableDragging(form, list, region) {
  const url = form.dataset.sortableUrl;
  if (!url) return;
  try {
    const { default: Sortable } = await import(url);
    Sortable.create(list, {
      animation: 150,
      handle: ".hubwork-plan-activity__handle",
      draggable: "[data-plan-activity]",
      chosenClass: "is-dragging",
      // Mouse and touch events rather than native drag and drop: the same in every browser.
      forceFallback: true,
      onEnd(event) {
        renumber(list);
        const count = activities(list).length;
        announce(region, `${titleOf(event.item)} moved to position ${event.newIndex + 1} of ${count}.`);
        changed(form);
      },
    });
    list.classList.add("hubwork-plan-activities--draggable");
  } catch {
    // Dragging is an extra: the move buttons still work without it.
  }
}

function enhance(form) {
  const list = form.querySelector("[data-plan-activities]");
  if (!list) return;
  const region = form.querySelector("[data-move-status]");
  const template = form.querySelector("template[data-empty-activity]");
  for (const item of activities(list)) enhanceItem(item);
  for (const help of form.querySelectorAll("[data-move-help]")) help.hidden = false;
  for (const help of form.querySelectorAll("[data-order-help]")) help.hidden = true;
  // The time check and start times follow every change here, so no button is needed for them.
  for (const button of form.querySelectorAll("[data-check-plan]")) button.hidden = true;
  renumber(list);

  form.addEventListener("click", (event) => {
    const moveButton = event.target.closest("[data-move]");
    if (moveButton && form.contains(moveButton)) {
      event.preventDefault();
      move(form, list, region, moveButton);
      return;
    }
    const addButton = event.target.closest("[data-add-activity]");
    if (addButton && template) {
      event.preventDefault();
      addActivity(form, list, region, template);
    }
  });
  enableDragging(form, list, region);
}

for (const form of document.querySelectorAll("form[data-plan-editor]")) enhance(form);
