/* global document, window, location */
// The page: reads Jaeger's query API (/api/services, /api/traces) and draws what trace-model.js builds.
import {
  buildTrace,
  formatMs,
  normalizeTraceId,
  serviceColor,
  summarizeTraces,
  traceIdFromLocation,
} from './trace-model.js';

const LIST_LIMIT = 20;
const byId = (id) => document.getElementById(id);
const ui = {
  service: byId('service'),
  lookback: byId('lookback'),
  refresh: byId('refresh'),
  find: byId('find'),
  traceId: byId('trace-id'),
  list: byId('trace-list'),
  listStatus: byId('list-status'),
  trace: byId('trace'),
  version: byId('version'),
};

/** Creates an element. Children are appended as text, never parsed as HTML: span tags are data. */
function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'style') for (const [name, v] of Object.entries(value)) node.style.setProperty(name, v);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'className') node.className = value;
    else node.setAttribute(key, value);
  }
  const kids = children.flat(Infinity).filter((c) => c !== undefined && c !== null && c !== false);
  node.append(...kids.map((c) => (c instanceof window.Node ? c : String(c))));
  return node;
}

// Relative URLs, so a base path set in Jaeger (the <base> it rewrites) applies to the API too.
async function api(path) {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!res.ok || body === undefined)
    throw new Error(body?.errors?.[0]?.msg ?? `${res.status} ${res.statusText} ${text.slice(0, 200)}`);
  return body;
}

const clock = (micros) => new Date(micros / 1000).toLocaleTimeString();
const count = (n, noun) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const chip = (service) =>
  h('span', { className: 'chip', style: { '--service': serviceColor(service) } }, service);

function setListStatus(text, isError = false) {
  ui.listStatus.textContent = text;
  ui.listStatus.classList.toggle('error', isError);
}

async function loadServices() {
  const wanted = ui.service.value || localStorage.getItem('shopeasy-traces.service');
  const { data } = await api('api/services');
  const services = [...(data ?? [])].sort();
  ui.service.replaceChildren(...services.map((s) => h('option', { value: s }, s)));
  if (services.includes(wanted)) ui.service.value = wanted;
  if (services.length === 0) {
    ui.list.replaceChildren();
    setListStatus('No service has sent spans yet: make a request to ShopEasy, then Refresh.');
    return;
  }
  await loadTraces();
}

async function loadTraces() {
  const service = ui.service.value;
  localStorage.setItem('shopeasy-traces.service', service);
  setListStatus(`Loading traces of ${service}…`);
  // Jaeger's search takes start/end in microseconds; without them it looks back two days.
  const start = (Date.now() - Number(ui.lookback.value) * 60_000) * 1000;
  const query = new URLSearchParams({ service, limit: String(LIST_LIMIT), start: String(start) });
  const { data } = await api(`api/traces?${query}`);
  const traces = summarizeTraces(data);
  ui.list.replaceChildren(...traces.map(listItem));
  const period = ui.lookback.selectedOptions[0]?.textContent ?? '';
  setListStatus(traces.length > 0 ? '' : `No traces of ${service} in the last ${period}.`);
  markSelected(traceIdFromLocation(location));
}

function listItem(trace) {
  return h(
    'li',
    {},
    h(
      'a',
      {
        href: `#${trace.traceId}`,
        'data-trace': trace.traceId,
        className: trace.errorCount > 0 ? 'error' : '',
        // Only the hash changes: with <base href="/"> the plain link would leave a /trace/<id> page.
        onclick: (event) => {
          event.preventDefault();
          openTrace(trace.traceId);
        },
      },
      h('span', { className: 'title' }, trace.rootOperation),
      h(
        'span',
        { className: 'meta' },
        `${clock(trace.startTime)} · ${formatMs(trace.duration)} · ${count(trace.spanCount, 'span')}`,
        trace.errorCount > 0 ? h('strong', {}, ` · ${count(trace.errorCount, 'error')}`) : undefined,
      ),
      h('span', { className: 'chips' }, trace.services.map(chip)),
    ),
  );
}

function markSelected(traceId) {
  for (const link of ui.list.querySelectorAll('a[data-trace]'))
    link.classList.toggle('selected', link.dataset.trace === traceId);
}

function openTrace(traceId) {
  if (traceIdFromLocation(location) === traceId && location.hash) void showTrace(traceId);
  else location.hash = traceId;
}

async function showTrace(traceId) {
  markSelected(traceId);
  ui.trace.replaceChildren(h('p', { className: 'status' }, `Loading trace ${traceId}…`));
  try {
    const { data } = await api(`api/traces/${traceId}`);
    if (!data?.[0]) throw new Error('trace not found');
    renderTrace(buildTrace(data[0]));
  } catch (error) {
    ui.trace.replaceChildren(h('p', { className: 'status error' }, `Trace ${traceId}: ${error.message}`));
  }
}

function renderTrace(model) {
  document.title = `${model.rootOperation} · ShopEasy traces`;
  const facts = [
    ['Trace id', h('code', {}, model.traceId)],
    ['Started', new Date(model.startTime / 1000).toLocaleString()],
    ['Duration', formatMs(model.duration)],
    ['Spans', model.spanCount],
    ['Errors', model.errorCount],
    ['Services', model.services.map(chip)],
  ];
  const ticks = [0, 25, 50, 75, 100].map((pct) =>
    h('span', { className: 'tick', style: { left: `${pct}%` } }, formatMs((model.duration * pct) / 100)),
  );
  ui.trace.replaceChildren(
    h('h2', {}, chip(model.rootService), ' ', model.rootOperation),
    h(
      'dl',
      { className: 'facts' },
      facts.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))),
    ),
    h(
      'div',
      { className: 'waterfall' },
      h(
        'div',
        { className: 'row ruler' },
        h('span', { className: 'name' }, 'Service · operation'),
        h('span', { className: 'timeline' }, ticks),
      ),
      model.rows.map((row) => spanRow(row, model)),
    ),
  );
}

function spanRow(row, model) {
  const details = h('div', { className: 'details', hidden: '' });
  const end = row.offsetPct + row.widthPct;
  // The duration goes right of the bar; near the right edge left of it, or inside a bar that spans both.
  const [label, inside] =
    end <= 80
      ? [{ left: `${end}%` }, false]
      : row.offsetPct >= 20
        ? [{ right: `${100 - row.offsetPct}%` }, false]
        : [{ right: `${100 - end}%` }, true];
  const line = h(
    'button',
    {
      type: 'button',
      className: `row${row.error ? ' error' : ''}`,
      'aria-expanded': 'false',
      style: { '--service': serviceColor(row.service) },
      onclick: () => {
        if (details.childElementCount === 0) details.append(...spanDetails(row, model));
        details.hidden = !details.hidden;
        line.setAttribute('aria-expanded', String(!details.hidden));
      },
    },
    h(
      'span',
      { className: 'name', style: { 'padding-left': `${0.5 + row.depth * 1.1}rem` } },
      h('span', { className: 'service' }, row.service),
      ' ',
      h('span', { className: 'operation' }, row.operation),
    ),
    h(
      'span',
      { className: 'timeline' },
      h('span', { className: 'bar', style: { left: `${row.offsetPct}%`, width: `${row.widthPct}%` } }),
      h('span', { className: `duration${inside ? ' inside' : ''}`, style: label }, formatMs(row.duration)),
    ),
  );
  return [line, details];
}

function spanDetails(row, model) {
  const table = (caption, pairs) =>
    pairs.length === 0
      ? undefined
      : h(
          'table',
          {},
          h('caption', {}, caption),
          pairs.map(([key, value]) => h('tr', {}, h('th', {}, key), h('td', {}, value))),
        );
  const valueText = (value) => (typeof value === 'object' ? JSON.stringify(value) : String(value));
  const ids = [
    ['span id', row.spanId],
    ['parent span id', row.parentId ?? '(root)'],
    ['starts after', formatMs(row.startTime - model.startTime)],
  ];
  return [
    table('Span', ids),
    table(
      'Tags',
      row.tags.map((t) => [t.key, valueText(t.value)]),
    ),
    ...row.logs.map((log) =>
      table(
        `Event at ${formatMs(log.timestamp - row.startTime)}`,
        log.fields.map((f) => [f.key, valueText(f.value)]),
      ),
    ),
    table(
      `Process (${row.service})`,
      row.processTags.map((t) => [t.key, valueText(t.value)]),
    ),
  ].filter(Boolean);
}

const placeholder = ui.trace.innerHTML;
function route() {
  const traceId = traceIdFromLocation(location);
  if (traceId) return void showTrace(traceId);
  ui.trace.innerHTML = placeholder; // the page's own markup, not data
  document.title = 'ShopEasy traces';
  markSelected(undefined);
}

function refresh() {
  loadServices().catch((error) => setListStatus(`Cannot read Jaeger's query API: ${error.message}`, true));
}

ui.find.addEventListener('submit', (event) => {
  event.preventDefault();
  const traceId = normalizeTraceId(ui.traceId.value);
  ui.traceId.setCustomValidity(traceId ? '' : 'A trace id is 1 to 32 hex digits, or paste a traceparent.');
  if (!ui.traceId.reportValidity()) return;
  ui.traceId.value = '';
  openTrace(traceId);
});
ui.traceId.addEventListener('input', () => ui.traceId.setCustomValidity(''));
ui.service.addEventListener('change', () =>
  loadTraces().catch((error) => setListStatus(error.message, true)),
);
ui.lookback.addEventListener('change', refresh);
ui.refresh.addEventListener('click', refresh);
window.addEventListener('hashchange', route);

const version = window.JAEGER_VERSION?.gitVersion;
if (version) ui.version.textContent = `Jaeger ${version}`;
route();
refresh();
