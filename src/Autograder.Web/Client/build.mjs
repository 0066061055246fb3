// Copies KaTeX and htmx and bundles the editor into ../Static/lib; run by the project build after `npm ci`.
import { build } from "esbuild";
import { cpSync, mkdirSync, rmSync } from "node:fs";

const out = new URL("../Static/lib/", import.meta.url).pathname;
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const file of ["katex.min.js", "katex.min.css", "contrib/auto-render.min.js"])
  cpSync(`node_modules/katex/dist/${file}`, `${out}katex/${file}`);
cpSync("node_modules/katex/dist/fonts", `${out}katex/fonts`, { recursive: true });
cpSync("node_modules/htmx.org/dist/htmx.min.js", `${out}htmx/htmx.min.js`);
await build({ entryPoints: ["editor.js"], bundle: true, minify: true, format: "iife", outfile: `${out}editor/editor.js`, logLevel: "warning" });
