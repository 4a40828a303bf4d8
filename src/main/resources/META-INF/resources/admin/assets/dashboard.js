// Sharepulse analytics dashboard: plain JavaScript, no build step. Talks only to this origin's admin API with
// the key the admin pastes (kept in memory, never stored). Text from the API is always set as textContent.
(function () {
  'use strict';

  const API = '/admin/v1';
  const PAGE = 10;
  const $ = (id) => document.getElementById(id);
  const state = { key: null, site: null, offset: 0, chart: null, attrChart: null };

  function utcToday() {
    return new Date().toISOString().slice(0, 10);
  }

  function daysBefore(day, n) {
    const d = new Date(day + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() - n);
    return d.toISOString().slice(0, 10);
  }

  async function api(path, accept) {
    const response = await fetch(API + path, {
      headers: { 'Authorization': 'Bearer ' + state.key, 'Accept': accept || 'application/json' },
      cache: 'no-store'
    });
    if (!response.ok) {
      let detail = response.status + ' ' + response.statusText;
      try {
        const problem = await response.json();
        detail = problem.detail || problem.title || detail;
      } catch (e) { /* not a problem document */ }
      const error = new Error(detail);
      error.status = response.status;
      throw error;
    }
    return accept ? response.blob() : response.json();
  }

  function show(el, text) {
    el.textContent = text;
    el.hidden = !text;
  }

  function query(extra) {
    const params = new URLSearchParams({ from: $('from').value, to: $('to').value });
    Object.entries(extra || {}).forEach(([k, v]) => params.set(k, v));
    return params.toString();
  }

  function sitePath(what) {
    return '/sites/' + encodeURIComponent(state.site) + '/' + what;
  }

  async function signIn(event) {
    event.preventDefault();
    state.key = $('key').value.trim();
    show($('auth-error'), '');
    try {
      const me = await api('/me');
      const select = $('site');
      select.replaceChildren();
      let sites;
      if (me.kind === 'operator') {
        sites = (await api('/sites')).map((s) => s.id);
        show($('who'), 'Operator');
      } else {
        sites = [me.site];
        show($('who'), 'Key "' + me.name + '" · ' + me.role + ' · site ' + me.site);
      }
      if (sites.length === 0) {
        throw new Error('There is no site yet.');
      }
      sites.forEach((id) => select.append(new Option(id, id)));
      state.site = sites[0];
      $('to').value = utcToday();
      $('from').value = daysBefore(utcToday(), 29);
      $('auth').hidden = true;
      $('dash').hidden = false;
      await refresh();
    } catch (e) {
      state.key = null;
      show($('auth-error'), e.status === 401 ? 'This key is not valid, or was revoked.' : e.message);
    }
  }

  async function refresh() {
    show($('error'), '');
    state.offset = 0;
    try {
      await Promise.all([loadSeries(), loadNetworks(), loadPosts(), loadAttribution()]);
      document.body.dataset.loaded = $('from').value + '/' + $('to').value;
    } catch (e) {
      show($('error'), e.message);
    }
  }

  async function loadSeries() {
    const interval = $('interval').value;
    const stats = await api(sitePath('stats') + '?' + query({ interval: interval }));
    $('total-clicks').textContent = stats.totals.clicks.toLocaleString();
    $('total-uniques').textContent = stats.totals.uniques == null ? '–' : stats.totals.uniques.toLocaleString();
    $('total-bots').textContent = stats.totals.bots == null ? '–' : stats.totals.bots.toLocaleString();
    const data = [stats.series.map((b) => b.epoch), stats.series.map((b) => b.clicks)];
    const series = [{}, { label: 'Clicks', stroke: '#2563eb', fill: 'rgba(37,99,235,0.12)', width: 2 }];
    if (interval !== 'hour') {
      data.push(stats.series.map((b) => b.uniques == null ? null : b.uniques));
      series.push({ label: 'Visitors', stroke: '#16a34a', width: 1.5, dash: [5, 4] });
    }
    const box = $('chart');
    if (state.chart) {
      state.chart.destroy();
    }
    box.replaceChildren();
    state.chart = new uPlot({
      width: Math.max(320, box.clientWidth),
      height: 300,
      series: series,
      scales: { x: { time: true } },
      axes: [{}, { label: 'per ' + interval }],
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC')
    }, data, box);
    drawAttribution(stats, interval);
  }

  // Shares (counted clicks) against the visits they brought back, per bucket; arrivals are kept per UTC day.
  function drawAttribution(stats, interval) {
    const box = $('attr-chart');
    if (state.attrChart) {
      state.attrChart.destroy();
      state.attrChart = null;
    }
    box.replaceChildren();
    if (interval === 'hour') {
      return;
    }
    state.attrChart = new uPlot({
      width: Math.max(320, box.clientWidth),
      height: 220,
      series: [{}, { label: 'Shares', stroke: '#2563eb', width: 2 },
        { label: 'Visits from shares', stroke: '#ea580c', fill: 'rgba(234,88,12,0.10)', width: 2 }],
      scales: { x: { time: true } },
      axes: [{}, { label: 'per ' + interval }],
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC')
    }, [stats.series.map((b) => b.epoch), stats.series.map((b) => b.clicks),
      stats.series.map((b) => b.arrivals == null ? null : b.arrivals)], box);
  }

  function cell(text, numeric) {
    const td = document.createElement('td');
    if (numeric) {
      td.className = 'num';
    }
    td.textContent = text;
    return td;
  }

  function ratio(value) {
    return value == null ? '–' : value.toFixed(1);
  }

  async function loadAttribution() {
    const result = await api(sitePath('attribution') + '?' + query());
    $('total-shares').textContent = result.current.shares.toLocaleString();
    $('total-arrivals').textContent = result.current.arrivals.toLocaleString();
    $('total-ratio').textContent = ratio(result.current.arrivalsPerShare);
    $('attr-change').textContent = result.summary;
    const list = (counts) => Object.entries(counts).sort((a, b) => b[1] - a[1])
      .map(([k, v]) => k + ' ' + v.toLocaleString()).join(' · ') || '–';
    $('context').textContent = 'Shares by device: ' + list(result.context.devices) + '. By browser: '
      + list(result.context.browsers) + '.';
    const rows = result.networks.map((n) => {
      const tr = document.createElement('tr');
      tr.title = n.summary;
      tr.append(cell(n.name), cell(n.shares.toLocaleString(), true), cell(n.arrivals.toLocaleString(), true),
        cell(ratio(n.arrivalsPerShare), true));
      return tr;
    });
    $('attribution').tBodies[0].replaceChildren(...rows);
  }

  async function loadNetworks() {
    const result = await api(sitePath('networks') + '?' + query());
    const rows = result.networks.filter((n) => n.clicks > 0 || n.bots > 0).map((n) => {
      const tr = document.createElement('tr');
      const name = document.createElement('td');
      name.textContent = n.name;
      const clicks = document.createElement('td');
      clicks.className = 'num';
      clicks.textContent = n.clicks.toLocaleString();
      const share = document.createElement('td');
      share.className = 'num';
      share.textContent = (n.share * 100).toFixed(1) + ' %';
      tr.append(name, clicks, share);
      return tr;
    });
    $('networks').tBodies[0].replaceChildren(...rows);
    const reasons = {
      'not-navigation': 'Not a click (an image, script or fetch of a share link)',
      'foreign-origin': 'Event from another site\u2019s page',
      'network-not-offered': 'Network not on the bar',
      'client-cap': 'One client past its clicks per post and network'
    };
    const refused = Object.entries(result.refused || {}).map(([reason, count]) => {
      const tr = document.createElement('tr');
      const name = document.createElement('td');
      name.textContent = reasons[reason] || reason;
      const n = document.createElement('td');
      n.className = 'num';
      n.textContent = count.toLocaleString();
      tr.append(name, n);
      return tr;
    });
    $('refused').tBodies[0].replaceChildren(...refused);
  }

  async function loadPosts() {
    const result = await api(sitePath('posts') + '?' + query({ limit: PAGE, offset: state.offset }));
    const rows = result.posts.map((p) => {
      const tr = document.createElement('tr');
      const post = document.createElement('td');
      const link = document.createElement('a');
      link.href = /^https?:\/\//.test(p.url || '') ? p.url : '#';
      link.rel = 'noopener noreferrer';
      link.target = '_blank';
      link.textContent = p.title || p.url || p.post;
      const url = document.createElement('small');
      url.textContent = p.url || p.post;
      post.append(link, url);
      const clicks = document.createElement('td');
      clicks.className = 'num';
      clicks.textContent = p.clicks.toLocaleString();
      const top = document.createElement('td');
      top.textContent = p.topNetwork || '';
      tr.append(post, clicks, cell(p.arrivals.toLocaleString(), true), top);
      return tr;
    });
    $('posts').tBodies[0].replaceChildren(...rows);
    const pages = Math.max(1, Math.ceil(result.totalPosts / PAGE));
    $('page').textContent = 'Page ' + (Math.floor(state.offset / PAGE) + 1) + ' of ' + pages;
    $('prev').disabled = state.offset === 0;
    $('next').disabled = state.offset + PAGE >= result.totalPosts;
  }

  async function page(delta) {
    state.offset = Math.max(0, state.offset + delta * PAGE);
    try {
      await loadPosts();
    } catch (e) {
      show($('error'), e.message);
    }
  }

  async function downloadCsv() {
    try {
      const blob = await api(sitePath('export.csv') + '?' + query({ granularity: 'day' }), 'text/csv');
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = 'sharepulse-' + state.site + '-' + $('from').value + '-' + $('to').value + '.csv';
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e) {
      show($('error'), e.message);
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('auth').addEventListener('submit', signIn);
    $('controls').addEventListener('submit', (event) => {
      event.preventDefault();
      refresh();
    });
    $('site').addEventListener('change', () => {
      state.site = $('site').value;
      refresh();
    });
    $('interval').addEventListener('change', refresh);
    document.querySelectorAll('[data-days]').forEach((button) => button.addEventListener('click', () => {
      $('to').value = utcToday();
      $('from').value = daysBefore(utcToday(), Number(button.dataset.days) - 1);
      refresh();
    }));
    $('prev').addEventListener('click', () => page(-1));
    $('next').addEventListener('click', () => page(1));
    $('csv').addEventListener('click', downloadCsv);
  });
})();
