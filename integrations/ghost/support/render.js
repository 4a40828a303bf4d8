// Renders partials/sharepulse.hbs for one post with express-hbs and Handlebars, the versions Ghost 5 ships, and helpers
// that do what Ghost's do (core/frontend/helpers): `has tag` matches a tag's name without regard to case, in a
// comma-separated list; `url absolute="true"` is the post's absolute URL, encoded with encodeURI; `encode` is
// encodeURIComponent. Ghost's `has` calls options.fn, which only a block call has: `{{#unless (has …)}}` would throw
// there, so the partial uses the block form.
//   node support/render.js '{"post":{"url":"…","title":"…","tags":[]},"custom":{"sharepulse_site":"…",…}}'
// prints the partial's output, for pages that tests build around it.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const hbs = require("express-hbs");

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const PARTIAL = path.join(HERE, "..", "partials", "sharepulse.hbs");

const engine = hbs.create();
engine.registerHelper("has", function (options) {
	const wanted = String(options.hash.tag ?? "").split(",").map((t) => t.trim().toLowerCase());
	const names = (this.tags ?? []).map((t) => t.name.toLowerCase());
	return wanted.some((t) => names.includes(t)) ? options.fn(this) : options.inverse(this);
});
engine.registerHelper("url", function (options) {
	const absolute = options.hash.absolute && options.hash.absolute !== "false";
	return new engine.SafeString(encodeURI(absolute ? this.url : new URL(this.url).pathname));
});
engine.registerHelper("encode", (value) => new engine.SafeString(encodeURIComponent(value)));
engine.registerPartial("sharepulse", await readFile(PARTIAL, "utf8"));
const view = engine.handlebars.compile('{{#post}}<article>{{> "sharepulse"}}</article>{{/post}}');

/** The partial inside `<article>` for `post` ({url, title, tags: [{name}]}) with these theme settings (@custom). */
export const render = (post, custom) => view({ post }, { data: { custom } });

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const { post, custom } = JSON.parse(process.argv[2]);
	process.stdout.write(render(post, custom));
}
