// Builds the example site (example/) with Eleventy's programmatic API and checks the pages exactly.
// SHAREPULSE_URL and SHAREPULSE_SITE point at a running Sharepulse and a site whose domains include blog.example;
// SHAREPULSE_DOWN_URL at an address where nothing answers. Without SHAREPULSE_URL the tests that need the service
// are skipped.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Eleventy from "@11ty/eleventy";
import sharepulse from "eleventy-plugin-sharepulse";

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "example");
const SERVICE = process.env.SHAREPULSE_URL;
const SITE = process.env.SHAREPULSE_SITE ?? "blog1";
const DOWN = process.env.SHAREPULSE_DOWN_URL ?? (await closedPort());
const BASE = "https://blog.example";
/** An address on this machine where nothing listens: a port the system just gave out and took back. */
async function closedPort() {
	const server = createServer();
	await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return `http://127.0.0.1:${port}`;
}

const needsService = SERVICE ? {} : { skip: "SHAREPULSE_URL is not set" };

/** Builds the example site with these plugin options; returns its pages by URL path, and what the plugin warned. */
async function build(options, { ignore = [] } = {}) {
	const out = await mkdtemp(path.join(tmpdir(), "sharepulse-eleventy-"));
	const warnings = [];
	const warn = console.warn;
	console.warn = (...args) => {
		const line = args.join(" ");
		if (line.startsWith("[sharepulse]")) warnings.push(line);
		else warn(...args); // Eleventy's own, such as its slow-build benchmarks
	};
	try {
		// Relative, as on Eleventy's command line: directory data files are looked up by relative paths.
		const eleventy = new Eleventy(path.relative(process.cwd(), FIXTURE), path.join(out, "site"), {
			quietMode: true,
			config(eleventyConfig) {
				// Eleventy keeps compiled templates per process, bound to the first build's shortcodes; every build
				// here has options of its own.
				eleventyConfig.setUseTemplateCache(false);
				eleventyConfig.addPlugin(sharepulse, { cacheDirectory: path.join(out, "cache"), ...options });
				for (const file of ignore) eleventyConfig.ignores.add(path.relative(process.cwd(), path.join(FIXTURE, file)));
			},
		});
		await eleventy.write();
		const pages = {};
		for (const file of await readdir(path.join(out, "site"), { recursive: true })) {
			if (file.endsWith("index.html")) {
				pages["/" + file.replace(/index\.html$/, "")] = await readFile(path.join(out, "site", file), "utf8");
			}
		}
		return { pages, warnings, cache: await readdir(path.join(out, "cache")).catch(() => []) };
	} finally {
		console.warn = warn;
		await rm(out, { recursive: true, force: true });
	}
}

const escape = (s) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

const page = (title, body, bar, tail = "") => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body>
<article>
<h1>${escape(title)}</h1>
<p>${body}</p>

${bar}
</article>
${tail}</body>
</html>
`;

const script = (service, extra = "") => `<script src="${service}/widget.js" data-site="${SITE}"${extra} async></script>\n`;

const HELLO = 'Hello & "welcome"';
const DARK = "Night mode";

/** What every page of the example site is in script mode, for a plugin pointed at `service`. */
function scriptModeSite(service) {
	const tag = script(service, ' data-networks="reddit,bluesky,email"');
	return {
		"/posts/hello/": page(HELLO, "First post.",
			`<share-bar data-url="${BASE}/posts/hello/" data-title="${escape(HELLO)}"></share-bar>`, tag),
		"/posts/dark/": page(DARK, "A page with its own bar options in front matter.",
			`<share-bar data-url="${BASE}/posts/dark/" data-title="${DARK}" data-networks="email,reddit" data-theme="dark"></share-bar>`, tag),
		"/posts/quiet/": page("Not for sharing", "A page that opted out.", ""),
		"/": `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>The blog</title></head>
<body>
<h2><a href="/posts/hello/">${escape(HELLO)}</a></h2>
<share-bar data-url="${BASE}/posts/hello/" data-title="${escape(HELLO)}" data-layout="vertical"></share-bar>
<h2><a href="/posts/dark/">${DARK}</a></h2>
<share-bar data-url="${BASE}/posts/dark/" data-title="${DARK}" data-networks="email,reddit" data-theme="dark" data-layout="vertical"></share-bar>
<h2><a href="/posts/quiet/">Not for sharing</a></h2>

${tag}</body>
</html>
`,
		"/about/": `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>About</title></head>
<body>
<p>About this blog.</p>
<share-bar data-url="${BASE}/" data-title="The whole blog"></share-bar>
${tag}</body>
</html>
`,
	};
}

const options = (service, extra = {}) => ({
	service,
	site: SITE,
	baseUrl: BASE,
	networks: ["reddit", "bluesky", "email"],
	...extra,
});

/** The fragment the service itself answers for a page, as a reader's browser would fetch it. */
async function embed(params) {
	const response = await fetch(`${SERVICE}/embed/${SITE}?${new URLSearchParams(params)}`);
	assert.equal(response.status, 200);
	assert.match(response.headers.get("content-type"), /^text\/html; ?charset=utf-8$/i);
	return response.text();
}

test("script mode: one <share-bar> per call, the script tag once per page, none on the opted-out page", async () => {
	const { pages, warnings } = await build(options(SERVICE ?? DOWN));
	assert.deepEqual(pages, scriptModeSite(SERVICE ?? DOWN));
	assert.deepEqual(warnings, []);
});

test("script mode: the script tag points at the service's widget", needsService, async () => {
	const response = await fetch(`${SERVICE}/widget.js`);
	assert.equal(response.status, 200);
	assert.match(response.headers.get("content-type"), /javascript/);
	assert.match(await response.text(), /customElements\.define\('share-bar'/);
});

test("without baseUrl the page's own bar lets the widget find the address; another page's needs it", async () => {
	const { pages } = await build({ service: DOWN, site: SITE }, { ignore: ["index.njk"] });
	assert.equal(pages["/posts/hello/"], page(HELLO, "First post.",
		`<share-bar data-title="${escape(HELLO)}"></share-bar>`, script(DOWN)));
	assert.equal(pages["/"], undefined);
	await failsWith(build({ service: DOWN, site: SITE }),
		/"\/posts\/hello\/" in \.\/.*index\.njk is not an absolute URL; set the plugin's "baseUrl" option/);
});

// Generous, so that a loaded machine does not turn "up" into the fallback; the fallback has tests of its own.
const UP_TIMEOUT = 30_000;

test("fragment mode with the service up: the pages hold the service's own no-JavaScript bar and no script", needsService, async () => {
	const { pages, warnings, cache } = await build(options(SERVICE, { mode: "fragment", timeout: UP_TIMEOUT }));
	const networks = "reddit,bluesky,email";
	const hello = await embed({ url: `${BASE}/posts/hello/`, title: HELLO, networks });
	const dark = await embed({ url: `${BASE}/posts/dark/`, title: DARK, networks: "email,reddit", theme: "dark" });
	assert.match(hello, /<nav[^>]* aria-label="Share this page"/);
	assert.match(hello, new RegExp(`href="${SERVICE}/s/${SITE}\\.[A-Za-z0-9]+/reddit"`));
	assert.equal(pages["/posts/hello/"], page(HELLO, "First post.", hello));
	assert.equal(pages["/posts/dark/"], page(DARK, "A page with its own bar options in front matter.", dark));
	assert.equal(pages["/posts/quiet/"], page("Not for sharing", "A page that opted out.", ""));
	const index = pages["/"];
	assert.ok(index.includes(await embed({ url: `${BASE}/posts/hello/`, title: HELLO, networks, layout: "vertical" })));
	assert.ok(index.includes(await embed({ url: `${BASE}/posts/dark/`, title: DARK, networks: "email,reddit", theme: "dark", layout: "vertical" })));
	for (const html of Object.values(pages)) {
		assert.doesNotMatch(html, /<script|<share-bar/);
	}
	assert.deepEqual(warnings, []);
	assert.ok(cache.length > 0, "eleventy-fetch kept the fragments");
});

test("fragment mode with the service down: the build succeeds with the script tag, and says so once", async () => {
	const { pages, warnings } = await build(options(DOWN, { mode: "fragment" }));
	assert.deepEqual(pages, scriptModeSite(DOWN));
	assert.equal(warnings.length, 1);
	assert.match(warnings[0], /^\[sharepulse\] http:\/\/127\.0\.0\.1:\d+ did not give the bar \(ECONNREFUSED\); this build uses the script tag instead$/);
});

test("fragment mode with an answer that is not 200: the script tag instead", needsService, async () => {
	// A site that does not exist answers 404; the pages then look exactly as in script mode.
	const { pages, warnings } = await build(options(SERVICE, { mode: "fragment", site: "no-such-site-here", timeout: UP_TIMEOUT }));
	const expected = scriptModeSite(SERVICE);
	for (const [url, html] of Object.entries(expected)) {
		assert.equal(pages[url], html.replaceAll(`data-site="${SITE}"`, 'data-site="no-such-site-here"'), url);
	}
	assert.equal(warnings.length, 1);
	assert.match(warnings[0], /did not give the bar \(Bad response for .* \(404\)/);
});

test("fragment mode with a service that accepts and never answers: the build gives up after the timeout", { timeout: 30_000 }, async () => {
	const held = [];
	const stalled = createServer((req, res) => held.push(res));
	await new Promise((resolve) => stalled.listen(0, "127.0.0.1", resolve));
	const service = `http://127.0.0.1:${stalled.address().port}`;
	try {
		const { pages, warnings } = await build(options(service, { mode: "fragment", timeout: 500 }));
		assert.deepEqual(pages, scriptModeSite(service));
		assert.equal(warnings.length, 1);
		assert.match(warnings[0], /did not give the bar \(no answer within 500 ms\); this build uses the script tag instead$/);
		assert.ok(held.length >= 1);
	} finally {
		for (const res of held) res.destroy();
		stalled.closeAllConnections();
		await new Promise((resolve) => stalled.close(resolve));
	}
});

/** Eleventy wraps what a plugin or a template threw: the messages of the whole chain. */
const messages = (error) => {
	const out = [];
	for (let e = error; e instanceof Error; e = e.originalError ?? e.cause) out.push(e.message);
	return out.join("\n");
};

const failsWith = (promise, pattern) =>
	assert.rejects(promise, (e) => {
		assert.match(messages(e), pattern);
		return true;
	});

test("a missing service or site is a configuration error, said at once", async () => {
	await failsWith(build({ site: SITE }), /the "service" option is required/);
	await failsWith(build({ service: DOWN }), /the "site" option is required/);
	await failsWith(build({ service: DOWN, site: SITE, mode: "both" }), /"mode" is "script" or "fragment"/);
});
