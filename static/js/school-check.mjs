// Says by a sign-up form's school box, as soon as a school is picked, whether that school may
// take part: the programme's rules about what it has completed (an error, as the form would
// show on sending) and, for a signed-in person, whether its places are all taken (a note).
//
// Enhances <div data-school-check-url="…" data-urn-input="id_school_urn"> holding a
// <div data-school-check-result aria-live="polite">. school-search.mjs fills the URN input
// and fires "change" when a school is picked. Without JavaScript the form checks the same
// when it is sent, and shows it by the same box.

function render(region, group, body) {
  region.replaceChildren();
  const problems = body.problems || [];
  group.classList.toggle("govuk-form-group--error", problems.length > 0);
  if (problems.length) {
    const message = document.createElement("p");
    message.className = "govuk-error-message";
    message.id = "school-check-error";
    const hidden = document.createElement("span");
    hidden.className = "govuk-visually-hidden";
    hidden.textContent = "Error: ";
    message.append(hidden, problems.join(" "));
    region.append(message);
  }
  for (const note of body.notes || []) {
    const inset = document.createElement("div");
    inset.className = "govuk-inset-text govuk-!-margin-top-2";
    inset.textContent = note;
    region.append(inset);
  }
}

export function enhanceSchoolCheck(group) {
  const urnInput = document.getElementById(group.dataset.urnInput || "");
  const region = group.querySelector("[data-school-check-result]");
  if (!urnInput || !region || !group.dataset.schoolCheckUrl) return;
  let controller = null;

  const clear = () => {
    if (controller) controller.abort();
    region.replaceChildren();
    group.classList.toggle(
      "govuk-form-group--error",
      Boolean(group.querySelector(".govuk-error-message:not(#school-check-error)")),
    );
  };

  urnInput.addEventListener("change", async () => {
    // A new school: what was said about the one before no longer applies.
    group.querySelector("#id_school_error")?.remove();
    clear();
    const urn = urnInput.value.trim();
    if (!urn) return;
    controller = new AbortController();
    const url = new URL(group.dataset.schoolCheckUrl, window.location.href);
    url.searchParams.set("urn", urn);
    try {
      const response = await fetch(url, {
        headers: { Accept: "application/json" },
        signal: controller.signal,
      });
      if (!response.ok) return; // the form checks again when it is sent
      render(region, group, await response.json());
    } catch (error) {
      if (error.name !== "AbortError") region.replaceChildren();
    }
  });

  // Typing over the chosen school clears its URN (school-search.mjs), and with it the answer.
  group.addEventListener("input", () => {
    if (!urnInput.value) clear();
  });
}

for (const group of document.querySelectorAll("[data-school-check-url]")) {
  enhanceSchoolCheck(group);
}
