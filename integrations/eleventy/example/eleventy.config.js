// The example site's own configuration, as a blogger writes it: `npx @11ty/eleventy --config=example/eleventy.config.js
// --input=example`
// with SHAREPULSE_URL and SHAREPULSE_SITE set (and SHAREPULSE_MODE=fragment for the no-JavaScript bar,
// SHAREPULSE_TIMEOUT for the longest wait in ms for one bar, SHAREPULSE_CACHE for where fetched bars are kept).
import sharepulse from "eleventy-plugin-sharepulse";

export default function (eleventyConfig) {
	eleventyConfig.addPlugin(sharepulse, {
		service: process.env.SHAREPULSE_URL,
		site: process.env.SHAREPULSE_SITE,
		baseUrl: "https://blog.example",
		mode: process.env.SHAREPULSE_MODE ?? "script",
		networks: ["reddit", "bluesky", "email"],
		timeout: Number(process.env.SHAREPULSE_TIMEOUT ?? 3000),
		cacheDirectory: process.env.SHAREPULSE_CACHE ?? ".cache",
	});
}

