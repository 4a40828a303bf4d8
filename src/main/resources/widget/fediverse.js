/* The fediverse picker (/fediverse?post=…&network=…): asks for the reader's server and its software once, keeps
   them in localStorage (never sent to us), and opens https://{server}{that software's share path}; any other
   software goes to Share₂Fedi. */
(() => {
  const D = document, KEY = 'sharepulse.fediverse', OLD = 'sharepulse.mastodon.instance';
  const main = D.querySelector('main[data-network]'), form = D.getElementById('pick');
  const select = D.getElementById('software'), input = D.getElementById('instance');
  const error = D.getElementById('error'), known = D.getElementById('known'), forget = D.getElementById('forget');
  // Same rule as NetworkCatalog.INSTANCE: a DNS name of two labels or more, no port, user or path.
  const VALID = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
  // People paste "https://mastodon.social/@alice" or "@alice@mastodon.social": keep the host.
  const clean = v => v.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/[/?#].*$/, '').replace(/^.*@/, '');
  // What we keep: the software last chosen and a server per software, as {"software":"…","servers":{"…":"…"}}.
  const load = () => {
    let saved = {};
    try {
      saved = JSON.parse(localStorage.getItem(KEY) || '{}') || {};
      const old = localStorage.getItem(OLD);
      if (old) {
        // The Mastodon picker's key: taken over once, then gone.
        saved = { software: saved.software || 'mastodon', servers: { mastodon: old, ...saved.servers } };
        localStorage.setItem(KEY, JSON.stringify(saved));
        localStorage.removeItem(OLD);
      }
    } catch (e) { /* private mode, or not ours */ }
    const servers = {};
    for (const [k, v] of Object.entries(saved.servers || {})) {
      if (typeof v == 'string' && VALID.test(v)) servers[k] = v;
    }
    return { software: typeof saved.software == 'string' ? saved.software : null, servers };
  };
  const save = s => {
    try { s ? localStorage.setItem(KEY, JSON.stringify(s)) : localStorage.removeItem(KEY); } catch (e) { /* private mode */ }
  };
  const option = id => [...select.options].find(o => o.value == id);
  let saved = load();
  const show = () => {
    const host = saved.servers[select.value] || '';
    input.value = host;
    known.querySelector('b').textContent = host;
    known.hidden = !host;
    error.textContent = '';
    input.removeAttribute('aria-invalid');
  };
  // The button clicked names its software (Mastodon, Misskey, Lemmy); the generic one takes the reader's last choice.
  select.value = option(main.dataset.network) ? main.dataset.network
    : option(saved.software) ? saved.software : select.options[0].value;
  show();
  form.hidden = false;
  select.addEventListener('change', show);
  form.addEventListener('submit', e => {
    e.preventDefault();
    const host = clean(input.value), chosen = option(select.value), other = chosen.value == 'other';
    if (!VALID.test(host) && !(other && !host)) {
      error.textContent = 'That is not a server name. Type the part after the second @ of your handle, like mastodon.social.';
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    saved = { software: chosen.value, servers: { ...saved.servers } };
    if (host) saved.servers[chosen.value] = host;
    save(saved);
    location.assign(other ? chosen.dataset.href + (host ? '&instance=' + encodeURIComponent(host) : '')
      : 'https://' + host + chosen.dataset.path);
  });
  forget.addEventListener('click', () => {
    saved = { software: null, servers: {} };
    save(null);
    show();
    input.focus();
  });
})();
