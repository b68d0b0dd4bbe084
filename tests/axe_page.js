// axe-core on the page as its own script lays it out, in jsdom (no browser needed; colour contrast
// is left to a browser, which measures rendered colours). Prints the violations, the rules that
// passed, the page's own errors and how many elements its script put in <main>, as JSON.
// Usage: node tests/axe_page.js NODE_MODULES PAGE QUERY
const fs = require("fs");
const path = require("path");
const [, , modules, page, query] = process.argv;
const { JSDOM, VirtualConsole } = require(path.join(modules, "jsdom"));
const errors = [];
const virtualConsole = new VirtualConsole();
virtualConsole.on("jsdomError", (error) => errors.push(String(error.message || error)));
const dom = new JSDOM(fs.readFileSync(page, "utf8"), {
  runScripts: "dangerously",
  pretendToBeVisual: true,
  virtualConsole,
  url: "file:///site/index.html" + (query || ""),
  beforeParse(window) {
    // What jsdom lacks and the page uses: CSS.escape to find an element by id, scrolling to it.
    window.CSS = { escape: (s) => String(s).replace(/[^a-zA-Z0-9_-]/g, (c) => "\\" + c) };
    window.Element.prototype.scrollIntoView = function () {};
  },
});
dom.window.eval(fs.readFileSync(path.join(modules, "axe-core", "axe.min.js"), "utf8"));
setTimeout(async () => {
  const results = await dom.window.axe.run(dom.window.document, { rules: { "color-contrast": { enabled: false } } });
  process.stdout.write(
    JSON.stringify({
      violations: results.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) })),
      passes: results.passes.map((p) => p.id),
      errors,
      shown: dom.window.document.querySelectorAll("main *").length,
    }),
  );
}, 300);
