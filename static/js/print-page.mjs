// The "Print this page" button on pages laid out for printing (practice/print_base.html):
// hidden until this script can make it work.
const button = document.getElementById("print-page");
if (button) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
