// The partial in a real Ghost 5 (GHOST_HOME, installed by ensure-ghost.sh): the example theme activates, and the
// published posts' pages carry exactly what support/render.js renders (so the template tests' helpers are Ghost's
// behaviour, not a guess), except the post with the internal tag #no-share; the code-injection snippet is on every
// page. With SHAREPULSE_URL and SHAREPULSE_SITE
// (a site whose domains include localhost) the frame each page asks for is the service's bar for that post.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { render } from "../support/render.js";
import { POSTS, startGhost } from "../support/ghost.js";

const HOME = process.env.GHOST_HOME;
const SERVICE = process.env.SHAREPULSE_URL ?? "https://share.example.org";
const SITE = process.env.SHAREPULSE_SITE ?? "my-blog";
const installed = HOME && existsSync(path.join(HOME, ".sharepulse-installed"));
const needsGhost = installed ? {} : { skip: "GHOST_HOME does not hold a Ghost installed by ensure-ghost.sh" };
const needsService = installed && process.env.SHAREPULSE_URL ? {} : { skip: "needs GHOST_HOME and SHAREPULSE_URL" };

const freePort = () => new Promise((resolve) => {
	const server = createServer().listen(0, "127.0.0.1", () => {
		const { port } = server.address();
		server.close(() => resolve(port));
	});
});

let ghost;
before(async () => {
	if (installed) ghost = await startGhost({ home: HOME, port: await freePort(), service: SERVICE, site: SITE });
}, { timeout: 300_000 });
after(async () => {
	await ghost?.stop();
});

const page = async (post) => {
	const response = await fetch(post.url);
	assert.equal(response.status, 200);
	return response.text();
};

/** What Ghost wrote between the post's content and the end of its <article>: the partial's output. */
const partialOutput = (html) => html.match(/<div class="gh-content">[\s\S]*?<\/div>\n([\s\S]*?)<\/article>/)[1];

test("Ghost activates the example theme with the partial, its settings known", needsGhost, () => {
	const [theme] = ghost.activation.themes;
	assert.equal(theme.active, true);
	assert.deepEqual(theme.errors ?? [], []);
	assert.deepEqual(Object.keys(theme.package.config.custom), ["sharepulse_service", "sharepulse_site", "sharepulse_networks"]);
});

test("a published post carries the bar, the script tag and the frame, exactly as the template tests render them", needsGhost, async () => {
	const post = ghost.posts.hello;
	assert.equal(post.title, POSTS.hello.title);
	const expected = render({ url: post.url, title: post.title, tags: post.tags }, ghost.settings)
		.replace(/^<article>/, "").replace(/<\/article>$/, "");
	assert.match(expected, /<share-bar /);
	assert.equal(partialOutput(await page(post)), expected);
});

test("the internal tag #no-share leaves a post without the partial's bar, script or frame; a public tag of that name does not", needsGhost, async () => {
	const quiet = await page(ghost.posts.quiet);
	assert.equal(partialOutput(quiet), "");
	assert.doesNotMatch(quiet.slice(0, quiet.indexOf("</article>")), /share-bar|widget\.js|\/embed\//);
	assert.match(partialOutput(await page(ghost.posts.public)), /^<share-bar class="sharepulse" data-url="http:\/\/localhost:\d+\/a-public-tag-named-no-share\/"/);
});

test("the code-injection snippet reaches every page through Ghost's site footer, the home page included", needsGhost, async () => {
	const tag = ghost.snippet.replace(/<!--[\s\S]*?-->/g, "").trim();
	assert.equal(tag, `<script src="${SERVICE}/widget.js" data-site="${SITE}" async></script>`);
	const home = await (await fetch(`${ghost.url}/`)).text();
	assert.ok(home.includes(tag), home);
	// No element of ours but the script (the snippet's own comment mentions <share-bar>): it draws the bar itself.
	assert.doesNotMatch(home.replace(/<!--[\s\S]*?-->/g, ""), /<share-bar/);
	assert.ok((await page(ghost.posts.quiet)).includes(tag));
});

test("the frame on a Ghost post is the service's bar for that post, registered with Ghost's title", needsService, async () => {
	const post = ghost.posts.hello;
	const frame = (await page(post)).match(/<iframe src="([^"]+)"/)[1].replaceAll("&amp;", "&");
	const embed = await fetch(frame);
	assert.equal(embed.status, 200);
	assert.match(await embed.text(), new RegExp(`href="${SERVICE}/s/${SITE}\\.[A-Za-z0-9]+/[a-z]+"`));
	const share = await (await fetch(`${SERVICE}/api/v1/sites/${SITE}/share?url=${encodeURIComponent(post.url)}`)).json();
	assert.equal(share.title, POSTS.hello.title);
});
