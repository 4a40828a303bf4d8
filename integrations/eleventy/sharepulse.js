// Sharepulse share bars for Eleventy 3: a `sharepulse` shortcode that renders a <share-bar> element (the page gets
// Sharepulse's widget script once) or, in fragment mode, the no-JavaScript bar fetched from the service at build time.
import EleventyFetch from "@11ty/eleventy-fetch";

/** Options that become the bar's data-* attributes (script mode) or /embed query parameters (fragment mode). */
const BAR_OPTIONS = ["networks", "theme", "layout", "size", "counts", "labels"];

const DEFAULTS = {
	mode: "script",
	cacheDuration: "1h",
	cacheDirectory: ".cache",
	timeout: 3000,
};

const MODES = ["script", "fragment"];

const escapeAttribute = (value) =>
	String(value)
		.replace(/&/g, "&amp;")
		.replace(/"/g, "&quot;")
		.replace(/</g, "&lt;")
		.replace(/>/g, "&gt;");

const attributes = (map) =>
	Object.entries(map)
		.filter(([, v]) => v !== undefined && v !== null && v !== "")
		.map(([k, v]) => ` data-${k}="${escapeAttribute(v)}"`)
		.join("");

/** Arrays of networks are written as the widget reads them: ids separated by commas. */
const barOptions = (options) => {
	const out = {};
	for (const key of BAR_OPTIONS) {
		const value = options[key];
		if (value !== undefined && value !== null && value !== "") {
			out[key] = Array.isArray(value) ? value.join(",") : String(value);
		}
	}
	return out;
};

/** The page's data, from any template language's shortcode context (Liquid's is a scope object with getAll()). */
const pageData = (ctx) => (ctx && typeof ctx.getAll === "function" ? ctx.getAll() : ctx) || {};

/** What went wrong with a fetch, from its innermost cause: ECONNREFUSED, a timeout, the status of the answer. */
const reason = (error, timeout) => {
	let e = error;
	while (e?.cause instanceof Error) e = e.cause;
	if (e?.name === "TimeoutError") return `no answer within ${timeout} ms`;
	return typeof e?.code === "string" ? e.code : e?.message ?? String(error);
};

/** An Eleventy collection item (`{% sharepulse post %}` on an index page): its URL, title and own front matter. */
const isItem = (value) => value && typeof value === "object" && typeof value.data === "object" && "url" in value;

/**
 * The shortcode's arguments: `()` for the page itself, `(item)` for a collection item, `(options)` (Nunjucks
 * keyword arguments, a JavaScript object, a Liquid variable), `(url, title)` or `(url, title, options)`.
 * Returns the options of this call and, for a collection item, that item's front matter.
 */
const callArguments = (args) => {
	if (isItem(args[0])) {
		const item = args[0];
		const extra = isItem(args.at(-1)) ? {} : { ...args.at(-1) };
		delete extra.__keywords;
		return { call: { url: item.url || undefined, title: item.data.title, ...extra }, front: item.data.sharepulse };
	}
	const last = args.at(-1);
	const call = last && typeof last === "object" ? { ...last } : {};
	delete call.__keywords; // Nunjucks' marker for keyword arguments
	// Nunjucks passes "" for a call without arguments.
	if (typeof args[0] === "string" && args[0] !== "") call.url ??= args[0];
	if (typeof args[1] === "string" && args[1] !== "") call.title ??= args[1];
	return { call };
};

export default function sharepulse(eleventyConfig, pluginOptions = {}) {
	const settings = { ...DEFAULTS, ...pluginOptions };
	if (!settings.service) {
		throw new Error('eleventy-plugin-sharepulse: the "service" option is required (your Sharepulse address, e.g. https://share.example.org)');
	}
	if (!settings.site) {
		throw new Error('eleventy-plugin-sharepulse: the "site" option is required (your site id in Sharepulse)');
	}
	if (!MODES.includes(settings.mode)) {
		throw new Error(`eleventy-plugin-sharepulse: "mode" is "script" or "fragment", not "${settings.mode}"`);
	}
	const service = String(settings.service).replace(/\/+$/, "");
	const scriptTag =
		`<script src="${escapeAttribute(service + "/widget.js")}"` +
		attributes({ site: settings.site, ...barOptions(settings) }) +
		" async></script>";

	// Once a fetch failed in a build, the rest of that build uses the script tag straight away: a service that is
	// down costs the build one timeout, not one per page.
	let unavailable = false;
	const warned = new Set();
	eleventyConfig.on("eleventy.before", () => {
		unavailable = false;
		warned.clear();
	});
	const warnOnce = (message) => {
		if (warned.has(message)) return;
		warned.add(message);
		console.warn(`[sharepulse] ${message}`);
	};

	// A bar for the page itself needs no address in script mode (the widget reads the canonical link or the address
	// bar); any other page's does, and so does every fragment.
	const absolute = (url, inputPath) => {
		if (/^https?:\/\//i.test(url)) return url;
		if (!settings.baseUrl) {
			throw new Error(`eleventy-plugin-sharepulse: "${url}" in ${inputPath} is not an absolute URL; ` +
				'set the plugin\'s "baseUrl" option to your blog\'s address (e.g. https://blog.example.org)');
		}
		return new URL(url, settings.baseUrl).href;
	};
	const ownAddress = (page) =>
		settings.baseUrl && typeof page?.url === "string" ? new URL(page.url, settings.baseUrl).href : undefined;

	const element = (bar) => `<share-bar${attributes(bar)}></share-bar>`;

	const fragment = async (site, bar) => {
		const query = new URLSearchParams();
		for (const [k, v] of Object.entries(bar)) query.set(k, v);
		const source = `${service}/embed/${encodeURIComponent(site)}?${query}`;
		const html = await EleventyFetch(source, {
			type: "text",
			duration: settings.cacheDuration,
			directory: settings.cacheDirectory,
			fetchOptions: {
				headers: { Accept: "text/html" },
				// A getter, so each request gets its own deadline when it starts (eleventy-fetch reuses its options
				// for every later fetch of the same URL, in watch mode too).
				get signal() {
					return AbortSignal.timeout(settings.timeout);
				},
			},
		});
		if (!html.trim()) throw new Error(`${source} answered an empty page`);
		return html;
	};

	eleventyConfig.addShortcode("sharepulse", async function (...args) {
		const data = pageData(this.ctx);
		const { call, front = data.sharepulse } = callArguments(args);
		if (front === false) return "";
		const own = { ...(front && typeof front === "object" ? front : {}), ...call };
		const inputPath = this.page?.inputPath ?? "a template";
		const url = call.url ? absolute(call.url, inputPath) : ownAddress(this.page);
		const title = call.title ?? (call.url ? undefined : data.title);
		const site = own.site ?? settings.site;
		// The element carries what differs from the script tag's defaults; the fragment needs everything.
		const bar = { ...(own.site ? { site } : {}), url, title, ...barOptions(own) };
		const mode = own.mode ?? settings.mode;

		if (mode !== "fragment") return element(bar);
		if (!url) {
			warnOnce(`fragment mode needs the plugin's "baseUrl" option for ${inputPath}; using the script tag`);
			return element(bar);
		}
		if (unavailable) return element(bar);
		try {
			return await fragment(site, { url, title, ...barOptions({ ...settings, ...own }) });
		} catch (e) {
			unavailable = true;
			warnOnce(`${service} did not give the bar (${reason(e, settings.timeout)}); this build uses the script tag instead`);
			return element(bar);
		}
	});

	// One script tag per page, however many bars it has, and none on pages without a bar.
	eleventyConfig.addTransform("sharepulse", function (content) {
		const outputPath = this.page?.outputPath;
		if (typeof outputPath !== "string" || !outputPath.endsWith(".html")) return content;
		if (!content.includes("<share-bar") || content.includes(`${service}/widget.js`)) return content;
		const end = content.toLowerCase().lastIndexOf("</body>");
		return end < 0 ? content + scriptTag + "\n" : content.slice(0, end) + scriptTag + "\n" + content.slice(end);
	});
}
