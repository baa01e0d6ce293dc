// School search as you type, with GOV.UK's accessible-autocomplete.
//
// Enhances every <input data-module="hubwork-school-search" data-search-url="/schools/search/">.
// Choosing a school then does what data-on-confirm says:
//   - "navigate" (the default): open data-navigate-url (default: this page) with ?urn=<URN>;
//   - "fill" (the default when data-target-input is given): set the value of the input whose
//     id is data-target-input to the URN, for forms that record a school; the value is
//     cleared again if the text is changed afterwards.
//
// Without JavaScript, or if accessible-autocomplete fails to load, the plain form still works:
// this script only runs where the page includes it (dist/accessible-autocomplete.min.js first).

const DEBOUNCE_MS = 250;
const MIN_QUERY_LENGTH = 2;
const LABEL_URN = /\(URN (\d{5,7})(?:, closed)?\)\s*$/i;

function escapeHtml(text) {
  return String(text)
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

// Results are objects from the endpoint; the only string option is the default value that
// the page put in the box (a school's label).
function labelOf(option) {
  if (!option) return "";
  return typeof option === "string" ? option : option.label;
}

function urnOf(option) {
  if (!option) return null;
  if (typeof option !== "string") return String(option.urn);
  const match = LABEL_URN.exec(option);
  return match ? match[1] : null;
}

// The text of the elements that described the original input (its hint, any error), so
// screen readers still hear them: the autocomplete manages its input's aria-describedby.
function descriptionOf(input) {
  return (input.getAttribute("aria-describedby") || "")
    .split(/\s+/)
    .map((id) => id && document.getElementById(id))
    .filter(Boolean)
    .map((element) => element.textContent.trim())
    .join(" ");
}

function createSource(searchUrl, state) {
  let timer = null;
  let controller = null;
  return (query, populateResults) => {
    clearTimeout(timer);
    if (controller) controller.abort();
    // Until the answer comes, the menu says "Searching" rather than "No schools found".
    state.loading = true;
    timer = setTimeout(async () => {
      controller = new AbortController();
      const url = new URL(searchUrl, window.location.href);
      url.searchParams.set("q", query);
      try {
        const response = await fetch(url, {
          headers: { Accept: "application/json" },
          signal: controller.signal,
        });
        const body = await response.json();
        if (!response.ok) throw new Error(body.error || `Search answered ${response.status}`);
        state.failed = false;
        state.loading = false;
        populateResults(body.results);
      } catch (error) {
        if (error.name === "AbortError") return;
        state.failed = true;
        state.loading = false;
        populateResults([]);
      }
    }, DEBOUNCE_MS);
  };
}

export function enhanceSchoolSearch(input) {
  const accessibleAutocomplete = window.accessibleAutocomplete;
  if (!accessibleAutocomplete || !input.id || !input.dataset.searchUrl) return;

  const form = input.form;
  const targetInput = input.dataset.targetInput
    ? document.getElementById(input.dataset.targetInput)
    : null;
  const action = input.dataset.onConfirm || (targetInput ? "fill" : "navigate");
  const navigateUrl = input.dataset.navigateUrl || window.location.pathname;
  const description = descriptionOf(input);
  const invalid = input.getAttribute("aria-invalid") === "true";
  const label = document.querySelector(`label[for="${input.id}"]`);
  if (label && !label.id) label.id = `${input.id}-label`;
  const state = { loading: false, failed: false, confirmedLabel: null };

  const container = document.createElement("div");
  container.className = "hubwork-autocomplete";
  input.replaceWith(container);

  accessibleAutocomplete({
    element: container,
    id: input.id,
    name: input.name,
    defaultValue: input.value,
    minLength: MIN_QUERY_LENGTH,
    displayMenu: "overlay",
    // Leaving the box must never open a page or pick a school by itself.
    confirmOnBlur: false,
    inputClasses: invalid ? "govuk-input govuk-input--error" : "govuk-input",
    menuAttributes: label ? { "aria-labelledby": label.id } : {},
    source: createSource(input.dataset.searchUrl, state),
    templates: {
      inputValue: labelOf,
      suggestion: (option) => escapeHtml(labelOf(option)),
    },
    tNoResults: () => {
      if (state.loading) return "Searching…";
      if (state.failed) return "Suggestions are not available at the moment. Press Enter to search.";
      return "No schools found. Check the spelling, or try the URN or postcode.";
    },
    tStatusNoResults: () => {
      if (state.loading) return "Searching…";
      if (state.failed) return "Suggestions are not available. Press Enter to search.";
      return "No schools found.";
    },
    tAssistiveHint: () =>
      [
        description,
        "When suggestions appear, use the up and down arrows to review them and Enter to choose one.",
      ]
        .filter(Boolean)
        .join(" "),
    onConfirm: (option) => {
      const urn = urnOf(option);
      if (!urn) {
        // The only option without a URN is the search the page was opened with (the
        // autocomplete offers its default value back): choosing it runs that search again.
        if (typeof option === "string" && action === "navigate" && form) form.requestSubmit();
        return;
      }
      if (action === "fill") {
        if (!targetInput) return;
        targetInput.value = urn;
        targetInput.dispatchEvent(new Event("change", { bubbles: true }));
        state.confirmedLabel = labelOf(option);
      } else {
        const url = new URL(navigateUrl, window.location.href);
        url.search = new URLSearchParams({ urn }).toString();
        window.location.assign(url);
      }
    },
  });

  const enhanced = document.getElementById(input.id);
  if (!enhanced) return;
  if (action === "fill" && targetInput) {
    // A URN only stands while the box shows the school it belongs to.
    enhanced.addEventListener("input", () => {
      if (enhanced.value !== state.confirmedLabel) targetInput.value = "";
    });
  } else if (action === "navigate" && form) {
    // With suggestions showing and none chosen, Enter runs the plain search, as it does
    // without JavaScript (the autocomplete would otherwise swallow it).
    enhanced.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && enhanced.getAttribute("aria-expanded") === "true") {
        event.preventDefault();
        form.requestSubmit();
      }
    });
  }
}

export function initSchoolSearch(root = document) {
  for (const input of root.querySelectorAll('input[data-module="hubwork-school-search"]')) {
    enhanceSchoolSearch(input);
  }
}

initSchoolSearch();
