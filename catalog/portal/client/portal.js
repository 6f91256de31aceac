// @ts-check: `npm run typecheck` checks this file (tsconfig.portal.json) against the types of the data it reads,
// catalog/portal/portal-data.ts, the contract the page's data is made by (client/portal-globals.d.ts).
/** @typedef {import('../portal-data').PortalData} PortalData */
/** @typedef {import('../portal-data').PortalService} PortalService */
// The portal's interactive parts, inlined into index.html at build time (catalog/portal/inline-assets.ts)
// and allowed by the page's Content-Security-Policy by its sha256 hash. Plain browser JavaScript,
// no libraries. Every value from the data reaches the DOM through textContent / createTextNode;
// links are built only from http(s) URLs and from the page's own hash routes.
(function () {
  'use strict';
  const source = document.getElementById('portal-data');
  // Checked just below; typed as found, since the functions that use them run only once they are.
  const app = /** @type {HTMLElement} */ (document.getElementById('app'));
  const nav = /** @type {HTMLElement} */ (document.getElementById('nav'));
  if (!source || !app || !nav) return;

  // ---------- data ----------
  // The blocks are packed (catalog/portal/packed-table.ts); unpackPortalData (client/unpack.js) rebuilds the records.
  const unpack = (block) => unpackPortalData(JSON.parse(block.textContent || '{}'));
  const data = unpack(source);
  /** Resources and cost lines: parsed the first time a page that shows them opens. */
  let detailCache = null;
  function detail() {
    if (!detailCache) {
      const block = document.getElementById('portal-detail');
      /** @type {Pick<PortalData, 'resources' | 'costLines'>} */
      const d = block ? unpack(block) : { resources: [], costLines: [] };
      detailCache = {
        resources: new Map(d.resources.map((r) => [r.id, r])),
        costLinesByService: groupBy(d.costLines, (l) => l.service),
        costLinesByTeam: groupBy(d.costLines, (l) => l.team),
      };
    }
    return detailCache;
  }

  // ---------- indexes ----------
  const byName = (list) => new Map(list.map((x) => [x.name, x]));
  const groupBy = (list, key) => {
    const m = new Map();
    for (const x of list) {
      const k = key(x);
      if (k === undefined || k === null) continue;
      const g = m.get(k);
      if (g) g.push(x);
      else m.set(k, [x]);
    }
    return m;
  };
  const services = byName(data.services);
  const teams = byName(data.teams);
  const openFindings = data.findings.filter((f) => !f.suppressed);
  const openBy = groupBy(openFindings, (f) => f.service);
  const suppressedBy = groupBy(data.findings.filter((f) => f.suppressed), (f) => f.service);
  const hasSpend = Boolean(data.spendCurrency);

  // ---------- DOM helpers (text only) ----------
  /** Element with text children; attrs never carry data into markup (href goes through safeHref). */
  function el(tag, props, ...children) {
    const e = document.createElement(tag);
    if (props) {
      for (const [k, v] of Object.entries(props)) {
        if (v === undefined || v === null || v === false) continue;
        if (k === 'class') e.className = v;
        else if (k === 'text') e.textContent = v;
        else if (k === 'hidden') e.hidden = true;
        else e.setAttribute(k, String(v));
      }
    }
    append(e, children);
    return e;
  }
  function append(parent, children) {
    for (const c of children.flat(Infinity)) {
      if (c === undefined || c === null || c === false) continue;
      parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return parent;
  }
  const SVG = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs, ...children) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    append(e, children);
    return e;
  }
  /** An external link only for http(s) URLs; anything else is shown as plain text. */
  function externalLink(title, url) {
    let ok = false;
    try {
      const u = new URL(url);
      ok = u.protocol === 'https:' || u.protocol === 'http:';
    } catch (e) {
      ok = false;
    }
    return ok ? el('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, title) : el('span', null, title);
  }
  const route = (...parts) => '#/' + parts.map((p) => encodeURIComponent(p)).join('/');
  const serviceLink = (name) => el('a', { href: route('service', name) }, name);
  const teamLink = (name) => (name ? el('a', { href: route('team', name) }, name) : el('span', { class: 'muted' }, 'unowned'));
  const money = (n) => (n === undefined || n === null ? '' : '$' + n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  const spendText = (s) => (s ? data.spendCurrency + ' ' + s.amount.toFixed(2) : '');
  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const sum = (list, f) => list.reduce((s, x) => s + (f(x) || 0), 0);
  const cents = (n) => Math.round(n * 100) / 100;
  function table(headers, rows, opts) {
    return el(
      'table',
      opts,
      el('thead', null, el('tr', null, headers.map((h) => el('th', { class: h.num ? 'num' : undefined }, h.label || h)))),
      el('tbody', null, rows),
    );
  }
  const td = (...c) => el('td', null, ...c);
  const tdNum = (...c) => el('td', { class: 'num' }, ...c);
  const levelCell = (level) => el('td', { class: 'level-' + level }, level === 'none' ? '—' : level);

  // ---------- navigation ----------
  const VIEWS = [
    ['services', 'Services'],
    ['teams', 'Teams'],
    ['cost', 'Cost'],
    ['adoption', 'Adoption'],
    ['graph', 'Dependency graph'],
  ];
  function renderNav(current) {
    nav.replaceChildren(...VIEWS.map(([id, label]) => el('a', { href: '#/' + id, class: current === id ? 'current' : undefined }, label)));
  }

  function parseHash() {
    const hash = location.hash.replace(/^#/, '');
    // Anchors of the no-script tables (#service-x, #team-x) still work.
    const legacy = /^(service|team)-(.+)$/.exec(hash);
    if (legacy) return { view: legacy[1], name: decodeURIComponent(legacy[2]), params: new URLSearchParams() };
    const [pathPart, query] = hash.replace(/^\//, '').split('?');
    const parts = pathPart.split('/').map((p) => {
      try {
        return decodeURIComponent(p);
      } catch (e) {
        return p;
      }
    });
    return { view: parts[0] || 'services', name: parts.slice(1).join('/'), params: new URLSearchParams(query || '') };
  }

  function render() {
    const r = parseHash();
    const views = { services: servicesView, service: servicePage, team: teamPage, teams: teamsView, cost: costView, adoption: adoptionView, graph: graphView };
    const view = Object.prototype.hasOwnProperty.call(views, r.view) ? views[r.view] : servicesView;
    renderNav(r.view === 'service' ? 'services' : r.view === 'team' ? 'teams' : r.view);
    app.replaceChildren(view(r.name, r.params));
    if (r.view === 'service' || r.view === 'team') window.scrollTo(0, 0);
  }

  // ---------- services view ----------
  /** @type {Array<[string, string, (s: PortalService) => string[]]>} */
  const FILTERS = [
    ['team', 'all teams', (s) => [s.owner || '']],
    ['env', 'all environments', (s) => s.environments],
    ['path', 'all golden paths', (s) => [s.goldenPath]],
    ['lifecycle', 'all lifecycles', (s) => [s.lifecycle || '']],
    ['level', 'all scorecard levels', (s) => [s.level]],
  ];
  /** @type {Array<[string, string, (s: PortalService) => string | number, boolean?]>} */
  const COLUMNS = [
    ['name', 'service', (s) => s.name],
    ['owner', 'owner', (s) => s.owner || ''],
    ['path', 'golden path', (s) => s.goldenPath],
    ['lifecycle', 'lifecycle', (s) => s.lifecycle || ''],
    ['envs', 'environments', (s) => s.environments.join(', ')],
    ['level', 'scorecard', (s) => ['none', 'bronze', 'silver', 'gold'].indexOf(s.level)],
    ['findings', 'open findings', (s) => (openBy.get(s.name) || []).length, true],
    ['cost', 'estimate / month', (s) => s.monthlyUsd || 0, true],
    ['spend', 'actual', (s) => (s.spend ? s.spend.amount : -1), true],
  ];
  const ROWS_PER_PAGE = 50;
  const searchText = new Map(data.services.map((s) => [s.name, [s.name, s.description || '', s.owner || '', ...Object.entries(s.tags).flat()].join('\n').toLowerCase()]));

  function servicesView(_name, params) {
    const list = data.services;
    const state = { q: params.get('q') || '', findings: params.get('findings') === '1', sort: params.get('sort') || 'name', dir: params.get('dir') === 'desc' ? 'desc' : 'asc' };
    for (const [key] of FILTERS) state[key] = params.get(key) || '';

    const search = el('input', { type: 'search', id: 'search', placeholder: 'Search name, description, owner, tags', 'aria-label': 'Search services' });
    search.value = state.q;
    const selects = FILTERS.map(([key, all, values]) => {
      const options = [...new Set(list.flatMap(values))].filter((v) => v !== '').sort(cmp);
      const select = el('select', { id: 'filter-' + key, 'aria-label': all }, el('option', { value: '' }, all), options.map((o) => el('option', { value: o }, o)));
      select.value = options.includes(state[key]) ? state[key] : '';
      select.addEventListener('change', () => {
        state[key] = select.value;
        update();
      });
      return select;
    });
    const findingsBox = el('input', { type: 'checkbox', id: 'filter-findings' });
    findingsBox.checked = state.findings;
    findingsBox.addEventListener('change', () => {
      state.findings = findingsBox.checked;
      update();
    });
    const count = el('div', { class: 'count', id: 'count' });

    // Only the first rows that match are in the document (more as the reader scrolls to them):
    // a keystroke filters the list and redraws one page of rows. Each row is built once, when first shown.
    const buildRow = (s) => {
      const open = (openBy.get(s.name) || []).length;
      return el(
        'tr',
        { 'data-service': s.name },
        td(el('strong', null, serviceLink(s.name)), s.description ? [el('br'), el('small', null, s.description)] : null),
        td(teamLink(s.owner)),
        td(s.goldenPath),
        td(s.lifecycle || '', s.tier ? ', tier ' + s.tier : ''),
        td(s.environments.join(', ')),
        levelCell(s.level),
        tdNum(open ? el('span', { class: 'bad' }, String(open)) : '0'),
        tdNum(money(s.monthlyUsd), s.notPriced ? [el('br'), el('small', null, s.notPriced + ' not priced')] : null),
        tdNum(spendText(s.spend)),
      );
    };
    const rows = list.map((s) => ({ s, tr: null, text: searchText.get(s.name) || '' }));
    const rowOf = (r) => r.tr || (r.tr = buildRow(r.s));
    let matching = rows;
    let limit = ROWS_PER_PAGE;
    const tbody = el('tbody');
    const more = el('button', { type: 'button', id: 'more-services', class: 'more', hidden: true });
    let shown = [];
    function draw() {
      const next = matching.slice(0, limit);
      // A keystroke that leaves the shown rows as they are changes nothing in the document.
      if (next.length !== shown.length || next.some((r, i) => r !== shown[i])) tbody.replaceChildren(...next.map(rowOf));
      shown = next;
      more.hidden = matching.length <= limit;
      more.textContent = 'Showing ' + Math.min(limit, matching.length) + ': show ' + Math.min(ROWS_PER_PAGE, matching.length - limit) + ' more';
    }
    const showMore = () => {
      if (more.hidden) return;
      limit += ROWS_PER_PAGE;
      draw();
    };
    more.addEventListener('click', showMore);
    // Scrolling to the end of the shown rows shows the next ones.
    if (typeof IntersectionObserver === 'function') new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && showMore()).observe(more);

    const headers = COLUMNS.map(([key, label, , num]) => {
      const th = el('th', { class: 'sortable' + (num ? ' num' : ''), 'data-sort': key, tabindex: 0 }, label);
      const choose = () => {
        if (state.sort === key) state.dir = state.dir === 'asc' ? 'desc' : 'asc';
        else {
          state.sort = key;
          state.dir = num ? 'desc' : 'asc';
        }
        sortRows();
        update();
      };
      th.addEventListener('click', choose);
      th.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') choose();
      });
      return th;
    });

    function sortRows() {
      const column = COLUMNS.find((c) => c[0] === state.sort) || COLUMNS[0];
      const f = column[2];
      const sign = state.dir === 'desc' ? -1 : 1;
      rows.sort((a, b) => sign * cmp(f(a.s), f(b.s)) || cmp(a.s.name, b.s.name));
      headers.forEach((th) => th.classList.remove('sorted-asc', 'sorted-desc'));
      const th = headers[COLUMNS.indexOf(column)];
      th.classList.add(state.dir === 'desc' ? 'sorted-desc' : 'sorted-asc');
    }

    function update() {
      const words = state.q.toLowerCase().split(/\s+/).filter(Boolean);
      matching = rows.filter(
        (r) =>
          words.every((w) => r.text.includes(w)) &&
          FILTERS.every(([key, , values]) => !state[key] || values(r.s).includes(state[key])) &&
          (!state.findings || openBy.has(r.s.name)),
      );
      limit = ROWS_PER_PAGE;
      draw();
      count.textContent = matching.length + ' of ' + list.length + ' services';
      // The view lives in the hash so a link can be shared; replaceState fires no hashchange.
      const p = new URLSearchParams();
      if (state.q) p.set('q', state.q);
      for (const [key] of FILTERS) if (state[key]) p.set(key, state[key]);
      if (state.findings) p.set('findings', '1');
      if (state.sort !== 'name' || state.dir !== 'asc') {
        p.set('sort', state.sort);
        p.set('dir', state.dir);
      }
      const query = p.toString();
      history.replaceState(null, '', '#/services' + (query ? '?' + query : ''));
    }
    search.addEventListener('input', () => {
      state.q = search.value;
      update();
    });

    const view = el(
      'div',
      { id: 'services-view' },
      el('h2', null, 'Services'),
      el('div', { class: 'controls' }, search, selects, el('label', null, findingsBox, ' has open findings')),
      count,
      el('table', { id: 'services-table' }, el('thead', null, el('tr', null, headers)), tbody),
      more,
    );
    sortRows();
    update();
    return view;
  }

  // ---------- service page ----------
  function facts(pairs) {
    return el(
      'dl',
      { class: 'facts' },
      pairs.filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => [el('dt', null, k), el('dd', null, v)]),
    );
  }
  function findingsTable(list, withService) {
    if (!list.length) return el('p', { class: 'ok' }, 'No open findings.');
    const sorted = [...list].sort((a, b) => cmp(a.severity, b.severity) || cmp(a.rule, b.rule) || cmp(a.address, b.address));
    return table(
      [withService ? 'service' : null, 'severity', 'rule', 'where', 'finding', 'fix'].filter(Boolean),
      sorted.map((f) =>
        el(
          'tr',
          null,
          withService ? td(f.service ? serviceLink(f.service) : '') : null,
          el('td', { class: 'sev-' + f.severity }, f.severity),
          td(el('code', null, f.rule)),
          td(el('code', null, f.stack + '/' + f.address)),
          td(f.message),
          td(f.fix),
        ),
      ),
      { class: 'findings' },
    );
  }
  function resourceName(id) {
    const r = detail().resources.get(id);
    if (r) return [r.name, ' ', el('small', null, '(' + r.type + (r.environment ? ', ' + r.environment : '') + ')')];
    if (id.startsWith('service:')) return serviceLink(id.slice(8));
    return id;
  }
  function componentText(c) {
    return c.what + ': ' + c.quantity + ' ' + c.unit + ' × $' + c.unitUsd + ' = ' + money(c.monthlyUsd);
  }

  /** An endpoint's objectives in words: "availability 99.9% · 99% within 300 ms". */
  function sloText(slo) {
    if (!slo) return el('span', { class: 'muted' }, 'none');
    const parts = [];
    if (slo.availability !== undefined) parts.push('availability ' + slo.availability + '%');
    if (slo.latency) parts.push(slo.latency.percent + '% within ' + slo.latency.thresholdMs + ' ms');
    return parts.join(' · ');
  }

  function servicePage(name) {
    const s = services.get(name);
    if (!s) return el('div', null, el('h2', null, 'No such service'), el('p', null, 'There is no service named ', el('code', null, name), ' in this catalog. ', el('a', { href: '#/services' }, 'All services')));
    const team = s.owner ? teams.get(s.owner) : undefined;
    const resources = detail().resources;
    const lines = detail().costLinesByService.get(s.name) || [];
    const open = openBy.get(s.name) || [];
    const suppressed = suppressedBy.get(s.name) || [];

    const contacts = facts([
      ['owner', teamLink(s.owner)],
      ['team', team ? team.title : undefined],
      ['email', team && team.email ? team.email : undefined],
      ['chat', team && team.slackChannel ? team.slackChannel : undefined],
      ['cost center', s.costCenter],
      ['system', s.system],
      ['golden path', s.goldenPath],
      ['lifecycle', (s.lifecycle || '') + (s.tier ? ', tier ' + s.tier : '')],
      ['environments', s.environments.join(', ')],
    ]);
    const tagList = el('div', null, Object.entries(s.tags).sort((a, b) => cmp(a[0], b[0])).map(([k, v]) => el('span', { class: 'tag' }, k + '=' + v)));
    const linkList = s.links.length ? el('ul', { class: 'links' }, s.links.map((l) => el('li', null, externalLink(l.title, l.url)))) : el('p', { class: 'muted' }, 'No links.');
    // Day 2: docs, runbook, ADRs and the operations the platform runs for this service.
    const byType = (type) => s.links.find((l) => l.type === type);
    const actions = byType('actions');
    const day2 = el(
      'div',
      { class: 'day2' },
      el('h3', null, 'Docs and runbook'),
      el('ul', { class: 'links docs' }, [['docs', 'Documentation'], ['runbook', 'Runbook'], ['adrs', 'Architecture decisions']].map(([type, title]) => el('li', null, byType(type) ? externalLink(title, byType(type).url) : el('span', { class: 'muted' }, title + ': not linked')))),
      el('h3', null, 'Actions'),
      s.operations.length && actions
        ? el('ul', { class: 'links actions' }, s.operations.map((op) => el('li', null, externalLink(op, actions.url), ' · ', el('code', null, op === 'scale' ? 'npm run ops -- scale ' + s.name + ' --replicas N --env ENV' : op === 'rollback' ? 'npm run ops -- rollback ' + s.name : 'operations workflow: restart ' + s.name))))
        : el('p', { class: 'muted' }, 'No operations for this golden path.'),
      // The same change without a terminal: the scale issue form opens a pull request.
      data.forms && s.operations.includes('scale') ? el('p', { class: 'form-link' }, externalLink('Scale ' + s.name + ' through an issue form', data.forms.scale)) : null,
    );
    // Front door: where it answers per environment (linked only as the https URL of a DNS name the data carries), exposure, objectives, alarms.
    const endpoints = s.endpoints || [];
    const frontDoor = endpoints.length
      ? el(
          'div',
          { class: 'card', id: 'front-door' },
          el('h3', null, 'Front door, objectives and alarms'),
          table(
            ['environment', 'URL', 'exposure', 'service level objectives', 'alarms'],
            endpoints.map((p) =>
              el(
                'tr',
                { 'data-environment': p.environment },
                td(p.environment),
                td(p.url ? externalLink(p.url, p.url) : el('span', { class: 'muted' }, 'no valid URL')),
                td(p.exposure),
                td(sloText(p.slo)),
                td(p.alarms.length ? el('ul', { class: 'alarms' }, p.alarms.map((a) => el('li', null, a.url ? externalLink(a.name, a.url) : a.name))) : el('span', { class: 'muted' }, 'none')),
              ),
            ),
          ),
        )
      : null;
    const missing = s.missing;
    const scorecard = el(
      'div',
      null,
      el('p', null, 'Level: ', el('strong', { class: 'level-' + s.level }, s.level)),
      missing.length ? el('ul', { class: 'missing' }, missing.map((c) => el('li', null, el('strong', null, c.level + ' · ' + c.id), ': ', c.detail))) : el('p', { class: 'ok' }, 'Every check passes.'),
    );
    const money2 = el(
      'div',
      null,
      el('p', null, 'Estimate: ', el('strong', { id: 'service-estimate' }, money(s.monthlyUsd) || '$0.00'), ' per month', s.notPriced ? ' (' + s.notPriced + ' resources not priced)' : ''),
      s.spend ? el('p', null, 'Actual (' + s.spend.month + '): ', el('strong', null, spendText(s.spend))) : hasSpend ? el('p', { class: 'muted' }, 'No actual spend billed to this service.') : null,
      s.spend ? estimateBars([s]) : null,
    );

    // Dependencies both ways: data stores it uses (and who else uses them), and what depends on it.
    const usesOthers = new Set();
    for (const id of s.dependsOn) for (const other of (resources.get(id) || { usedBy: [] }).usedBy) if (other !== 'service:' + s.name) usesOthers.add(other);
    const deps = el(
      'div',
      { id: 'dependencies' },
      el('h3', null, 'Depends on'),
      s.dependsOn.length ? el('ul', null, s.dependsOn.map((id) => el('li', null, resourceName(id)))) : el('p', { class: 'muted' }, 'Nothing.'),
      el('h3', null, 'Depended on by'),
      s.dependencyOf.length || usesOthers.size
        ? el('ul', null, s.dependencyOf.map((id) => el('li', null, resourceName(id))), [...usesOthers].sort().map((id) => el('li', null, resourceName(id), ' (shares a data store)')))
        : el('p', { class: 'muted' }, 'Nothing.'),
    );

    const envNames = [...new Set([...s.environments, ...lines.map((l) => l.environment || '(no environment)')])].sort(cmp);
    const ownResources = s.resources.map((id) => resources.get(id)).filter(Boolean);
    const envSections = envNames.map((env) => {
      const envResources = ownResources.filter((r) => (r.environment || '(no environment)') === env);
      const envLines = lines.filter((l) => (l.environment || '(no environment)') === env).sort((a, b) => b.monthlyUsd - a.monthlyUsd || cmp(a.address, b.address));
      const withOrigin = envLines.some((l) => l.origin || l.components.some((c) => c.origin));
      return el(
        'section',
        { class: 'env', 'data-environment': env },
        el('h3', null, env, ' · ', money(cents(sum(envLines, (l) => l.monthlyUsd))), ' per month'),
        envResources.length
          ? table(
              ['resource', 'type', 'Terraform addresses', 'console'],
              envResources.map((r) => el('tr', null, td(r.name), td(r.type), td(r.addresses.map((a, i) => [i ? el('br') : null, el('code', null, a)])), td(r.links.map((l, i) => [i ? ' · ' : null, externalLink(l.title, l.url)])))),
            )
          : null,
        envLines.length
          ? table(
              ['Terraform address', 'type', 'what', { label: 'monthly', num: true }, withOrigin ? 'price origin' : null].filter(Boolean),
              envLines.map((l) =>
                el(
                  'tr',
                  { class: 'cost-line' },
                  td(el('code', null, l.stack + '/' + l.address)),
                  td(l.type),
                  td(l.components.map((c, i) => [i ? el('br') : null, el('small', null, componentText(c))])),
                  tdNum(money(l.monthlyUsd)),
                  withOrigin ? td([l.origin || '', ...l.components.filter((c) => c.origin && c.origin !== l.origin).map((c) => [el('br'), el('small', null, c.what + ': ' + c.origin)])]) : null,
                ),
              ),
              { class: 'cost-lines' },
            )
          : el('p', { class: 'muted' }, 'No priced resources.'),
      );
    });

    return el(
      'div',
      { id: 'service-page' },
      el('p', null, el('a', { href: '#/services' }, '← all services')),
      el('h2', null, s.name),
      s.description ? el('p', { class: 'description' }, s.description) : null,
      el(
        'div',
        { class: 'card-grid' },
        el('div', { class: 'card' }, el('h3', null, 'Owner and contacts'), contacts),
        el('div', { class: 'card' }, el('h3', null, 'Monthly cost'), money2),
        el('div', { class: 'card' }, el('h3', null, 'Scorecard'), scorecard),
        el('div', { class: 'card' }, el('h3', null, 'Links'), linkList, el('h3', null, 'Tags'), tagList),
        el('div', { class: 'card' }, day2),
      ),
      frontDoor,
      el('div', { class: 'card' }, deps),
      el('h2', null, 'Per environment'),
      envSections,
      el('h2', null, 'Guardrail findings'),
      el('div', { id: 'service-findings' }, findingsTable(open, false)),
      suppressed.length
        ? [el('h3', null, 'Suppressed'), table(['rule', 'where', 'reason'], suppressed.map((f) => el('tr', null, td(el('code', null, f.rule)), td(el('code', null, f.stack + '/' + f.address)), td(f.suppressed))))]
        : null,
    );
  }

  // ---------- teams ----------
  const teamServices = (t) => t.services.map((n) => services.get(n)).filter(Boolean);
  function teamsView() {
    const list = [...data.teams].sort((a, b) => (b.monthlyUsd || 0) - (a.monthlyUsd || 0) || cmp(a.name, b.name));
    return el(
      'div',
      { id: 'teams-view' },
      el('h2', null, 'Teams'),
      table(
        ['team', 'contacts', { label: 'services', num: true }, 'cost centers', { label: 'estimate / month', num: true }, hasSpend ? { label: 'actual', num: true } : null, { label: 'open findings', num: true }].filter(Boolean),
        list.map((t) =>
          el(
            'tr',
            null,
            td(teamLink(t.name), t.title !== t.name ? [el('br'), el('small', null, t.title)] : null),
            td([t.email, t.slackChannel].filter(Boolean).join(', ')),
            tdNum(String(t.services.length)),
            td(t.costCenters.join(', ')),
            tdNum(money(t.monthlyUsd)),
            hasSpend ? tdNum(spendText(t.spend)) : null,
            tdNum(String(teamFindings(t).length)),
          ),
        ),
      ),
    );
  }
  function teamFindings(t) {
    const mine = new Set(t.services);
    return openFindings.filter((f) => f.owner === t.name || (f.service && mine.has(f.service)));
  }
  function rollUp(lines, key) {
    const m = groupBy(lines, (l) => key(l) || 'unallocated');
    return [...m.entries()].map(([name, g]) => ({ name, monthlyUsd: cents(sum(g, (l) => l.monthlyUsd)) })).sort((a, b) => b.monthlyUsd - a.monthlyUsd || cmp(a.name, b.name));
  }
  function teamPage(name) {
    const t = teams.get(name);
    if (!t) return el('div', null, el('h2', null, 'No such team'), el('p', null, 'There is no team named ', el('code', null, name), '. ', el('a', { href: '#/teams' }, 'All teams')));
    const owned = teamServices(t).sort((a, b) => (b.monthlyUsd || 0) - (a.monthlyUsd || 0) || cmp(a.name, b.name));
    const lines = detail().costLinesByTeam.get(t.name) || [];
    return el(
      'div',
      { id: 'team-page' },
      el('p', null, el('a', { href: '#/teams' }, '← all teams')),
      el('h2', null, t.title, t.title !== t.name ? ' (' + t.name + ')' : ''),
      el(
        'div',
        { class: 'card-grid' },
        el('div', { class: 'card' }, el('h3', null, 'Contacts'), facts([['email', t.email], ['chat', t.slackChannel], ['cost centers', t.costCenters.join(', ')]])),
        el('div', { class: 'card' }, el('h3', null, 'Monthly cost'), facts([['estimate', money(t.monthlyUsd) || '$0.00'], ['actual', t.spend ? spendText(t.spend) + ' (' + t.spend.month + ')' : hasSpend ? 'none billed' : 'no spend report']])),
        el('div', { class: 'card' }, el('h3', null, 'By cost center'), bars(rollUp(lines, (l) => l.costCenter))),
        el('div', { class: 'card' }, el('h3', null, 'By environment'), bars(rollUp(lines, (l) => l.environment))),
      ),
      el('h3', null, 'Services (' + owned.length + ')'),
      table(
        ['service', 'scorecard', { label: 'open findings', num: true }, { label: 'estimate / month', num: true }, hasSpend ? { label: 'actual', num: true } : null].filter(Boolean),
        owned.map((s) => el('tr', null, td(serviceLink(s.name)), levelCell(s.level), tdNum(String((openBy.get(s.name) || []).length)), tdNum(money(s.monthlyUsd)), hasSpend ? tdNum(spendText(s.spend)) : null)),
      ),
      owned.some((s) => s.spend) ? [el('h3', null, 'Estimate against actual'), estimateBars(owned)] : null,
      el('h3', null, 'Open findings'),
      findingsTable(teamFindings(t), true),
      el('p', null, el('a', { href: '#/graph?team=' + encodeURIComponent(t.name) }, 'Dependency graph of this team')),
      data.forms ? el('p', { class: 'form-link' }, externalLink('New service for ' + t.name + ' through an issue form', data.forms.newService), ' · ', externalLink('Scale a service', data.forms.scale), ' · ', externalLink('Add a data store to a service', data.forms.addDataStore)) : null,
    );
  }

  // ---------- pictures ----------
  const MONEY = { value: (r) => r.monthlyUsd, text: money };
  const COUNT = { value: (r) => r.count, text: String };
  /** Horizontal bars, scaled to the largest value (money unless told); widths set through the CSSOM (allowed by the CSP). */
  function bars(rows, linkOf, measure = MONEY) {
    const max = Math.max(0, ...rows.map(measure.value));
    return el(
      'div',
      { class: 'bars' },
      rows.map((r) => {
        const fill = el('div', { class: 'bar-fill' });
        fill.style.width = (max > 0 ? (100 * Math.max(0, measure.value(r))) / max : 0).toFixed(2) + '%';
        return el('div', { class: 'bar-row' }, el('span', { class: 'label', title: r.name }, linkOf ? linkOf(r.name) : r.name), el('div', { class: 'bar-track' }, fill), el('span', { class: 'value' }, measure.text(measure.value(r))));
      }),
    );
  }
  function estimateBars(list) {
    const rows = list.filter((s) => s.spend || s.monthlyUsd);
    const max = Math.max(0, ...rows.flatMap((s) => [s.monthlyUsd || 0, s.spend ? s.spend.amount : 0]));
    const width = (v) => (max > 0 ? (100 * Math.max(0, v)) / max : 0).toFixed(2) + '%';
    return el(
      'div',
      { class: 'bars estimate-actual' },
      el('div', { class: 'legend' }, el('span', null, el('span', { class: 'swatch estimate' }), 'estimate'), el('span', null, el('span', { class: 'swatch actual' }), 'actual (' + data.spendCurrency + ')')),
      rows.map((s) => {
        const e = el('div', { class: 'bar-fill estimate' });
        e.style.width = width(s.monthlyUsd || 0);
        const a = el('div', { class: 'bar-fill actual' });
        a.style.width = width(s.spend ? s.spend.amount : 0);
        return el('div', { class: 'bar-row' }, el('span', { class: 'label', title: s.name }, serviceLink(s.name)), el('div', { class: 'bar-track' }, e, a), el('span', { class: 'value' }, money(s.monthlyUsd), ' / ', s.spend ? s.spend.amount.toFixed(2) : '—'));
      }),
    );
  }

  function costView(_name, params) {
    const team = params.get('team') || '';
    const select = el('select', { id: 'cost-team', 'aria-label': 'team' }, el('option', { value: '' }, 'all teams'), data.teams.map((t) => el('option', { value: t.name }, t.name)));
    select.value = teams.has(team) ? team : '';
    select.addEventListener('change', () => {
      location.hash = '#/cost' + (select.value ? '?team=' + encodeURIComponent(select.value) : '');
    });
    const chosen = data.services.filter((s) => !select.value || s.owner === select.value);
    const top = [...chosen].sort((a, b) => (b.monthlyUsd || 0) - (a.monthlyUsd || 0) || cmp(a.name, b.name)).slice(0, 40);
    const teamRows = data.teams.map((t) => ({ name: t.name, monthlyUsd: t.monthlyUsd || 0 })).sort((a, b) => b.monthlyUsd - a.monthlyUsd || cmp(a.name, b.name));
    const gap = (s) => Math.abs((s.spend ? s.spend.amount : 0) - (s.monthlyUsd || 0));
    const spent = chosen.filter((s) => s.spend).sort((a, b) => gap(b) - gap(a) || cmp(a.name, b.name)).slice(0, 40);
    return el(
      'div',
      { id: 'cost-view' },
      el('h2', null, 'Cost'),
      el('p', null, 'Estimated ', el('strong', null, money(data.totals.monthlyUsd)), ' per month (prices of ', data.prices || 'no table', '); unallocated ', money(data.totals.unallocatedUsd), '; ', String(data.totals.notPriced), ' resources not priced.'),
      el('h3', null, 'By team'),
      bars(teamRows, (n) => teamLink(n)),
      el('h3', null, 'By cost center'),
      bars(data.costCenters),
      el('div', { class: 'controls' }, el('h3', null, chosen.length > top.length ? 'Top ' + top.length + ' services' : 'By service'), select),
      bars(top.map((s) => ({ name: s.name, monthlyUsd: s.monthlyUsd || 0 })), serviceLink),
      hasSpend ? [el('h3', null, 'Estimate against actual spend (largest differences first)'), estimateBars(spent)] : el('p', { class: 'muted' }, 'No spend report: run npm run spend to compare the estimate with billing.'),
    );
  }

  // ---------- adoption ----------
  /** The figures of `npm run adoption` (catalog/adoption/), computed by the analysis and embedded as they are. */
  function adoptionView() {
    const a = data.adoption;
    if (!a) return el('div', { id: 'adoption-view' }, el('h2', null, 'Adoption'), el('p', { class: 'muted' }, 'No adoption figures in this page.'));
    const t = a.totals;
    const paths = Object.keys(t.byGoldenPath);
    const levels = Object.keys(t.scorecards);
    const num = (label) => ({ label, num: true });
    const teamCell = (name) => (teams.has(name) ? teamLink(name) : el('span', { class: 'muted' }, name));
    const coverage = a.tagCoverage;
    return el(
      'div',
      { id: 'adoption-view' },
      el('h2', null, 'Adoption'),
      el(
        'p',
        { id: 'adoption-summary' },
        el('strong', null, t.goldenPathServices + ' of ' + t.services),
        ' services (' + t.goldenPathPercent + '%) come from a golden path; ' + t.resources.outside + ' Terraform resources belong to services outside any golden path and ' + t.resources.unowned + ' to no service.',
      ),
      el('div', { class: 'card-grid' },
        el('div', { class: 'card' }, el('h3', null, 'Services per golden path'), bars(paths.map((p) => ({ name: p, count: t.byGoldenPath[p] })), null, COUNT)),
        el('div', { class: 'card' }, el('h3', null, 'Scorecard levels'), bars(levels.map((l) => ({ name: l, count: t.scorecards[l] })), null, COUNT)),
      ),
      el('h3', null, 'Per team'),
      table(
        ['team', num('services'), num('golden-path coverage'), ...paths.map(num), num('resources in golden paths'), num('resources outside'), ...levels.map(num)],
        a.teams.map((r) =>
          el(
            'tr',
            { 'data-team': r.team },
            td(teamCell(r.team)),
            tdNum(String(r.services)),
            tdNum(r.goldenPathPercent + '%'),
            paths.map((p) => tdNum(String(r.byGoldenPath[p] || 0))),
            tdNum(String(r.resources.inGoldenPaths)),
            tdNum(r.resources.outside ? el('span', { class: 'bad' }, String(r.resources.outside)) : '0'),
            levels.map((l) => tdNum(String(r.scorecards[l]))),
          ),
        ),
        { id: 'adoption-teams' },
      ),
      el('h3', null, 'Tag coverage'),
      coverage
        ? [
            el('p', { id: 'tag-coverage' }, coverage.overall.percent + '% of ' + coverage.overall.taggable + ' taggable resources carry every ownership tag.'),
            table(
              ['stack', num('taggable'), num('fully tagged'), num('%')],
              Object.entries(coverage.byStack).map(([stack, c]) => el('tr', null, td(stack), tdNum(String(c.taggable)), tdNum(String(c.fullyTagged)), tdNum(c.percent + '%'))),
              { id: 'tag-coverage-stacks' },
            ),
          ]
        : el('p', { class: 'muted' }, 'No guardrail report: tag coverage unknown.'),
    );
  }

  // ---------- dependency graph ----------
  const GRAPH_LIMIT = 150;
  const STORE_TYPES = new Set(['database', 'queue', 'bucket']);
  function graphView(_name, params) {
    const team = params.get('team') || '';
    const select = el('select', { id: 'graph-team', 'aria-label': 'team' }, el('option', { value: '' }, 'all teams'), data.teams.map((t) => el('option', { value: t.name }, t.name + ' (' + t.services.length + ')')));
    select.value = teams.has(team) ? team : '';
    select.addEventListener('change', () => {
      location.hash = '#/graph' + (select.value ? '?team=' + encodeURIComponent(select.value) : '');
    });
    const chosen = data.services.filter((s) => !select.value || s.owner === select.value);
    const head = [el('h2', null, 'Dependency graph'), el('div', { class: 'controls' }, select, el('span', { class: 'muted' }, 'services (left) and the data stores they use (right); shared stores in orange; click a service for its page'))];
    if (chosen.length > GRAPH_LIMIT && params.get('all') !== '1') {
      return el('div', { id: 'graph-view' }, head, el('p', null, chosen.length + ' services are too many to read in one picture: choose a team, or ', el('a', { href: '#/graph?all=1' }, 'draw all anyway'), '.'));
    }
    return el('div', { id: 'graph-view' }, head, el('div', { class: 'graph-wrap' }, drawGraph(chosen)));
  }

  /** Deterministic layered layout: services by team then name on the left, each data store beside its first user. */
  function drawGraph(list) {
    const resources = detail().resources;
    const ordered = [...list].sort((a, b) => cmp(a.owner || '', b.owner || '') || cmp(a.name, b.name));
    const ROW = 26;
    const NODE_H = 20;
    const W = 230;
    const X_TEAM = 8;
    const X_SERVICE = 130;
    const X_STORE = X_SERVICE + W + 160;
    const X_OUTSIDE = X_STORE + W + 120;
    const serviceY = new Map();
    const storeY = new Map();
    const outsideY = new Map();
    const edges = [];
    let y = 10;
    let storeNext = 10;
    let outsideNext = 10;
    let lastTeam = null;
    const teamLabels = [];
    const inGraph = new Set(ordered.map((s) => 'service:' + s.name));
    for (const s of ordered) {
      if (s.owner !== lastTeam) {
        if (lastTeam !== null) y += ROW / 2;
        teamLabels.push([s.owner || 'unowned', y]);
        lastTeam = s.owner;
      }
      const stores = s.dependsOn.filter((id) => resources.has(id) && STORE_TYPES.has(resources.get(id).type));
      // New stores sit level with the service that first uses them, below any placed before.
      const rowY = stores.some((id) => !storeY.has(id)) ? Math.max(y, storeNext) : y;
      serviceY.set(s.name, rowY);
      for (const id of stores) {
        if (!storeY.has(id)) {
          storeNext = Math.max(storeNext, rowY);
          storeY.set(id, storeNext);
          storeNext += ROW;
        }
        const shared = resources.get(id).usedBy.length > 1;
        edges.push([X_SERVICE + W, rowY, X_STORE, storeY.get(id), shared]);
        for (const user of resources.get(id).usedBy) {
          if (inGraph.has(user) || outsideY.has(user)) continue;
          outsideNext = Math.max(outsideNext, storeY.get(id));
          outsideY.set(user, outsideNext);
          outsideNext += ROW;
        }
      }
      y = Math.max(rowY + ROW, storeNext);
    }
    for (const [id, sy] of storeY) for (const user of resources.get(id).usedBy) if (outsideY.has(user)) edges.push([X_STORE + W, sy, X_OUTSIDE, outsideY.get(user), true]);
    const height = Math.max(y, storeNext, outsideNext) + 10;
    const width = X_OUTSIDE + (outsideY.size ? W : 0) + 10;
    const root = svg('svg', { class: 'graph', id: 'graph', width, height, viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': 'Dependency graph' });
    const mid = NODE_H / 2;
    for (const [x1, y1, x2, y2, shared] of edges) {
      const cx = (x1 + x2) / 2;
      root.appendChild(svg('path', { class: 'edge' + (shared ? ' shared' : ''), d: 'M' + x1 + ',' + (y1 + mid) + ' C' + cx + ',' + (y1 + mid) + ' ' + cx + ',' + (y2 + mid) + ' ' + x2 + ',' + (y2 + mid) }));
    }
    for (const [name, ty] of teamLabels) root.appendChild(svg('text', { class: 'team-label', x: X_TEAM, y: ty + 14 }, clip(name, 16)));
    const node = (x, ny, kind, label, href, title) => {
      const g = svg('g', { class: 'node ' + kind }, svg('title', null, title), svg('rect', { x, y: ny, width: W, height: NODE_H, rx: 4 }), svg('text', { x: x + 6, y: ny + 14 }, clip(label, 31)));
      if (!href) return g;
      const a = svg('a', { href });
      a.appendChild(g);
      return a;
    };
    for (const s of ordered) root.appendChild(node(X_SERVICE, serviceY.get(s.name), 'service', s.name, route('service', s.name), s.name + ' (' + (s.owner || 'unowned') + ')'));
    for (const [id, sy] of storeY) {
      const r = resources.get(id);
      root.appendChild(node(X_STORE, sy, r.type, r.name, null, r.name + ' (' + r.type + (r.environment ? ', ' + r.environment : '') + ')'));
    }
    for (const [id, oy] of outsideY) {
      const n = id.replace(/^service:/, '');
      root.appendChild(node(X_OUTSIDE, oy, 'outside', n, services.has(n) ? route('service', n) : null, n + ' (another team)'));
    }
    return root;
  }
  const clip = (text, n) => (text.length > n ? text.slice(0, n - 1) + '…' : text);

  // ---------- start ----------
  // The no-script tables sit in <noscript>: with the script on they are never markup, nothing to hide.
  app.hidden = false;
  window.addEventListener('hashchange', render);
  render();
})();
