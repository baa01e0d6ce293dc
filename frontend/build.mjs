// Builds Hubwork's front-end assets into ../static/dist.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "static", "dist");
const govuk = join(here, "node_modules", "govuk-frontend", "dist", "govuk");
const autocomplete = join(here, "node_modules", "accessible-autocomplete", "dist");

mkdirSync(out, { recursive: true });

const result = sass.compile(join(here, "scss", "hubwork.scss"), {
  loadPaths: [join(here, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "hubwork.css"), result.css);

for (const file of ["govuk-frontend.min.js", "govuk-frontend.min.js.map"]) {
  cpSync(join(govuk, file), join(out, file));
}

// GOV.UK's accessible autocomplete, for the pages that include it (school search). Its
// stylesheet is designed for GOV.UK; hubwork.scss adds Hubwork's font and colours on top.
// The source maps go too: collectstatic's manifest storage follows sourceMappingURL.
for (const file of ["accessible-autocomplete.min.js", "accessible-autocomplete.min.css"]) {
  cpSync(join(autocomplete, file), join(out, file));
  cpSync(join(autocomplete, `${file}.map`), join(out, `${file}.map`));
}

// SortableJS lets a mouse drag a session plan's activities into order; the plan editor's own
// buttons do the same from the keyboard.
cpSync(join(here, "node_modules", "sortablejs", "modular", "sortable.esm.js"), join(out, "sortable.esm.js"));

console.log(`Built ${out}`);
