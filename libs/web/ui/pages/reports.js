// Berichte (office): the office's report for its youth welfare committee (GetOfficeReport) as
// tables and bar charts, with CSV download and print. Exports reportPage() for the district's
// report (district_reports.js), which the aggregator builds the same way.
import {
  h, api, announce, badge, barChart, can, downloadCsv, errorNotice, field, fill, fmtDateTime, label,
  notice, table,
} from '../ui.js';

const DUTY_KINDS = { DUTY_STATUS_MET: 'ok', DUTY_STATUS_NOT_MET: 'bad', DUTY_STATUS_NOT_YET_DUE: 'warn' };
const OFFICE_STATUS = {
  STATUS_OK: ['aktuell', 'ok'], STATUS_MISSING: ['keine Zahlen', 'bad'], STATUS_STALE: ['möglicherweise veraltet', 'warn'],
};
const QUARTERS = [[0, 'ganzes Jahr'], [1, '1. Quartal'], [2, '2. Quartal'], [3, '3. Quartal'], [4, '4. Quartal']];

export default {
  id: 'reports',
  title: 'Berichte',
  async render(main, params, session) {
    await reportPage(main, session, {
      method: 'StatisticsService/GetOfficeReport',
      csvPrefix: 'bericht',
      intro: 'Der Bericht des Jugendamts für den Jugendhilfeausschuss, berechnet aus den eigenen Daten, mit der Veränderung zum Vorjahr.',
      exactHint: 'Die interne Fassung zeigt auch kleine Personenzahlen genau; sie ist nur für die Netzwerkkoordination.',
    });
  },
};

// The report page: h1, the choice of period and version, then the report of the chosen period.
// opts: {method, intro, exactHint, csvPrefix}.
export async function reportPage(main, session, opts) {
  const year = new Date().getFullYear();
  const years = Array.from({ length: 8 }, (_, i) => [year - i, String(year - i)]);
  const out = h('div');
  const form = h('form', { class: 'no-print', novalidate: true },
    h('div', { class: 'row' },
      field('Jahr', 'year', { tag: 'select', options: years, value: year - 1 }),
      field('Zeitraum', 'quarter', { tag: 'select', options: QUARTERS, value: 0 }),
      can('coordinator') ? field('Fassung', 'disclosure', {
        tag: 'select', value: 'DISCLOSURE_PUBLISHED',
        options: [['DISCLOSURE_PUBLISHED', 'Veröffentlichungsfassung'], ['DISCLOSURE_EXACT', 'Interne Fassung (genaue Zahlen)']],
      }) : null,
      h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Bericht anzeigen'))),
    can('coordinator') ? h('p', { class: 'muted' }, opts.exactHint) : null);
  const load = async (announceIt) => {
    const el = form.elements;
    const request = {
      period: { year: Number(el.year.value), quarter: Number(el.quarter.value) },
      disclosure: el.disclosure ? el.disclosure.value : undefined,
    };
    out.replaceChildren(h('p', { class: 'muted' }, 'Bericht wird berechnet …'));
    try {
      const { report } = await api(opts.method, request);
      fill(out, reportView(report, `${opts.csvPrefix}-${session.site.id}`));
      if (announceIt) announce(`${report.title} angezeigt`);
    } catch (err) {
      fill(out, errorNotice(err));
    }
  };
  form.addEventListener('submit', (ev) => { ev.preventDefault(); load(true); });
  fill(main, h('h1', {}, 'Berichte'), h('p', { class: 'no-print' }, opts.intro), form, out);
  await load(false);
}

// A whole report: title, notes, offices, buttons, then every table (with a chart where useful).
// csvBase names the CSV file ("bericht-lippstadt" → "bericht-lippstadt-2025.csv").
export function reportView(report, csvBase) {
  const csvName = `${csvBase}-${report.period.year}${report.period.quarter ? `-q${report.period.quarter}` : ''}.csv`;
  return h('section', {},
    h('h2', {}, report.title),
    h('p', {}, `Zeitraum: ${report.period_label} · `,
      report.disclosure === 'DISCLOSURE_EXACT' ? 'Interne Fassung mit genauen Zahlen' : 'Veröffentlichungsfassung',
      ` · erstellt ${fmtDateTime(report.generated_time)}`),
    (report.notes || []).map((n) => notice(n)),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onclick: () => { downloadCsv(csvName, ...csvRows(report)); announce('CSV-Datei wird heruntergeladen'); } }, 'CSV herunterladen'),
      h('button', { type: 'button', class: 'secondary', onclick: () => window.print() }, 'Drucken')),
    (report.offices || []).length > 1 || (report.offices || []).some((o) => o.status !== 'STATUS_OK') ? officesTable(report) : null,
    (report.tables || []).map((t) => (t.id === 'duties' && (report.duties || []).length ? dutiesSection(report, t) : tableSection(report, t))));
}

// Which offices' figures the report covers and how current they are.
function officesTable(report) {
  return h('section', {}, h('h3', {}, 'Erfasste Jugendämter'), table('Stand der Zahlen je Jugendamt', [
    { label: 'Jugendamt', value: (o) => o.name },
    { label: 'Stand', value: (o) => badge(...(OFFICE_STATUS[o.status] || [label({}, o.status), 'info'])) },
    { label: 'Zahlen berechnet', value: (o) => (o.computed_time ? fmtDateTime(o.computed_time) : '–') },
    { label: 'Hinweis', value: (o) => o.note || '–' },
  ], report.offices));
}

// A report table that may scroll sideways, reachable by keyboard (a named, focusable region).
function wideTable(caption, columns, rows, empty) {
  const el = table(caption, columns, rows, empty);
  if (el.classList.contains('table-wrap')) {
    el.setAttribute('tabindex', '0');
    el.setAttribute('role', 'region');
    el.setAttribute('aria-label', caption);
  }
  return el;
}

// A cell's text; "erfüllt"/"nicht erfüllt" as text badges.
function cellView(display) {
  if (display === 'erfüllt') return badge(display, 'ok');
  if (display === 'nicht erfüllt') return badge(display, 'bad');
  return display;
}

// One table of the report: heading, chart of the last column, the figures and a note.
function tableSection(report, t) {
  const columns = [
    { label: 'Kennzahl', value: (r) => r.label },
    ...(t.columns || []).map((c, i) => ({ label: c, num: true, value: (r) => cellView((r.cells[i] || {}).display || '–') })),
  ];
  if (t.year_over_year) {
    columns.push({ label: t.columns.length > 1 ? 'Vorjahr gesamt' : 'Vorjahr', num: true, value: (r) => (r.previous ? r.previous.display : '–') });
    columns.push({ label: 'Veränderung', num: true, value: (r) => r.change || '–' });
  }
  return h('section', {},
    h('h3', {}, t.title),
    t.chart ? chartOf(t) : null,
    wideTable(`${t.title} (${report.period_label})`, columns, t.rows || [], 'Keine Zahlen.'),
    t.note ? h('p', { class: 'muted' }, t.note) : null);
}

// A bar chart of the rows' last column; withheld cells are left out and named below the chart.
function chartOf(t) {
  const last = (t.columns || []).length - 1;
  const rows = (t.rows || []).filter((r) => !r.sum);
  const shown = rows.filter((r) => r.cells[last] && !r.cells[last].withheld && !r.cells[last].no_data);
  const hidden = rows.filter((r) => !shown.includes(r));
  if (!shown.some((r) => Number(r.cells[last].value) > 0)) return null;
  const title = t.columns.length > 1 ? `${t.title} – ${t.columns[last]}` : t.title;
  return h('div', {},
    barChart(title, shown.map((r) => ({ label: r.label, value: Number(r.cells[last].value) }))),
    hidden.length ? h('p', { class: 'muted' }, `Nicht im Diagramm (Zahl geschützt oder keine Daten): ${hidden.map((r) => r.label).join(', ')}.`) : null);
}

// The duties overview: per duty and office (and the district) the status as a text badge with
// the figures behind it.
function dutiesSection(report, t) {
  const columns = t.columns || [];
  const column = (officeId) => {
    const i = (report.offices || []).findIndex((o) => o.office_id === officeId);
    return officeId && i >= 0 ? i : columns.length - 1;
  };
  const byDuty = new Map();
  for (const d of report.duties) {
    if (!byDuty.has(d.duty)) byDuty.set(d.duty, { label: d.label, cells: [] });
    byDuty.get(d.duty).cells[column(d.office_id)] = d;
  }
  const cell = (d) => (d ? h('span', {}, badge(d.status_label, DUTY_KINDS[d.status] || 'info'), h('br'), d.figures) : '–');
  return h('section', {},
    h('h3', {}, t.title),
    wideTable(`${t.title} (${report.period_label})`, [
      { label: 'Pflicht', value: (r) => r.label },
      ...columns.map((c, i) => ({ label: c, value: (r) => cell(r.cells[i]) })),
    ], [...byDuty.values()]),
    t.note ? h('p', { class: 'muted' }, t.note) : null);
}

// The report as CSV rows (the displayed figures, so disclosure control holds): [header, rows].
function csvRows(report) {
  const rows = [[report.period_label], []];
  for (const t of report.tables || []) {
    const yoy = t.year_over_year;
    rows.push([t.title], ['Kennzahl', ...(t.columns || []), ...(yoy ? ['Vorjahr', 'Veränderung'] : [])]);
    for (const r of t.rows || []) {
      rows.push([r.label, ...(r.cells || []).map((c) => c.display), ...(yoy ? [r.previous ? r.previous.display : '', r.change || ''] : [])]);
    }
    if (t.note) rows.push([t.note]);
    rows.push([]);
  }
  for (const n of report.notes || []) rows.push([n]);
  return [[report.title], rows];
}
