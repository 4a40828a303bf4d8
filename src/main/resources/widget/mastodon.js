/* The Mastodon instance picker (/mastodon?post=…): asks for the reader's instance once, keeps it in
   localStorage (never sent to us), and opens https://{instance}/share?text=… . */
(() => {
  const D = document, KEY = 'sharepulse.mastodon.instance';
  const main = D.querySelector('main[data-path]'), form = D.getElementById('pick'), input = D.getElementById('instance');
  const error = D.getElementById('error'), known = D.getElementById('known'), forget = D.getElementById('forget');
  // Same rule as NetworkCatalog.INSTANCE: a DNS name of two labels or more, no port, user or path.
  const VALID = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
  // People paste "https://mastodon.social/@alice" or "@alice@mastodon.social": keep the host.
  const clean = v => v.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/[/?#].*$/, '').replace(/^.*@/, '');
  const store = {
    get() { try { return localStorage.getItem(KEY); } catch (e) { return null; } },
    set(v) { try { v ? localStorage.setItem(KEY, v) : localStorage.removeItem(KEY); } catch (e) { /* private mode */ } }
  };
  const remembered = store.get();
  if (remembered && VALID.test(remembered)) {
    input.value = remembered;
    known.querySelector('b').textContent = remembered;
    known.hidden = false;
  }
  form.hidden = false;
  form.addEventListener('submit', e => {
    e.preventDefault();
    const host = clean(input.value);
    if (!VALID.test(host)) {
      error.textContent = 'That is not an instance name. Type the part after the second @ of your handle, like mastodon.social.';
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    error.textContent = '';
    input.removeAttribute('aria-invalid');
    store.set(host);
    location.assign('https://' + host + main.dataset.path);
  });
  forget.addEventListener('click', () => {
    store.set(null);
    input.value = '';
    known.hidden = true;
    input.focus();
  });
})();
