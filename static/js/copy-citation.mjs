// The "Copy" buttons by a finding's citations (research/findings/detail.html): hidden (in
// their wrappers) until this script can make them work; without it, the text can still be selected and copied.
const status = document.getElementById("copy-status");

async function copy(field) {
  try {
    await navigator.clipboard.writeText(field.value);
  } catch {
    field.select();
    document.execCommand("copy");
  }
}

for (const button of document.querySelectorAll("button[data-copy]")) {
  const field = document.getElementById(button.dataset.copy);
  if (!field) continue;
  const what = button.textContent.replace("Copy the ", "");
  button.parentElement.hidden = false;
  button.addEventListener("click", async () => {
    await copy(field);
    if (status) status.textContent = `${what} copied.`;
  });
}
