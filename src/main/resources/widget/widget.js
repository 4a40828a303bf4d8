/* Sharepulse share bar. <script src="https://SERVICE/widget.js" data-site="SITE" async></script> renders a bar
   where it stands; <share-bar data-…> elements render one each. Options (data-*): site, url, title, networks,
   theme (light|dark|auto), layout (horizontal|vertical), size (s|m|l), counts (on|off), labels (on|off).
   One request to our service per page view for the counts (the site's buttons are cached); no cookie; no third party; strict-CSP safe. */
(() => {
  const D = document, N = navigator, me = D.currentScript;
  if (!me || customElements.get('share-bar')) return;
  const base = me.src.replace(/\/(v\/[^/]+\/)?widget\.js([?#].*)?$/, '');
  const defaults = { ...me.dataset };
  const dark = matchMedia('(prefers-color-scheme: dark)');
  const fmt = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
  const enc = encodeURIComponent;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`
:host{display:block;margin:1em 0}
.b{--bg:#f6f8fa;--fg:#1f2328;--mu:#59636e;--bd:#d1d9e0;--f:#0969da;font:14px/1.2 system-ui,sans-serif}
.dark{--bg:#262c36;--fg:#f0f6fc;--mu:#b7bdc8;--bd:#3d444d;--f:#4493f8}
ul{display:flex;flex-wrap:wrap;gap:var(--share-bar-gap,8px);margin:0;padding:0;list-style:none}
.v ul{flex-direction:column;align-items:stretch;width:max-content}
a,button{box-sizing:border-box;display:flex;align-items:center;gap:6px;min-width:44px;min-height:44px;
padding:0 11px;border:1px solid var(--share-bar-border,var(--bd));border-radius:var(--share-bar-radius,8px);
background:var(--share-bar-bg,var(--bg));color:var(--share-bar-fg,var(--fg));font:inherit;text-decoration:none;cursor:pointer}
a:hover,button:hover{border-color:currentColor}
.r{border-style:dashed}
:focus-visible{outline:3px solid var(--share-bar-focus,var(--f));outline-offset:2px}
svg{width:20px;height:20px;flex:none;fill:var(--c,currentColor)}
.dark svg{fill:var(--k,currentColor)}
small{font-size:inherit;color:var(--share-bar-muted,var(--mu));font-variant-numeric:tabular-nums}
.s{font-size:13px}.s svg{width:16px;height:16px}
.l{font-size:16px}.l a,.l button{min-height:52px}.l svg{width:26px;height:26px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}`);
  const meta = (sel, key) => D.querySelector(sel)?.[key];
  const el = (tag, part, text) => {
    const e = D.createElement(tag);
    if (part) e.setAttribute('part', part);
    if (text != null) e.textContent = text;
    return e;
  };

  // A reader back through a link we handed a network (?sp=<network>): report it once, then take the tag away.
  const arrive = site => {
    const u = new URL(location.href), sp = u.searchParams.get('sp');
    if (!sp || !site) return;
    u.searchParams.delete('sp');
    N.sendBeacon(`${base}/api/v1/sites/${enc(site)}/arrivals`, JSON.stringify({ network: sp, url: defaults.url
      || meta('link[rel=canonical]', 'href') || meta('meta[property="og:url"]', 'content') || u.href.split('#')[0] }));
    history.replaceState(history.state, '', u.href);
  };

  class ShareBar extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      const o = { ...defaults, ...this.dataset };
      if (!o.site) return console.warn('share-bar: data-site is missing');
      const root = this.attachShadow({ mode: 'open' });
      root.adoptedStyleSheets = [sheet];
      const url = o.url || meta('link[rel=canonical]', 'href') || meta('meta[property="og:url"]', 'content')
        || location.href.split('#')[0];
      const title = o.title || meta('meta[property="og:title"]', 'content') || D.title;
      const get = (path, cache) => fetch(base + path, { cache, credentials: 'omit' })
        .then(r => r.ok ? r.json() : Promise.reject(new Error(path.split('?')[0] + ' answered ' + r.status)));
      // The page's counts are revalidated every time (a 304 while nothing changed), so a count never shows stale
      // after a click; the site's buttons come from its bar, versioned and kept by the browser.
      get(`/api/v1/sites/${enc(o.site)}/share?view=counts&url=${enc(url)}&title=${enc(title)}`, 'no-cache')
        .then(doc => get(doc.bar, 'default').then(bar => this.render(root, doc, bar, o)))
        .catch(e => console.warn('share-bar:', e.message));
    }

    render(root, doc, bar, o) {
      const theme = o.theme || bar.theme;
      const nav = el('nav', 'bar'), ul = el('ul'), status = el('span', null, '');
      const colours = new CSSStyleSheet();
      const hex = /^#[0-9A-Fa-f]{6}$/;
      let rules = '';
      const beacon = network => N.sendBeacon(`${base}/api/v1/posts/${enc(doc.post)}/events`,
        JSON.stringify({ network }));
      const want = o.networks && o.networks.split(',').map(s => s.trim());
      const links = want ? want.map(id => bar.links.find(l => l.network == id)).filter(Boolean) : bar.links;
      nav.setAttribute('aria-label', 'Share this page');
      nav.className = 'b ' + (o.size || 'm') + (o.layout == 'vertical' ? ' v' : '');
      status.className = 'sr';
      status.setAttribute('role', 'status');
      const shareData = { url: doc.url, title: doc.title };
      for (const l of links) {
        let b;
        const count = doc.counts[l.network];
        if (l.kind != 'action') {
          b = el('a', 'button');
          b.href = `${base}/s/${enc(doc.post)}/${l.network}`;
          b.target = '_blank';
          b.rel = 'noopener noreferrer nofollow';
        } else if (l.network == 'copy' && N.clipboard) {
          b = el('button', 'button');
          b.addEventListener('click', () => N.clipboard.writeText(doc.url).then(() => {
            status.textContent = 'Link copied';
            beacon('copy');
          }, () => status.textContent = 'Could not copy the link'));
        } else if (l.network == 'webshare' && N.canShare?.(shareData)) {
          b = el('button', 'button');
          b.addEventListener('click', () => N.share(shareData).then(() => beacon('webshare'), () => {}));
        } else if (l.network == 'print') {
          b = el('button', 'button');
          b.addEventListener('click', () => (beacon('print'), print()));
        } else continue;
        if (l.kind == 'action') b.type = 'button';
        b.className = 'n-' + l.network + (l.status == 'retired' ? ' r' : '');
        b.title = l.label;
        b.setAttribute('aria-label', l.label);
        if (/^[a-z0-9]+$/.test(l.network) && (hex.test(l.color) || hex.test(l.colorDark))) {
          rules += `.n-${l.network}{${hex.test(l.color) ? '--c:' + l.color + ';' : ''}${
            hex.test(l.colorDark) ? '--k:' + l.colorDark : ''}}`;
        }
        const svg = D.createElementNS('http://www.w3.org/2000/svg', 'svg');
        const path = D.createElementNS('http://www.w3.org/2000/svg', 'path');
        svg.setAttribute('viewBox', '0 0 24 24');
        svg.setAttribute('aria-hidden', 'true');
        svg.setAttribute('part', 'icon');
        path.setAttribute('d', l.icon || '');
        svg.append(path);
        b.append(svg);
        if (o.labels != 'off') b.append(el('span', 'label', l.name));
        if (o.counts != 'off' && count > 0) b.append(el('small', 'count', fmt.format(count).toLowerCase()));
        const li = el('li');
        li.append(b);
        ul.append(li);
      }
      colours.replaceSync(rules);
      root.adoptedStyleSheets = [sheet, colours];
      const paint = () => nav.classList.toggle('dark', theme == 'dark' || theme != 'light' && dark.matches);
      paint();
      dark.addEventListener('change', paint);
      nav.append(ul, status);
      root.append(nav);
    }
  }

  customElements.define('share-bar', ShareBar);
  // The script tag alone renders a bar where it stands (in <body>), unless the page placed <share-bar> elements.
  const place = () => {
    arrive(defaults.site || D.querySelector('share-bar')?.dataset.site);
    if (!defaults.site || D.querySelector('share-bar')) return;
    const bar = D.createElement('share-bar');
    me.closest('body') ? me.after(bar) : D.body.append(bar);
  };
  D.readyState == 'loading' ? D.addEventListener('DOMContentLoaded', place) : place();
})();
