// Shared helpers of the web UI: calls to the service, DOM building, German dates in
// Europe/Berlin, forms with field errors, tables, pagination and simple charts.

export const TZ = 'Europe/Berlin';
let csrf = '';
export function setCsrf(value) { csrf = value; }

// An error answer of the service: HTTP status, gRPC code name and the bilingual message.
export class ApiError extends Error {
  constructor(status, code, message) { super(message); this.status = status; this.code = code; }
}

// Calls a method of the service ("MemberService/ListMembers") with a request object.
export async function api(method, request = {}) {
  const res = await fetch(`/api/rpc/${method}`, {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
    body: JSON.stringify(request),
  });
  let body = {};
  try { body = await res.json(); } catch (e) { body = {}; }
  if (!res.ok) {
    if (res.status === 401) window.dispatchEvent(new CustomEvent('sn-logged-out'));
    throw new ApiError(res.status, body.code || String(res.status), body.message || res.statusText);
  }
  return body;
}

// Collects every page of a list method (at most `max` items).
export async function apiAll(method, request, field, max = 1000) {
  const out = [];
  let token = '';
  do {
    const page = await api(method, { ...request, page_size: 100, page_token: token });
    out.push(...(page[field] || []));
    token = page.next_page_token || '';
  } while (token && out.length < max);
  return out;
}

// h('a', {href: '#/x', class: 'y', onclick: f}, 'text', child…): an element.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}
function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}
// el.replaceChildren(…) that leaves out null/false/undefined children (as h() does); arrays are
// flattened.
export function fill(el, ...children) {
  el.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
}
// An SVG element (charts).
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  append(el, children);
  return el;
}

let idCounter = 0;
export function uid(prefix = 'f') { idCounter += 1; return `${prefix}-${idCounter}`; }

// --- dates: the service speaks UTC timestamps (RFC 3339); people read Europe/Berlin ---------
const dateFmt = new Intl.DateTimeFormat('de-DE', { timeZone: TZ, day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFmt = new Intl.DateTimeFormat('de-DE', { timeZone: TZ, hour: '2-digit', minute: '2-digit' });
const weekdayFmt = new Intl.DateTimeFormat('de-DE', { timeZone: TZ, weekday: 'short' });
export function fmtDate(ts) { return ts ? dateFmt.format(new Date(ts)) : '–'; }
export function fmtTime(ts) { return ts ? timeFmt.format(new Date(ts)) : ''; }
export function fmtDateTime(ts) { return ts ? `${weekdayFmt.format(new Date(ts))}, ${fmtDate(ts)}, ${fmtTime(ts)} Uhr` : '–'; }
// "2026-12-03" (a google.type.Date-like {year, month, day} or ISO day) as "03.12.2026".
export function fmtDay(d) {
  if (!d) return '–';
  if (typeof d === 'string') { const [y, m, dd] = d.split('-'); return `${dd}.${m}.${y}`; }
  if (!d.year) return '–';
  return `${String(d.day).padStart(2, '0')}.${String(d.month).padStart(2, '0')}.${d.year}`;
}
// The parts of a UTC instant in Europe/Berlin: {year, month, day, hour, minute}.
export function berlinParts(date) {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(date);
  const get = (t) => Number(parts.find((p) => p.type === t).value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}
// "2026-12-03T18:00" meant in Europe/Berlin → RFC 3339 UTC timestamp.
export function berlinToUtc(local) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(local || '');
  if (!m) return '';
  const want = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] || 0), +(m[5] || 0));
  let guess = want;
  for (let i = 0; i < 3; i += 1) {
    const p = berlinParts(new Date(guess));
    const seen = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    guess += want - seen;
  }
  return new Date(guess).toISOString().replace('.000Z', 'Z');
}
// RFC 3339 timestamp → "2026-12-03T18:00" in Europe/Berlin (for datetime-local inputs).
export function utcToBerlinInput(ts) {
  if (!ts) return '';
  const p = berlinParts(new Date(ts));
  const z = (n) => String(n).padStart(2, '0');
  return `${p.year}-${z(p.month)}-${z(p.day)}T${z(p.hour)}:${z(p.minute)}`;
}
export function fmtNumber(n) { return new Intl.NumberFormat('de-DE').format(Number(n || 0)); }

// Request fields without the empty values (the service wants unset fields omitted).
export function compact(obj) {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== '' && v !== false && v !== undefined));
}

// --- forms ----------------------------------------------------------------------------------
// Select options [value, text] of a label map, after a first "no choice" option ['', first] if
// `first` is given.
export function selectOptions(labels, first) {
  return [...(first ? [['', first]] : []), ...Object.entries(labels)];
}
// A labelled field: field('Titel', 'title', {type: 'text', required: true}, 'hint').
export function field(label, name, attrs = {}, hint = '') {
  const id = uid(name);
  const hintId = hint ? `${id}-hint` : undefined;
  const tag = attrs.tag || 'input';
  const options = attrs.options;
  const a = { ...attrs };
  delete a.tag; delete a.options;
  const control = h(tag, { id, name, 'aria-describedby': hintId, ...a });
  if (options) for (const [value, text] of options) control.append(h('option', { value, selected: String(a.value) === String(value) }, text));
  if (tag === 'textarea' && a.value !== undefined) control.value = a.value;
  const wrap = h('div', { class: 'field', dataset: { field: name } },
    h('label', { for: id }, label, attrs.required ? h('span', { 'aria-hidden': 'true' }, ' *') : ''),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null, control);
  return wrap;
}
export function checkbox(label, name, checked = false) {
  const id = uid(name);
  return h('div', { class: 'field', dataset: { field: name } },
    h('label', { class: 'checkbox', for: id }, h('input', { type: 'checkbox', id, name, checked }), label));
}
// The values of a form's named controls (checkboxes as booleans).
export function values(form) {
  const out = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    out[el.name] = el.type === 'checkbox' ? el.checked : el.value.trim();
  }
  return out;
}

// "case_conference.summary: …; case_conference.findings: …" → [{path, text}], one entry per field
// the message names (empty if it does not start with a field path). "; " inside a part's own
// text stays in that part unless a field path follows it.
const VIOLATION = /(?:^|; )([a-z][a-z0-9_]*(?:\[\d+\])?(?:\.[a-z][a-z0-9_]*(?:\[\d+\])?)*): /g;
function violations(message) {
  const starts = [...message.matchAll(VIOLATION)];
  if (!starts.length || starts[0].index !== 0) return [];
  return starts.map((m, i) => ({
    path: m[1],
    text: message.slice(m.index + (m.index ? 2 : 0), i + 1 < starts.length ? starts[i + 1].index : undefined),
  }));
}

// The form's data-field name for a path of an error message: `resolve` is a function
// (path, text) → name or a map {path or leaf name: name}; by default the path's leaf name.
function fieldName(resolve, path, text) {
  if (typeof resolve === 'function') return resolve(path, text);
  const leaf = path.replace(/\[\d+\]/g, '').split('.').pop();
  return (resolve && (resolve[path] || resolve[leaf])) || leaf;
}

// Shows an error of the service on a form: the whole message in an alert at the top, and each
// field the message names ("event.title: …; event.end_time: …") that the form has gets its own
// part of the message, marked invalid; the first of them in the form gets the focus (else the
// alert). `resolve`: see fieldName — a map or a function (path, text) → data-field name.
export function showFormError(form, err, resolve = {}) {
  clearFormErrors(form);
  const message = err instanceof ApiError ? err.message : String(err && err.message || err);
  const box = h('div', { class: 'notice error form-error', role: 'alert' }, h('strong', {}, 'Nicht gespeichert: '), message);
  form.prepend(box);
  for (const { path, text } of violations(message)) {
    const name = fieldName(resolve, path, text);
    const target = name && form.querySelector(`[data-field="${CSS.escape(name)}"]`);
    if (target) markField(target, text);
  }
  const first = form.querySelector('[aria-invalid="true"]');
  if (first) {
    first.focus();
  } else {
    box.setAttribute('tabindex', '-1');
    box.focus();
  }
}
// Adds `text` as an error at a field wrapper and marks its control invalid.
function markField(target, text) {
  const control = target.querySelector('input, textarea, select');
  const id = uid('err');
  target.append(h('p', { class: 'error', id }, text));
  if (!control) return;
  control.setAttribute('aria-invalid', 'true');
  control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
}
export function clearFormErrors(form) {
  form.querySelectorAll('.form-error, .field .error').forEach((e) => e.remove());
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
}
// Submit handling: runs `action(values)`; its errors are shown on the form with showFormError
// (`resolve`: the field map or resolve function passed on to it).
export function onSubmit(form, action, resolve) {
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    if (button) button.disabled = true;
    try {
      clearFormErrors(form);
      await action(values(form));
    } catch (err) {
      showFormError(form, err, resolve);
    } finally {
      if (button) button.disabled = false;
    }
  });
  return form;
}

// The form of an edit page: `fields`, "Änderungen speichern" and "Abbrechen" (back to
// `backHref`). `save(values)` stores the values; then `backHref` shows "Änderungen gespeichert.".
export function editForm(fields, backHref, save) {
  const form = h('form', { novalidate: true }, ...fields,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Änderungen speichern'), h('a', { href: backHref }, 'Abbrechen')));
  onSubmit(form, async (v) => {
    await save(v);
    setFlash('Änderungen gespeichert.');
    location.hash = backHref;
  });
  return form;
}

// A section for an action that cannot be undone: the button `title` opens a confirmation form
// with `question`, optional `fields`, the button `confirm` and "Abbrechen"; `action(values)` runs
// only when confirmed, and its errors are shown on the form.
export function confirmSection(title, { question, confirm, fields = [] }, action) {
  const headingId = uid('confirm');
  const area = h('div');
  const start = h('button', { type: 'button', class: 'danger' }, title);
  const showButton = () => area.replaceChildren(start);
  start.addEventListener('click', () => {
    const cancel = h('button', { type: 'button', class: 'secondary' }, 'Abbrechen');
    cancel.addEventListener('click', () => { showButton(); start.focus(); });
    const form = h('form', { novalidate: true, 'aria-labelledby': headingId },
      h('p', {}, question), ...fields,
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'danger' }, confirm), cancel));
    onSubmit(form, action);
    area.replaceChildren(form);
    (form.querySelector('input, textarea, select') || cancel).focus();
  });
  showButton();
  return h('section', { 'aria-labelledby': headingId, class: 'no-print' }, h('h2', { id: headingId }, title), area);
}

// --- feedback ---------------------------------------------------------------------------------
export function announce(text) {
  const live = document.getElementById('live');
  live.textContent = '';
  setTimeout(() => { live.textContent = text; }, 50);
}
export function notice(text, kind = 'info') {
  return h('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}
export function errorNotice(err) {
  return notice(`Fehler: ${err instanceof ApiError ? err.message : String(err && err.message || err)}`, 'error');
}
export function badge(text, kind = 'info') { return h('span', { class: `badge ${kind}` }, text); }

// A message to show once on the next page rendered (after a form navigates away or re-renders).
let flash = '';
export function setFlash(text) { flash = text; }
// The message of setFlash ('' if none); it is cleared, so that it is shown only once.
export function takeFlash() { const text = flash; flash = ''; return text; }
// The message of setFlash as a success notice, announced (null if none).
export function flashNotice() {
  const text = takeFlash();
  if (!text) return null;
  announce(text);
  return notice(text, 'success');
}

// Multi-line text as paragraphs (one <p> per non-empty line); no text → a muted "–".
export function paragraphs(text) {
  const lines = String(text || '').split(/\n+/).filter((line) => line.trim());
  return lines.length ? lines.map((line) => h('p', {}, line)) : [h('p', { class: 'muted' }, '–')];
}

// --- tables and lists -------------------------------------------------------------------------
// table('Mitglieder', [{label: 'Name', value: (r) => r.name, num: false}], rows)
export function table(caption, columns, rows, empty = 'Keine Einträge.') {
  if (!rows.length) return h('p', { class: 'muted' }, empty);
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, columns.map((c, i) => {
      const v = c.value(r);
      return i === 0 && c.rowHeader !== false ? h('th', { scope: 'row', class: c.num ? 'num' : null }, v) : h('td', { class: c.num ? 'num' : null }, v);
    }))))));
}

// A description list (dl.facts) of [term, description] rows; null rows are left out.
export function factList(rows) {
  return h('dl', { class: 'facts' }, rows.filter(Boolean).map(([dt, dd]) => [h('dt', {}, dt), h('dd', {}, dd)]));
}

// A paged list: loads pages of `method` into `container` with a "Weitere laden" button.
export function pagedList(container, method, request, field, render) {
  let token = '';
  const items = [];
  const status = h('p', { class: 'muted', role: 'status' });
  const more = h('button', { type: 'button', class: 'secondary' }, 'Weitere laden');
  const body = h('div');
  container.append(body, h('div', { class: 'pager' }, more, status));
  async function load() {
    more.disabled = true;
    try {
      const page = await api(method, { ...request, page_size: 50, page_token: token });
      items.push(...(page[field] || []));
      token = page.next_page_token || '';
      body.replaceChildren(render(items));
      const total = page.total_size ? Number(page.total_size) : null;
      status.textContent = total !== null && total > 0 ? `${items.length} von ${total} angezeigt` : `${items.length} angezeigt`;
      more.hidden = !token;
    } catch (err) {
      body.replaceChildren(errorNotice(err));
    } finally {
      more.disabled = false;
    }
  }
  more.addEventListener('click', load);
  return load();
}

// A horizontal bar chart as SVG with a text alternative: bars [{label, value}].
export function barChart(title, bars, { unit = '' } = {}) {
  const max = Math.max(1, ...bars.map((b) => Number(b.value) || 0));
  const rowH = 26; const labelW = 220; const width = 640; const barW = width - labelW - 60;
  const id = uid('chart');
  const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${bars.length * rowH + 10}`, role: 'img', 'aria-labelledby': id, width, height: bars.length * rowH + 10 },
    svg('title', { id }, `${title}: ${bars.map((b) => `${b.label} ${fmtNumber(b.value)}${unit}`).join(', ')}`),
    bars.map((b, i) => {
      const w = Math.round(((Number(b.value) || 0) / max) * barW);
      const y = i * rowH + 5;
      return [
        svg('text', { x: labelW - 8, y: y + 16, 'text-anchor': 'end' }, b.label.length > 32 ? `${b.label.slice(0, 31)}…` : b.label),
        svg('rect', { class: i % 2 ? 'bar alt' : 'bar', x: labelW, y: y + 3, width: Math.max(w, 1), height: rowH - 8 }),
        svg('text', { x: labelW + w + 6, y: y + 16 }, `${fmtNumber(b.value)}${unit}`),
      ];
    }));
  return h('figure', {}, h('figcaption', {}, title), chart);
}

// CSV download of rows (semicolon-separated, as German spreadsheet programs expect).
export function downloadCsv(filename, header, rows) {
  const esc = (v) => { const s = String(v ?? ''); return /[";\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; };
  const text = [header, ...rows].map((r) => r.map(esc).join(';')).join('\r\n');
  const blob = new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' });
  const a = h('a', { href: URL.createObjectURL(blob), download: filename });
  document.body.append(a); a.click(); a.remove();
}

// The label of an enum value: labels[value] or the value without its prefix.
export function label(labels, value) { return labels[value] || String(value || '').replace(/^[A-Z]+(_[A-Z]+)*?_(?=[A-Z]+$)/, ''); }

// Whether the logged-in role is at least `role` ("viewer" < "editor" < "coordinator").
const ROLE_RANK = { TOKEN_ROLE_VIEWER: 1, TOKEN_ROLE_EDITOR: 2, TOKEN_ROLE_COORDINATOR: 3, TOKEN_ROLE_DISTRICT_COORDINATOR: 3 };
let currentRole = '';
export function setRole(role) { currentRole = role; }
export function can(role) { return (ROLE_RANK[currentRole] || 0) >= ({ viewer: 1, editor: 2, coordinator: 3 })[role]; }

// The district's offices by id, from the session's site (GET /api/session).
let officeNames = new Map();
let ownOffice = '';
export function setSite(site) {
  officeNames = new Map((site.offices || []).map((o) => [o.id, o.name]));
  ownOffice = site.kind === 'office' ? site.id : '';
}
// An office's name by its id ("Jugendamt der Stadt Soest"), at an office its own marked; no id
// means the district coordination, an id the district file does not list stays as it is.
export function officeName(id) {
  if (!id) return 'Kreis';
  const name = officeNames.get(id) || id;
  return id === ownOffice ? `${name} (dieses Jugendamt)` : name;
}
