(function () {
  'use strict';
  var doc = document;
  var meta = JSON.parse(doc.getElementById('board-meta').textContent);
  var S = JSON.parse(doc.getElementById('board-strings').textContent);
  function t(i) { return i === null ? null : S[i]; }
  function triples(list, size, map) { var out = []; for (var k = 0; k < list.length; k += size) { out.push(map(list, k)); } return out; }
  // One positional row per account (BoardData.cs writes them); every text is an index into the string table.
  var accounts = JSON.parse(doc.getElementById('board-data').textContent).map(function (r, i) {
    return {
      ix: i, id: t(r[0]), name: t(r[1]), segment: t(r[2]), plan: t(r[3]), arr: r[4], arrText: t(r[5]), p: r[6], pText: t(r[7]),
      band: t(r[8]), offer: t(r[9]), label: t(r[10]), rationale: t(r[11]), opp: r[12], oppText: t(r[13]), window: t(r[14]),
      windowReason: t(r[15]), override: r[16] ? { window: t(r[16][0]), reason: t(r[16][1]), active: r[16][2] } : null,
      confidence: t(r[17]), gate: t(r[18]),
      gates: triples(r[19], 3, function (g, k) { return [t(g[k]), t(g[k + 1]), t(g[k + 2])]; }),
      signals: triples(r[20], 5, function (g, k) { return [t(g[k]), g[k + 1], g[k + 2], null, g[k + 3], t(g[k + 4])]; }),
      loudest: t(r[21]), lift: t(r[22]), pulse: r[23] === 1,
      pitch: { kind: t(r[24]), opening: t(r[25]), sections: triples(r[26], 2, function (g, k) { return [t(g[k]), t(g[k + 1])]; }) },
      kept: r[27].map(t)
    };
  });
  var byId = new Map();
  accounts.forEach(function (a) { byId.set(a.id, a); });
  var decoded = performance.now();
  var bandOrder = new Map(meta.bands.map(function (b, i) { return [b, i]; }));
  var windowKeys = meta.windows.map(function (w) { return w[0]; });
  var windowLabel = new Map(meta.windows);
  var confidenceOrder = { Low: 0, Medium: 1, High: 2 };
  var recorded = new Map();
  doc.documentElement.classList.add('js');

  function el(tag, attrs, children) {
    var e = doc.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) { return; }
        if (k === 'text') { e.textContent = v; } else if (k === 'cls') { e.className = v; } else if (k.slice(0, 2) === 'on') { e.addEventListener(k.slice(2), v); } else { e.setAttribute(k, v === true ? '' : String(v)); }
      });
    }
    (children || []).forEach(function (c) { if (c !== null && c !== undefined) { e.appendChild(typeof c === 'string' ? doc.createTextNode(c) : c); } });
    return e;
  }
  function colour(band) { var i = bandOrder.has(band) ? bandOrder.get(band) : meta.palette.length - 1; return meta.palette[Math.min(i, meta.palette.length - 1)]; }
  function pill(band) { return el('span', { cls: 'pill', style: 'background:' + colour(band), text: band }); }
  function overrideOf(a) { return recorded.get(a.id) || (a.override && a.override.active ? a.override : null); }
  function windowOf(a) { var o = overrideOf(a); return o ? o.window : a.window; }
  function signalValue(a, name) { for (var i = 0; i < a.signals.length; i++) { if (a.signals[i][0] === name) { return a.signals[i][1]; } } return null; }
  function fixed(x, d) { return x === null || x === undefined ? '—' : Number(x).toFixed(d); }

  // ---- the account list -------------------------------------------------------------------------------------------
  var list = { key: 'opp', dir: -1, limit: 200 };
  var columns = [
    ['name', 'Account', function (a) { return a.name; }],
    ['segment', 'Segment', function (a) { return a.segment; }],
    ['band', 'Band', function (a) { return bandOrder.get(a.band); }],
    ['p', 'Prob.', function (a) { return a.p; }],
    ['label', 'Offer', function (a) { return a.label; }],
    ['opp', 'Opportunity', function (a) { return a.opp; }],
    ['window', 'Window', function (a) { return windowKeys.indexOf(windowOf(a)); }],
    ['confidence', 'Confidence', function (a) { return confidenceOrder[a.confidence]; }],
    ['gate', 'Gate', function (a) { return a.gate || ''; }]
  ];
  // The book's kept columns (--keep, such as the owner) after the account's name, sortable and filterable like the others.
  var kept = meta.kept.map(function (name, k) { return ['kept' + k, name, function (a) { return a.kept[k] || ''; }]; });
  Array.prototype.splice.apply(columns, [1, 0].concat(kept));
  function isText(key) { return key === 'name' || key === 'segment' || key === 'label' || key === 'gate' || key.slice(0, 4) === 'kept'; }
  var filters = {};
  var search = '';
  function matches(a) {
    if (filters.band && a.band !== filters.band) { return false; }
    if (filters.window && windowOf(a) !== filters.window) { return false; }
    if (filters.offer && a.offer !== filters.offer) { return false; }
    if (filters.segment && a.segment !== filters.segment) { return false; }
    if (filters.confidence && a.confidence !== filters.confidence) { return false; }
    if (filters.gated === 'yes' && !a.gate) { return false; }
    if (filters.gated === 'no' && a.gate) { return false; }
    for (var k = 0; k < kept.length; k++) { var f = filters['kept' + k]; if (f && (a.kept[k] || '') !== f) { return false; } }
    if (search) {
      var hay = (a.name + ' ' + a.id + ' ' + a.label + ' ' + (a.plan || '') + ' ' + a.kept.join(' ')).toLowerCase();
      if (hay.indexOf(search) < 0) { return false; }
    }
    return true;
  }
  function sortRows(rows, key, dir) {
    var col = columns.filter(function (c) { return c[0] === key; })[0];
    var get = col[2];
    var keyed = rows.map(function (a) { return [get(a), a]; });
    keyed.sort(function (x, y) {
      var u = x[0], v = y[0], c;
      if (typeof u === 'string' || typeof v === 'string') { c = String(u).localeCompare(String(v)); } else { c = u - v; }
      return c !== 0 ? c * dir : x[1].ix - y[1].ix;
    });
    return keyed.map(function (k) { return k[1]; });
  }
  function renderList() {
    var body = doc.getElementById('list-body');
    var rows = sortRows(accounts.filter(matches), list.key, list.dir);
    var frag = doc.createDocumentFragment();
    rows.slice(0, list.limit).forEach(function (a) {
      var o = overrideOf(a);
      frag.appendChild(el('tr', { 'data-id': a.id }, [
        el('td', null, [el('button', { cls: 'link', type: 'button', text: a.name, title: a.name + ' (' + a.id + ')', onclick: function () { openDrill(a.id); } })])
      ].concat(a.kept.map(function (v) { return el('td', { cls: 'kept', text: v || '' }); })).concat([
        el('td', { text: a.segment }),
        el('td', null, [pill(a.band)]),
        el('td', { cls: 'num', text: a.pText + '%' }),
        el('td', { text: a.label }),
        el('td', { cls: 'num', text: a.oppText }),
        el('td', { text: windowLabel.get(windowOf(a)) + (o ? ' (override)' : '') }),
        el('td', { text: a.confidence }),
        el('td', { cls: 'gate', text: a.gate || '' })
      ])));
    });
    body.replaceChildren(frag);
    doc.getElementById('list-count').textContent = 'Showing ' + Math.min(list.limit, rows.length).toLocaleString('en-US') + ' of ' + rows.length.toLocaleString('en-US') + ' matching accounts (' + accounts.length.toLocaleString('en-US') + ' listed)';
    doc.getElementById('list-more').hidden = rows.length <= list.limit;
    doc.querySelectorAll('#list th[data-key]').forEach(function (th) {
      th.setAttribute('aria-sort', th.getAttribute('data-key') === list.key ? (list.dir < 0 ? 'descending' : 'ascending') : 'none');
    });
  }
  function buildList() {
    var head = doc.getElementById('list-head');
    columns.forEach(function (c) {
      head.appendChild(el('th', { 'data-key': c[0], cls: c[0] === 'p' || c[0] === 'opp' ? 'num' : null }, [
        el('button', { type: 'button', cls: 'sort', text: c[1], onclick: function () {
          if (list.key === c[0]) { list.dir = -list.dir; } else { list.key = c[0]; list.dir = isText(c[0]) ? 1 : -1; }
          list.limit = 200; renderList();
        } })
      ]));
    });
    var bar = doc.getElementById('list-filters');
    function select(name, label, values) {
      var s = el('select', { id: 'filter-' + name, 'aria-label': label, onchange: function () { filters[name] = s.value; list.limit = 200; renderList(); } },
        [el('option', { value: '', text: label + ': all' })].concat(values.map(function (v) { return el('option', { value: v[0], text: v[1] }); })));
      bar.appendChild(s);
    }
    function distinct(get) { return Array.from(new Set(accounts.map(get))).sort().map(function (v) { return [v, v]; }); }
    select('band', 'Band', meta.bands.map(function (b) { return [b, b]; }));
    select('window', 'Window', meta.windows);
    select('offer', 'Offer', distinct(function (a) { return a.offer; }));
    select('segment', 'Segment', distinct(function (a) { return a.segment; }));
    kept.forEach(function (c, k) {
      var values = Array.from(new Set(accounts.map(function (a) { return a.kept[k]; }))).filter(function (v) { return v; }).sort();
      select(c[0], c[1], values.map(function (v) { return [v, v]; }));
    });
    select('gated', 'Gated', [['yes', 'gated'], ['no', 'not gated']]);
    select('confidence', 'Confidence', [['High', 'High'], ['Medium', 'Medium'], ['Low', 'Low']]);
    var box = el('input', { id: 'search', type: 'search', placeholder: 'Search name, id, offer', 'aria-label': 'Search accounts', oninput: function () { search = box.value.trim().toLowerCase(); list.limit = 200; renderList(); } });
    bar.appendChild(box);
    doc.getElementById('list-more').addEventListener('click', function () { list.limit += 1000; renderList(); });
  }

  // ---- the heatmap ------------------------------------------------------------------------------------------------
  var heat = { key: 'p', limit: 400 };
  function heatValue(a, key) {
    if (key === 'p') { return a.p; }
    if (key === 'arr') { return a.arr; }
    if (key === 'opp') { return a.opp; }
    var v = signalValue(a, key); return v === null ? -1 : v;
  }
  function renderHeat() {
    var grid = doc.getElementById('heat-grid');
    var rows = accounts.slice().sort(function (x, y) { return (heatValue(y, heat.key) - heatValue(x, heat.key)) || x.ix - y.ix; });
    var frag = doc.createDocumentFragment();
    rows.slice(0, heat.limit).forEach(function (a) {
      var shown = heat.key === 'p' ? a.pText + '%' : heat.key === 'arr' ? a.arrText : heat.key === 'opp' ? a.oppText : fixed(signalValue(a, heat.key), 0);
      var pulse = a.pulse && bandOrder.get(a.band) === 0;
      frag.appendChild(el('button', { type: 'button', cls: 'cell' + (pulse ? ' pulse' : a.pulse ? ' fresh' : ''), style: 'background:' + colour(a.band), 'data-id': a.id, title: a.name + ' — ' + a.band + ', ' + a.pText + '%' + (a.pulse ? ' — trigger event in the last 7 days' : ''), onclick: function () { openDrill(a.id); } }, [
        el('span', { cls: 'n', text: a.name }),
        el('span', { cls: 'p', text: shown }),
        el('span', { cls: 'o', text: a.band + ' · ' + (a.gate ? 'gated: ' + a.gate : a.label + ' · ' + a.oppText) })
      ]));
    });
    grid.replaceChildren(frag);
    var more = doc.getElementById('heat-more');
    more.hidden = rows.length <= heat.limit;
    more.textContent = 'Show more (' + (rows.length - Math.min(rows.length, heat.limit)).toLocaleString('en-US') + ' not shown)';
  }
  function buildHeat() {
    var s = doc.getElementById('heat-sort');
    [['p', 'Probability'], ['arr', 'ARR'], ['opp', 'Opportunity']].concat(meta.signals.map(function (x) { return [x, x]; })).forEach(function (o) {
      s.appendChild(el('option', { value: o[0], text: 'Sort by ' + o[1] }));
    });
    s.addEventListener('change', function () { heat.key = s.value; heat.limit = 400; renderHeat(); });
    doc.getElementById('heat-more').addEventListener('click', function () { heat.limit += 2000; renderHeat(); });
  }

  // ---- the pitch calendar -----------------------------------------------------------------------------------------
  var calLimit = {};
  function renderCalendar() {
    var cal = doc.getElementById('cal-board');
    var frag = doc.createDocumentFragment();
    meta.windows.forEach(function (w) {
      var key = w[0];
      var inWindow = accounts.filter(function (a) { return windowOf(a) === key; }).sort(function (x, y) { return (y.opp - x.opp) || x.ix - y.ix; });
      var total = inWindow.reduce(function (s, a) { return s + a.opp; }, 0);
      var limit = calLimit[key] || 100;
      var ul = el('ul', null, inWindow.slice(0, limit).map(function (a) {
        var o = overrideOf(a);
        return el('li', { draggable: 'true', 'data-id': a.id, style: '--c:' + colour(a.band), title: a.name + (o ? ' — override: ' + o.reason : ''), ondragstart: function (ev) { ev.dataTransfer.setData('text/plain', a.id); ev.dataTransfer.effectAllowed = 'move'; } }, [
          el('button', { type: 'button', cls: 'link', text: a.name, onclick: function () { openDrill(a.id); } }),
          el('span', { cls: a.gate ? 'gated' : null, title: a.gate ? 'gated: ' + a.gate : null, text: (a.gate ? 'gated' : a.oppText) + (o ? ' ✎' : '') })
        ]);
      }));
      var col = el('div', { cls: 'col drop', 'data-window': key,
        ondragover: function (ev) { ev.preventDefault(); col.classList.add('over'); },
        ondragleave: function () { col.classList.remove('over'); },
        ondrop: function (ev) { ev.preventDefault(); col.classList.remove('over'); var id = ev.dataTransfer.getData('text/plain'); if (byId.has(id)) { askReason(id, key); } } }, [
        el('h3', { text: w[1] }),
        el('div', { cls: 't', text: inWindow.length.toLocaleString('en-US') + (inWindow.length === 1 ? ' account' : ' accounts') + ' · $' + Math.round(total).toLocaleString('en-US') }),
        ul
      ]);
      if (inWindow.length > limit) {
        col.appendChild(el('button', { type: 'button', cls: 'more', text: 'Show ' + Math.min(500, inWindow.length - limit).toLocaleString('en-US') + ' more of ' + (inWindow.length - limit).toLocaleString('en-US'), onclick: function () { calLimit[key] = limit + 500; renderCalendar(); } }));
      }
      frag.appendChild(col);
    });
    cal.replaceChildren(frag);
  }

  // ---- overrides --------------------------------------------------------------------------------------------------
  var pending = null;
  function askReason(id, key) {
    var a = byId.get(id);
    if (windowOf(a) === key) { return; }
    pending = { id: id, window: key };
    doc.getElementById('reason-title').textContent = 'Move ' + a.name + ' to ' + windowLabel.get(key);
    doc.getElementById('reason-input').value = '';
    doc.getElementById('reason-error').textContent = '';
    var dialog = doc.getElementById('reason-dialog');
    if (dialog.showModal) { dialog.showModal(); } else { dialog.setAttribute('open', ''); }
    doc.getElementById('reason-input').focus();
  }
  function record(id, key, reason) {
    recorded.set(id, { window: key, reason: reason, active: true });
    renderAll();
  }
  function csvField(v) { v = String(v); return /[",\r\n]/.test(v) || v !== v.trim() ? '"' + v.replace(/"/g, '""') + '"' : v; }
  function overridesCsv() {
    var lines = ['account_id,window,reason'];
    accounts.forEach(function (a) { var o = overrideOf(a); if (o) { lines.push([a.id, o.window, o.reason].map(csvField).join(',')); } });
    return lines.join('\n') + '\n';
  }
  function renderOverrides() {
    var ul = doc.getElementById('overrides-list');
    var items = accounts.filter(function (a) { return overrideOf(a); });
    ul.replaceChildren.apply(ul, items.map(function (a) {
      var o = overrideOf(a), mine = recorded.has(a.id);
      return el('li', { 'data-id': a.id }, [
        el('strong', { text: a.name }), ' → ' + windowLabel.get(o.window) + ' (computed: ' + windowLabel.get(a.window) + ') — ' + o.reason + (mine ? '' : ' (from the overrides file)'),
        mine ? el('button', { type: 'button', cls: 'link', text: 'undo', onclick: function () { recorded.delete(a.id); renderAll(); } }) : null
      ]);
    }));
    doc.getElementById('overrides-empty').hidden = items.length > 0;
    doc.getElementById('overrides-download').disabled = items.length === 0;
  }
  function download() {
    var blob = new Blob([overridesCsv()], { type: 'text/csv' });
    var link = el('a', { href: URL.createObjectURL(blob), download: 'overrides.csv' });
    doc.body.appendChild(link); link.click(); link.remove();
  }

  // ---- the drill-down ---------------------------------------------------------------------------------------------
  function section(title, children) { return el('section', null, [el('h3', { text: title })].concat(children)); }
  function openDrill(id) {
    var a = byId.get(id);
    var panel = doc.getElementById('drill');
    var o = overrideOf(a);
    var maxContribution = Math.max.apply(null, a.signals.map(function (s) { return s[4]; }).concat([1e-9]));
    var signalRows = a.signals.map(function (s) {
      var present = s[1] !== null;
      return el('div', { cls: 'sig' + (s[0] === a.loudest ? ' loud' : '') + (present ? '' : ' missing'), 'data-signal': s[0], 'data-value': present ? s[1] : '', 'data-weight': s[2], 'data-contribution': s[4] }, [
        el('div', { cls: 'sig-name', text: s[0] + (s[0] === a.loudest ? ' — loudest' : '') }),
        el('div', { cls: 'bar' }, [el('div', { style: 'width:' + (present ? Math.max(1, 100 * s[4] / maxContribution) : 0).toFixed(1) + '%;background:' + colour(a.band) })]),
        el('div', { cls: 'sig-num', text: present ? 'value ' + fixed(s[1], 1) + ' · weight ' + fixed(100 * s[2], 0) + ' % · +' + fixed(s[4], 2) + ' pts' : 'missing — ' + (s[5] || 'no value') })
      ]);
    });
    var move = el('select', { id: 'drill-window', 'aria-label': 'Window' }, meta.windows.map(function (w) { return el('option', { value: w[0], text: w[1], selected: w[0] === windowOf(a) }); }));
    var reason = el('input', { id: 'drill-reason', type: 'text', placeholder: 'Reason for the override', 'aria-label': 'Reason' });
    var content = [
      el('button', { type: 'button', cls: 'close', 'aria-label': 'Close', text: '×', onclick: closeDrill }),
      el('div', { cls: 'eyebrow', text: a.segment + ' · ' + (a.plan || 'no plan') + ' · ' + a.arrText + ' ARR · ' + a.id }),
      el('h2', { id: 'drill-title', text: a.name }),
      el('p', null, [pill(a.band), ' ' + a.pText + '% · confidence ' + a.confidence]),
      section('Offer', [el('p', { cls: 'big', text: a.label + ' — ' + a.oppText }), el('p', { cls: 'rationale', text: a.rationale })]),
      section('Window', [el('p', { cls: 'window', text: windowLabel.get(windowOf(a)) + ' — ' + a.windowReason + (o ? ' (override: ' + o.reason + '; computed ' + windowLabel.get(a.window) + ')' : '') })]),
      section('Signals', signalRows.concat([el('p', { cls: 'note', text: a.signals.some(function (s) { return s[1] === null && s[2] > 0; }) ? 'Missing signals count as described by the model\u2019s missing-signal policy.' : 'Every weighted signal is present.' })])),
      section('Gates', [el('ul', { cls: 'gates' }, a.gates.map(function (g) { return el('li', { cls: 'gate-' + g[1], 'data-gate': g[0], 'data-status': g[1] }, [el('strong', { text: g[0] + ': ' + g[1] }), ' — ' + g[2]]); }))]),
      section('Next band', [el('p', { cls: 'lift', text: a.lift || 'Already in the top band.' })]),
      section('Pitch script', [el('p', { cls: 'pitch-kind', text: a.pitch.kind === 'FixFirst' ? 'Fix first — do not pitch' : a.pitch.kind === 'Nurture' ? 'Nurture' : 'Pitch' }), el('p', { cls: 'opening', text: a.pitch.opening }),
        el('dl', { cls: 'pitch' }, a.pitch.sections.reduce(function (acc, s) { return acc.concat([el('dt', { text: s[0] }), el('dd', { text: s[1] })]); }, []))]),
      section('Override the window', [el('div', { cls: 'row' }, [move, reason, el('button', { type: 'button', id: 'drill-record', text: 'Record override', onclick: function () {
        if (!reason.value.trim()) { reason.setAttribute('aria-invalid', 'true'); reason.placeholder = 'A reason is required'; return; }
        if (move.value !== windowOf(a)) { record(a.id, move.value, reason.value.trim()); openDrill(a.id); }
      } })])])
    ];
    panel.replaceChildren.apply(panel, content);
    panel.hidden = false;
    panel.setAttribute('data-id', a.id);
    panel.querySelector('.close').focus();
  }
  function closeDrill() { doc.getElementById('drill').hidden = true; }

  function renderAll() { renderList(); renderHeat(); renderCalendar(); renderOverrides(); }

  buildList();
  buildHeat();
  doc.getElementById('reason-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var text = doc.getElementById('reason-input').value.trim();
    if (ev.submitter && ev.submitter.value === 'cancel') { doc.getElementById('reason-dialog').close(); pending = null; return; }
    if (!text) { doc.getElementById('reason-error').textContent = 'A reason is required.'; return; }
    doc.getElementById('reason-dialog').close();
    if (pending) { record(pending.id, pending.window, text); pending = null; }
  });
  doc.getElementById('overrides-download').addEventListener('click', download);
  doc.addEventListener('keydown', function (ev) { if (ev.key === 'Escape') { closeDrill(); } });
  renderAll();
  doc.getElementById('board').hidden = false;
  // A deep link: #account=ID opens that account's drill-down.
  var hash = decodeURIComponent(location.hash.slice(1));
  if (hash.indexOf('account=') === 0 && byId.has(hash.slice(8))) { openDrill(hash.slice(8)); }
  // Milliseconds since navigation: when the data was decoded and when the board was drawn (for measuring big books).
  doc.body.setAttribute('data-decoded-ms', Math.round(decoded));
  doc.body.setAttribute('data-drawn-ms', Math.round(performance.now()));
  doc.body.setAttribute('data-ready', 'true');
})();
