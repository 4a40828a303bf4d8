/* Sharepulse arrivals for pages without a share bar: <script src="https://SERVICE/a.js" data-site="SITE" async>.
   When the page was opened through a link shared with our bar (?sp=<network>), it reports one arrival for the
   page and that network (no cookie, nothing about the reader) and removes the tag from the address bar. */
(() => {
  const D = document, me = D.currentScript, site = me && me.dataset.site;
  const u = new URL(location.href), sp = u.searchParams.get('sp');
  if (!site || !sp) return;
  const base = me.src.replace(/\/(v\/[^/]+\/)?a\.js([?#].*)?$/, '');
  const canonical = D.querySelector('link[rel=canonical]')?.href || D.querySelector('meta[property="og:url"]')?.content;
  u.searchParams.delete('sp');
  navigator.sendBeacon(`${base}/api/v1/sites/${encodeURIComponent(site)}/arrivals`,
    JSON.stringify({ network: sp, url: me.dataset.url || canonical || u.href.split('#')[0] }));
  history.replaceState(history.state, '', u.href);
})();
