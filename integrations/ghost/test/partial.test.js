// The theme partial (partials/sharepulse.hbs) under Ghost's own theme tooling: gscan, Ghost's theme validator, must
// pass a theme that uses it, and express-hbs with Handlebars (the versions Ghost 5 ships) renders it (support/render.js).
// With SHAREPULSE_URL and SHAREPULSE_SITE set (a running Sharepulse and a site whose domains include blog.example),
// the addresses the partial builds are asked of the service too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PARTIAL, render } from "../support/render.js";

const gscan = createRequire(import.meta.url)("gscan");
const HERE = path.dirname(fileURLToPath(import.meta.url));
const SERVICE = process.env.SHAREPULSE_URL;
const SITE = process.env.SHAREPULSE_SITE ?? "my-blog";
const needsService = SERVICE ? {} : { skip: "SHAREPULSE_URL is not set" };

/** The example theme (test/theme) with the partial as it ships, in a folder of its own. */
async function theme(extraPartials = {}) {
	const dir = await mkdtemp(path.join(tmpdir(), "sharepulse-ghost-theme-"));
	await cp(path.join(HERE, "theme"), dir, { recursive: true });
	await cp(PARTIAL, path.join(dir, "partials", "sharepulse.hbs"));
	for (const [name, body] of Object.entries(extraPartials)) {
		await writeFile(path.join(dir, "partials", name), body);
	}
	return dir;
}

async function validate(dir) {
	const checked = await gscan.check(dir, { checkVersion: "v5" });
	return gscan.format(checked, { sortByFiles: false });
}

test("gscan passes the example theme with the partial: no error, no warning, its custom settings known", async () => {
	const dir = await theme();
	try {
		const report = await validate(dir);
		const problems = [...report.results.error, ...report.results.warning].map((r) => `${r.code}: ${r.rule}`);
		assert.deepEqual(problems, []);
		assert.equal(report.results.hasFatalErrors, false);
		assert.deepEqual(Object.keys(report.customSettings), ["sharepulse_service", "sharepulse_site", "sharepulse_networks"]);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
});

test("gscan does read the partials: one that calls a helper Ghost lacks fails the theme", async () => {
	const dir = await theme({ "broken.hbs": '{{share_buttons networks="all"}}' });
	await writeFile(path.join(dir, "post.hbs"),
		(await readFile(path.join(dir, "post.hbs"), "utf8")).replace('{{> "sharepulse"}}', '{{> "sharepulse"}}{{> "broken"}}'));
	try {
		const report = await validate(dir);
		const errors = report.results.error.map((r) => `${r.code} ${JSON.stringify(r.failures)}`);
		assert.ok(errors.some((e) => e.startsWith("GS005-TPL-ERR") && e.includes("share_buttons")), errors.join("\n"));
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
});

const POST = { url: "https://blog.example/2026/01/hello-ghost/", title: 'Hello & "welcome" <Ghost>', tags: [{ name: "News" }] };
const settings = (extra = {}) => ({ sharepulse_service: SERVICE ?? "https://share.example.org", sharepulse_site: SITE, sharepulse_networks: "", ...extra });

const bar = (service, networks = "") => {
	const net = networks ? ` data-networks="${networks}"` : "";
	const query = `url=${encodeURIComponent(POST.url)}&amp;title=${encodeURIComponent(POST.title)}` +
		(networks ? `&amp;networks=${encodeURIComponent(networks)}` : "");
	return `<article><share-bar class="sharepulse" data-url="${POST.url}" data-title="Hello &amp; &quot;welcome&quot; &lt;Ghost&gt;"${net}></share-bar>
<script src="${service}/widget.js" data-site="${SITE}" async></script>
<noscript><iframe src="${service}/embed/${SITE}?${query}" title="Share this post" width="600" height="120" loading="lazy"></iframe></noscript>
</article>`;
};

test("a post gets the bar, the script tag and the no-JavaScript frame, its title escaped", () => {
	assert.equal(render(POST, settings({ sharepulse_service: "https://share.example.org" })), bar("https://share.example.org"));
});

test("the networks setting reaches the bar and the frame", () => {
	assert.equal(render(POST, settings({ sharepulse_service: "https://share.example.org", sharepulse_networks: "bluesky,mastodon,email" })),
		bar("https://share.example.org", "bluesky,mastodon,email"));
});

test("the internal tag #no-share leaves the post without a bar; a public tag of that name does not", () => {
	assert.equal(render({ ...POST, tags: [{ name: "News" }, { name: "#No-Share" }] }, settings()), "<article></article>");
	assert.match(render({ ...POST, tags: [{ name: "no-share" }] }, settings()), /<share-bar /);
});

test("a theme whose site id is not set yet renders nothing rather than a broken bar", () => {
	assert.equal(render(POST, settings({ sharepulse_site: "" })), "<article></article>");
});

test("the frame's address is the service's /embed bar for that post, and the script its widget", needsService, async () => {
	const html = render(POST, settings());
	const frame = html.match(/<iframe src="([^"]+)"/)[1].replaceAll("&amp;", "&");
	const embed = await fetch(frame);
	assert.equal(embed.status, 200);
	assert.match(embed.headers.get("content-type"), /^text\/html; ?charset=utf-8$/i);
	const fragment = await embed.text();
	assert.match(fragment, /<nav[^>]* aria-label="Share this page"/);
	assert.match(fragment, new RegExp(`href="${SERVICE}/s/${SITE}\\.[A-Za-z0-9]+/[a-z]+"`));

	const share = await (await fetch(`${SERVICE}/api/v1/sites/${SITE}/share?url=${encodeURIComponent(POST.url)}`)).json();
	assert.equal(share.title, POST.title); // the frame registered the post with its title

	const script = await fetch(html.match(/<script src="([^"]+)"/)[1]);
	assert.equal(script.status, 200);
	assert.match(script.headers.get("content-type"), /javascript/);
});

test("the code-injection snippet is one script tag, with the README's placeholders", async () => {
	const snippet = await readFile(path.join(HERE, "..", "code-injection.html"), "utf8");
	const tags = snippet.replace(/<!--[\s\S]*?-->/g, "").trim();
	assert.equal(tags, '<script src="https://share.example.org/widget.js" data-site="my-blog" async></script>');
});
