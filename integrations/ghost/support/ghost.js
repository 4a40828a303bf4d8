// Starts a real Ghost 5 (installed by ensure-ghost.sh) on SQLite in a folder of its own, with the example theme
// (test/theme plus partials/sharepulse.hbs) active and pointed at a Sharepulse, the code-injection snippet in the
// site footer, and three posts published through the Admin API: one with a public tag, one with the internal tag
// #no-share, one with a public tag named "no-share".
// Ghost is stopped by its process handle.
//   GHOST_HOME=… node support/ghost.js <port> <sharepulse address> <site id>
// prints one line of JSON ({"url":…,"posts":{…}}) once the posts are published, and runs until it is ended.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cp, mkdir, mkdtemp, open, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PARTIAL } from "./render.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const THEME = "sharepulse-example";
// Ghost refuses passwords it finds guessable; a random one per run.
const OWNER = { name: "Editor", email: "editor@blog.example", password: randomBytes(18).toString("base64url") };

export const POSTS = {
	hello: { title: 'Hello & "welcome" <Ghost>', tags: [{ name: "News" }] },
	quiet: { title: "Not for sharing", tags: [{ name: "News" }, { name: "#no-share" }] },
	public: { title: "A public tag named no-share", tags: [{ name: "no-share" }] },
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts Ghost from `home` on localhost:`port` and sets it up; returns its address, the published posts (as the
 * Admin API answered them), the theme settings, the activation answer and stop(), which ends Ghost and removes
 * its folder.
 */
export async function startGhost({ home, port, service, site, networks = "", bootTimeout = 240_000 }) {
	const dir = await mkdtemp(path.join(tmpdir(), "sharepulse-ghost-"));
	const content = path.join(dir, "content");
	await cp(path.join(home, "content"), content, { recursive: true });
	const theme = path.join(content, "themes", THEME);
	await cp(path.join(HERE, "..", "test", "theme"), theme, { recursive: true });
	await mkdir(path.join(theme, "partials"), { recursive: true });
	await cp(PARTIAL, path.join(theme, "partials", "sharepulse.hbs"));

	const url = `http://localhost:${port}`;
	const log = await open(path.join(dir, "ghost.log"), "w");
	const ghost = spawn(process.execPath, ["index.js"], {
		cwd: home,
		stdio: ["ignore", log.fd, log.fd],
		env: {
			...process.env,
			NODE_ENV: "production",
			url,
			server__host: "127.0.0.1",
			server__port: String(port),
			database__client: "sqlite3",
			database__connection__filename: path.join(dir, "ghost.db"),
			database__useNullAsDefault: "true",
			paths__contentPath: content,
			logging__transports: '["stdout"]',
			logging__level: "warn",
			// Nothing leaves the machine: no update check, Gravatar or pings, and mail goes nowhere.
			privacy__useTinfoil: "true",
			mail__transport: "stub",
			mail__from: "ghost@blog.example",
			// A new staff session would otherwise wait for a code sent by email.
			security__staffDeviceVerification: "false",
		},
	});
	const exited = new Promise((resolve) => ghost.once("exit", resolve));
	const stop = async () => {
		if (ghost.exitCode === null && ghost.signalCode === null) {
			ghost.kill("SIGTERM");
			const ended = await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]);
			if (!ended) {
				ghost.kill("SIGKILL");
				await exited;
			}
		}
		await log.close();
		await rm(dir, { recursive: true, force: true });
	};
	const output = () => readFile(path.join(dir, "ghost.log"), "utf8").catch(() => "");

	try {
		// Ghost answers 503 ("We'll be right back") from the moment it listens until it has booted.
		const deadline = Date.now() + bootTimeout;
		for (;;) {
			if (ghost.exitCode !== null) throw new Error(`Ghost exited with ${ghost.exitCode}:\n${await output()}`);
			const ready = await fetch(`${url}/ghost/api/admin/site/`).then((r) => r.status === 200, () => false);
			if (ready) break;
			if (Date.now() > deadline) throw new Error(`Ghost did not boot within ${bootTimeout} ms:\n${await output()}`);
			await sleep(500);
		}

		const admin = adminApi(url);
		await admin("POST", "authentication/setup/", { setup: [{ ...OWNER, blogTitle: "Sharepulse test blog" }] });
		await admin("POST", "session/", { username: OWNER.email, password: OWNER.password });
		const activation = await admin("PUT", `themes/${THEME}/activate/`);
		const settings = { sharepulse_service: service, sharepulse_site: site, sharepulse_networks: networks };
		await admin("PUT", "custom_theme_settings/", {
			custom_theme_settings: Object.entries(settings).map(([key, value]) => ({ key, value })),
		});
		// The snippet as code-injection.html gives it, pointed at this service and site.
		const snippet = (await readFile(path.join(HERE, "..", "code-injection.html"), "utf8"))
			.replace("https://share.example.org", service).replace('data-site="my-blog"', `data-site="${site}"`);
		await admin("PUT", "settings/", { settings: [{ key: "codeinjection_foot", value: snippet }] });
		const posts = {};
		for (const [name, post] of Object.entries(POSTS)) {
			const created = await admin("POST", "posts/?source=html", {
				posts: [{ ...post, html: "<p>Some words.</p>", status: "published" }],
			});
			posts[name] = created.posts[0];
		}
		return { url, posts, settings, snippet, activation, stop, output };
	} catch (e) {
		e.message += `\n${await output()}`;
		await stop();
		throw e;
	}
}

/** Ghost's Admin API with a staff session (a cookie), as Ghost Admin itself uses it. */
function adminApi(url) {
	let cookie = "";
	return async (method, endpoint, body) => {
		const response = await fetch(`${url}/ghost/api/admin/${endpoint}`, {
			method,
			headers: { Origin: url, "Content-Type": "application/json", ...(cookie ? { Cookie: cookie } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const set = response.headers.getSetCookie();
		if (set.length) cookie = set.map((c) => c.split(";")[0]).join("; ");
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${endpoint} answered ${response.status}: ${text}`);
		return response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : {};
	};
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const [port, service, site] = process.argv.slice(2);
	const ghost = await startGhost({ home: process.env.GHOST_HOME, port: Number(port), service, site });
	const end = () => ghost.stop().then(() => process.exit(0));
	process.on("SIGTERM", end);
	process.on("SIGINT", end);
	const posts = Object.fromEntries(Object.entries(ghost.posts).map(([k, p]) => [k, p.url]));
	process.stdout.write(JSON.stringify({ url: ghost.url, posts }) + "\n");
}
