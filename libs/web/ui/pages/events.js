// Termine: the office's calendar as a list or a month grid, the form for a new event or series,
// and an event's details with agenda, minutes, registrations, waitlist and attendance.
import {
  h, api, apiAll, field, checkbox, onSubmit, announce, notice, errorNotice, badge, table,
  pagedList, label, can, officeName, fmtDate, fmtDateTime, fmtTime, berlinParts, berlinToUtc,
  utcToBerlinInput, compact, editForm, fill, factList, flashNotice, selectOptions, paragraphs,
  setFlash, takeFlash,
} from '../ui.js';

// German labels as in libs/domain/event.cc, registration.cc and group_service.proto.
export const KINDS = {
  EVENT_KIND_NETWORK_MEETING: 'Netzwerktreffen',
  EVENT_KIND_WORKING_GROUP_MEETING: 'Arbeitskreissitzung',
  EVENT_KIND_STEERING_GROUP_MEETING: 'Sitzung der Steuerungsgruppe',
  EVENT_KIND_CONFERENCE_DAY: 'Fachtag',
  EVENT_KIND_TALK: 'Fachvortrag',
  EVENT_KIND_TRAINING: 'Fortbildung',
  EVENT_KIND_CASE_CONFERENCE: 'Anonymisierte Fallkonferenz',
  EVENT_KIND_FORUM: 'Forum',
  EVENT_KIND_KICK_OFF: 'Auftaktveranstaltung',
  EVENT_KIND_INFORMATION_EVENT: 'Informationsveranstaltung',
};
const SCOPES = {
  EVENT_SCOPE_LOCAL: 'nur dieses Jugendamt',
  EVENT_SCOPE_DISTRICT: 'kreisweit',
  EVENT_SCOPE_PUBLIC: 'öffentlich',
};
const STATES = {
  EVENT_STATE_PLANNED: 'geplant',
  EVENT_STATE_HELD: 'durchgeführt',
  EVENT_STATE_CANCELLED: 'abgesagt',
};
const STATE_KIND = { EVENT_STATE_PLANNED: 'info', EVENT_STATE_HELD: 'ok', EVENT_STATE_CANCELLED: 'bad' };
const REG_STATES = {
  REGISTRATION_STATE_REGISTERED: 'angemeldet',
  REGISTRATION_STATE_WAITLISTED: 'Warteliste',
  REGISTRATION_STATE_CANCELLED: 'storniert',
  REGISTRATION_STATE_PENDING: 'angefragt',
  REGISTRATION_STATE_REJECTED: 'abgelehnt',
};
const REG_KIND = {
  REGISTRATION_STATE_REGISTERED: 'ok', REGISTRATION_STATE_WAITLISTED: 'warn',
  REGISTRATION_STATE_CANCELLED: 'info', REGISTRATION_STATE_PENDING: 'info', REGISTRATION_STATE_REJECTED: 'bad',
};
export const GROUP_KINDS = {
  GROUP_KIND_REGIONAL_GROUP: 'Regionalgruppe',
  GROUP_KIND_WORKING_GROUP: 'Arbeitskreis',
  GROUP_KIND_STEERING_GROUP: 'Steuerungsgruppe',
};
// The recurrence choices of CreateEventSeries (Recurrence.interval_weeks / interval_months).
const REPEATS = {
  w1: { text: 'wöchentlich', interval_weeks: 1 },
  w2: { text: 'alle 2 Wochen', interval_weeks: 2 },
  m1: { text: 'monatlich', interval_months: 1 },
  m2: { text: 'alle 2 Monate', interval_months: 2 },
  m3: { text: 'vierteljährlich (alle 3 Monate)', interval_months: 3 },
  m4: { text: 'dreimal im Jahr (alle 4 Monate)', interval_months: 4 },
  m6: { text: 'halbjährlich (alle 6 Monate)', interval_months: 6 },
};
const PERIODS = { upcoming: 'Kommende', past: 'Vergangene', all: 'Alle' };
const WEEKDAYS = [['Mo', 'Montag'], ['Di', 'Dienstag'], ['Mi', 'Mittwoch'], ['Do', 'Donnerstag'],
  ['Fr', 'Freitag'], ['Sa', 'Samstag'], ['So', 'Sonntag']];

function stateBadge(e) { return badge(label(STATES, e.state), STATE_KIND[e.state]); }
function isOwn(e) { return !e.mirrored; }
function seats(e) {
  const cap = Number(e.capacity || 0);
  const text = `${e.registered_count || 0} / ${cap ? cap : 'unbegrenzt'}`;
  return e.waitlisted_count ? `${text} (+${e.waitlisted_count} Warteliste)` : text;
}
function hasStarted(e) { return Date.parse(e.start_time) <= Date.now(); }
function timeRange(e) {
  const sameDay = fmtDate(e.start_time) === fmtDate(e.end_time);
  return `${fmtDateTime(e.start_time)} bis ${sameDay ? `${fmtTime(e.end_time)} Uhr` : fmtDateTime(e.end_time)}`;
}

export default {
  id: 'events',
  title: 'Termine',
  async render(main, params) {
    if (params[0] === 'neu') return renderCreate(main);
    if (params[0] === 'kalender') return renderCalendar(main, params[1]);
    if (params[0] && params[1] === 'bearbeiten') return renderEdit(main, params[0]);
    if (params[0]) return renderDetail(main, params[0]);
    return renderList(main);
  },
};

// The page head shared by list and calendar: h1, "Neuer Termin" and the view switch.
function pageHead(view) {
  const current = berlinParts(new Date());
  const month = `${current.year}-${String(current.month).padStart(2, '0')}`;
  const link = (href, text, active) => h('a', { href, class: active ? 'button' : null, 'aria-current': active ? 'page' : null }, text);
  return [
    h('h1', {}, 'Termine'),
    h('nav', { class: 'actions row', 'aria-label': 'Ansicht' },
      link('#/events', 'Liste', view === 'list'),
      link(`#/events/kalender/${month}`, 'Kalender', view === 'calendar')),
    can('editor') ? h('p', { class: 'actions' }, h('a', { href: '#/events/neu', class: 'button' }, 'Neuer Termin')) : null,
  ];
}

// --- list -----------------------------------------------------------------------------------
function eventTable(events) {
  return table('Termine', [
    { label: 'Datum', value: (e) => fmtDateTime(e.start_time) },
    { label: 'Titel', value: (e) => [h('a', { href: `#/events/${e.id}` }, e.title), e.mirrored ? h('span', { class: 'muted' }, ` (${officeName(e.organiser_office)})`) : null] },
    { label: 'Art', value: (e) => label(KINDS, e.kind) },
    { label: 'Ort', value: (e) => e.place || (e.online_link ? 'online' : '–') },
    { label: 'Anmeldungen/Plätze', value: seats },
    { label: 'Status', value: stateBadge },
  ], events, 'Keine Termine gefunden.');
}

function periodFilter(period) {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  if (period === 'upcoming') return { start_from: now };
  if (period === 'past') return { start_before: now };
  return {};
}

async function renderList(main) {
  const results = h('div');
  const form = h('form', { class: 'row', role: 'search', 'aria-label': 'Termine filtern' },
    field('Zeitraum', 'period', { tag: 'select', options: Object.entries(PERIODS), value: 'upcoming' }),
    field('Art', 'kind', { tag: 'select', options: selectOptions(KINDS, 'Alle') }),
    field('Status', 'state', { tag: 'select', options: selectOptions(STATES, 'Alle') }),
    h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Anzeigen')));
  const load = () => {
    const { period, kind, state } = Object.fromEntries(new FormData(form));
    results.replaceChildren();
    return pagedList(results, 'EventService/ListEvents', compact({ ...periodFilter(period), kind, state }), 'events', eventTable);
  };
  form.addEventListener('submit', (ev) => { ev.preventDefault(); load(); });
  fill(main, pageHead('list'), flashNotice(),
    h('p', { class: 'muted' }, 'Sortiert nach Beginn, früheste zuerst. Kreisweite Termine anderer Jugendämter sind mit dem ausrichtenden Jugendamt gekennzeichnet.'),
    form, results);
  await load();
}

// --- calendar -------------------------------------------------------------------------------
const monthName = (y, m) => new Intl.DateTimeFormat('de-DE', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
const monthKey = (y, m) => `${y}-${String(m).padStart(2, '0')}`;
function shiftMonth(y, m, by) {
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return [d.getUTCFullYear(), d.getUTCMonth() + 1];
}

async function renderCalendar(main, param) {
  const today = berlinParts(new Date());
  const match = /^(\d{4})-(\d{2})$/.exec(param || '');
  const [y, m] = match && +match[2] >= 1 && +match[2] <= 12 ? [+match[1], +match[2]] : [today.year, today.month];
  const [ny, nm] = shiftMonth(y, m, 1);
  const events = await apiAll('EventService/ListEvents', {
    start_from: berlinToUtc(`${monthKey(y, m)}-01T00:00`), start_before: berlinToUtc(`${monthKey(ny, nm)}-01T00:00`),
  }, 'events');
  const byDay = new Map();
  for (const e of events) {
    const p = berlinParts(new Date(e.start_time));
    if (p.year === y && p.month === m) byDay.set(p.day, [...(byDay.get(p.day) || []), e]);
  }
  const go = (by) => () => { location.hash = `#/events/kalender/${monthKey(...shiftMonth(y, m, by))}`; };
  const caption = `${monthName(y, m)} ${y}`;
  fill(main, pageHead('calendar'),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onclick: go(-1) }, 'Vorheriger Monat'),
      h('button', { type: 'button', class: 'secondary', onclick: go(1) }, 'Nächster Monat')),
    h('p', { class: 'muted', role: 'status' }, `${events.length} ${events.length === 1 ? 'Termin' : 'Termine'} im ${caption}`),
    h('div', { class: 'table-wrap' }, monthGrid(y, m, caption, byDay, today)));
}

// table.calendar: one row per week (Monday first), each day with links to its events.
function monthGrid(y, m, caption, byDay, today) {
  const lead = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const cells = [...Array(lead).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
  while (cells.length % 7) cells.push(null);
  const rows = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(cells.slice(i, i + 7));
  const isToday = (d) => d && today.year === y && today.month === m && today.day === d;
  const dayCell = (d) => {
    if (!d) return h('td', { class: 'other' });
    return h('td', { class: isToday(d) ? 'today' : null },
      h('div', { class: 'day' }, String(d), isToday(d) ? ' · heute' : ''),
      (byDay.get(d) || []).map((e) => h('div', {},
        h('a', { href: `#/events/${e.id}` }, `${fmtTime(e.start_time)} ${e.title}`),
        e.state === 'EVENT_STATE_PLANNED' ? '' : ` (${label(STATES, e.state)})`)));
  };
  return h('table', { class: 'calendar' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, WEEKDAYS.map(([short, long]) => h('th', { scope: 'col' }, h('abbr', { title: long }, short))))),
    h('tbody', {}, rows.map((week) => h('tr', {}, week.map(dayCell)))));
}

// --- new event ------------------------------------------------------------------------------
async function renderCreate(main) {
  const groups = await apiAll('GroupService/ListGroups', {}, 'groups');
  const repeatOnly = h('div', { hidden: true },
    h('div', { class: 'row' },
      field('Anzahl Termine', 'count', { type: 'number', min: 1, max: 52 }, 'einschließlich des ersten Termins'),
      field('Wiederholen bis', 'until_date', { type: 'date' }, 'letzter möglicher Tag')),
    h('p', { class: 'hint' }, 'Bitte entweder die Anzahl der Termine oder das Enddatum angeben (höchstens 52 Termine).'));
  const repeat = field('Wiederholung', 'repeat', { tag: 'select', options: [['', 'Keine'], ...Object.entries(REPEATS).map(([k, r]) => [k, r.text])] });
  repeat.querySelector('select').addEventListener('change', (ev) => { repeatOnly.hidden = !ev.target.value; });
  const form = h('form', { novalidate: true },
    ...eventFields(groups),
    h('fieldset', {}, h('legend', {}, 'Regelmäßiger Termin'), repeat, repeatOnly),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Termin anlegen'), h('a', { href: '#/events' }, 'Abbrechen')));
  onSubmit(form, createEvent, { interval: 'repeat', recurrence: 'repeat', start_times: 'repeat' });
  main.replaceChildren(
    h('p', {}, h('a', { href: '#/events' }, 'Zurück zu den Terminen')),
    h('h1', {}, 'Neuer Termin'),
    h('p', {}, 'Pflichtfelder sind mit * markiert.'),
    form);
}

// The fields of an event in "Neuer Termin" and "Termin bearbeiten", filled from `e` if given.
function eventFields(groups, e = {}) {
  return [
    field('Titel', 'title', { type: 'text', required: true, maxlength: 200, value: e.title }),
    field('Art', 'kind', { tag: 'select', required: true, options: selectOptions(KINDS, 'Bitte wählen'), value: e.kind }),
    field('Thema', 'topic', { type: 'text', maxlength: 300, value: e.topic }),
    h('div', { class: 'row' },
      field('Beginn', 'start_time', { type: 'datetime-local', required: true, value: utcToBerlinInput(e.start_time) }),
      field('Ende', 'end_time', { type: 'datetime-local', required: true, value: utcToBerlinInput(e.end_time) })),
    h('p', { class: 'hint' }, 'Uhrzeiten in deutscher Zeit (Europe/Berlin).'),
    field('Ort', 'place', { type: 'text', maxlength: 300, value: e.place }, 'Adresse oder Raum'),
    field('Online-Link', 'online_link', { type: 'text', inputmode: 'url', value: e.online_link }, 'https://… für die Online-Teilnahme (freiwillig)'),
    field('Beschreibung', 'description', { tag: 'textarea', maxlength: 5000, value: e.description }),
    field('Plätze', 'capacity', { type: 'number', min: 0, max: 100000, value: e.capacity || undefined }, 'leer oder 0: unbegrenzt; weitere Anmeldungen kommen auf die Warteliste'),
    field('Reichweite', 'scope', { tag: 'select', required: true, options: selectOptions(SCOPES), value: e.scope || 'EVENT_SCOPE_LOCAL' },
      'kreisweite und öffentliche Termine sehen auch die anderen Jugendämter'),
    field('Arbeitskreis/Gruppe', 'group_id', { tag: 'select', class: 'wide', options: [['', 'Keine'], ...groups.map((g) => [g.id, `${g.name} (${label(GROUP_KINDS, g.kind)})`])], value: e.group_id || '' },
      'für Sitzungen einer Regionalgruppe, eines Arbeitskreises oder der Steuerungsgruppe'),
  ];
}

// The event message of the form's values; empty texts stay "" (an edit may clear a field).
function eventValues(v) {
  return {
    title: v.title, kind: v.kind, topic: v.topic, description: v.description, place: v.place,
    online_link: v.online_link, group_id: v.group_id, scope: v.scope,
    start_time: berlinToUtc(v.start_time), end_time: berlinToUtc(v.end_time),
    capacity: v.capacity === '' ? 0 : Number(v.capacity),
  };
}

// CreateEvent, or CreateEventSeries when a recurrence is chosen; then opens the (first) event.
async function createEvent(v) {
  const event = compact(eventValues(v));
  let first;
  if (v.repeat) {
    const { text, ...interval } = REPEATS[v.repeat];
    const recurrence = compact({ ...interval, count: v.count === '' ? '' : Number(v.count), until_date: v.until_date });
    const res = await api('EventService/CreateEventSeries', { event, recurrence });
    first = res.events[0];
    setFlash(`Termin angelegt: Terminreihe mit ${res.events.length} Terminen (${text}).`);
  } else {
    first = (await api('EventService/CreateEvent', { event })).event;
    setFlash('Termin angelegt.');
  }
  location.hash = `#/events/${first.id}`;
}

// --- edit -----------------------------------------------------------------------------------
// What UpdateEvent writes from the form: every field of it (the audience stays as it is).
const EDIT_MASK = 'kind,title,topic,description,startTime,endTime,place,onlineLink,groupId,capacity,scope';

// "Termin bearbeiten" for a planned own event, and deleting it while nobody is registered.
async function renderEdit(main, id) {
  const [{ event: e }, groups] = await Promise.all([
    api('EventService/GetEvent', { id }), apiAll('GroupService/ListGroups', {}, 'groups')]);
  const back = h('p', {}, h('a', { href: `#/events/${e.id}` }, 'Zurück zum Termin'));
  if (!isOwn(e) || e.state !== 'EVENT_STATE_PLANNED' || !can('editor')) {
    fill(main, back, h('h1', {}, `${e.title} bearbeiten`),
      notice('Bearbeiten lassen sich nur geplante Termine dieses Jugendamts, mit der Rolle Bearbeitung oder Koordination.'));
    return;
  }
  const form = editForm(eventFields(groups, e), `#/events/${e.id}`, async (v) => {
    const { start_time: start, end_time: end, ...rest } = eventValues(v);
    const event = { id: e.id, etag: e.etag, ...rest, ...compact({ start_time: start, end_time: end }) };
    await api('EventService/UpdateEvent', { event, update_mask: EDIT_MASK });
  });
  fill(main, back, h('h1', {}, `${e.title} bearbeiten`),
    h('p', {}, 'Pflichtfelder sind mit * markiert. Wer schon angemeldet ist, bleibt angemeldet.'),
    form,
    deleteSection(e));
}

// "Termin löschen": only while nobody is registered; otherwise the event is cancelled instead.
function deleteSection(e) {
  const section = h('section', {}, h('h2', {}, 'Termin löschen'));
  if (e.registered_count || e.waitlisted_count) {
    section.append(h('p', {}, 'Für diesen Termin gibt es Anmeldungen; er kann nicht gelöscht, nur abgesagt werden (auf der Seite des Termins).'));
    return section;
  }
  const form = h('form', { novalidate: true },
    checkbox('Ja, diesen Termin endgültig löschen', 'confirm'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'danger' }, 'Termin löschen')));
  onSubmit(form, async (v) => {
    if (!v.confirm) throw new Error('Bitte das Löschen bestätigen (Kästchen ankreuzen).');
    await api('EventService/DeleteEvent', { id: e.id, etag: e.etag });
    setFlash(`Termin „${e.title}“ gelöscht.`);
    location.hash = '#/events';
  });
  section.append(h('p', {}, 'Noch niemand ist angemeldet. Ein gelöschter Termin verschwindet ganz; bei kreisweiten Terminen auch bei den anderen Jugendämtern.'), form);
  return section;
}

// --- detail ---------------------------------------------------------------------------------
async function renderDetail(main, id, message) {
  const [{ event: e }, regs] = await Promise.all([
    api('EventService/GetEvent', { id }),
    apiAll('RegistrationService/ListRegistrations', { event_id: id }, 'registrations'),
  ]);
  const group = e.group_id ? await api('GroupService/GetGroup', { id: e.group_id }).then((r) => r.group, () => null) : null;
  const text = message || takeFlash();
  const refresh = (msg) => renderDetail(main, id, msg);
  const editable = can('editor') && isOwn(e);
  fill(main,
    h('p', {}, h('a', { href: '#/events' }, 'Zurück zu den Terminen')),
    h('h1', {}, e.title),
    text ? h('div', { class: 'notice success', role: 'status', tabindex: '-1' }, text) : null,
    editable && e.state === 'EVENT_STATE_PLANNED' ? h('p', { class: 'actions' }, h('a', { href: `#/events/${e.id}/bearbeiten`, class: 'button' }, 'Termin bearbeiten')) : null,
    e.mirrored ? notice(`Kreisweiter Termin, ausgerichtet von: ${officeName(e.organiser_office)}. Hier nur lesbar. Anmeldungen werden dem ausrichtenden Jugendamt übermittelt.`) : null,
    facts(e, group),
    editable && e.state === 'EVENT_STATE_PLANNED' ? stateActions(e, refresh) : null,
    isOwn(e) ? agendaSection(e, editable, refresh) : null,
    isOwn(e) ? minutesSection(e, editable, refresh) : null,
    registrationsSection(e, regs, refresh),
    waitlistSection(regs),
    isOwn(e) ? attendanceSection(e, regs, refresh) : null);
  if (message) main.querySelector('.notice.success').focus();
  if (text) setTimeout(() => announce(text), 200);
}

function facts(e, group) {
  return factList([
    ['Datum/Zeit', timeRange(e)],
    ['Ort', e.place || '–'],
    e.online_link ? ['Online', h('a', { href: e.online_link }, e.online_link)] : null,
    ['Art', label(KINDS, e.kind)],
    ['Status', stateBadge(e)],
    e.cancel_reason ? ['Grund der Absage', e.cancel_reason] : null,
    e.topic ? ['Thema', e.topic] : null,
    group ? ['Arbeitskreis/Gruppe', `${group.name} (${label(GROUP_KINDS, group.kind)})`] : null,
    ['Reichweite', label(SCOPES, e.scope)],
    ['Anmeldungen/Plätze', seats(e)],
    e.series_id ? ['Terminreihe', 'ja, Teil einer regelmäßigen Reihe'] : null,
    e.mirrored ? ['Ausrichtendes Jugendamt', officeName(e.organiser_office)] : null,
    e.description ? ['Beschreibung', paragraphs(e.description)] : null,
  ]);
}

// "Als stattgefunden markieren" and "Absagen" (with the reason) for a planned own event.
function stateActions(e, refresh) {
  const area = h('div');
  const messages = h('div');
  const held = h('button', { type: 'button' }, 'Als stattgefunden markieren');
  held.addEventListener('click', async () => {
    held.disabled = true;
    try {
      await api('EventService/MarkEventHeld', { id: e.id, etag: e.etag });
      await refresh('Der Termin ist als stattgefunden markiert.');
    } catch (err) {
      messages.replaceChildren(errorNotice(err));
      held.disabled = false;
    }
  });
  const cancel = h('button', { type: 'button', class: 'danger' }, 'Absagen');
  const buttons = h('div', { class: 'actions' }, held, cancel);
  cancel.addEventListener('click', () => {
    const back = h('button', { type: 'button', class: 'secondary' }, 'Nicht absagen');
    back.addEventListener('click', () => { area.replaceChildren(buttons); cancel.focus(); });
    const form = h('form', { novalidate: true },
      h('h3', {}, 'Termin absagen'),
      h('p', {}, 'Die Absage kann nicht rückgängig gemacht werden. Bei kreisweiten Terminen sehen die anderen Jugendämter sie.'),
      field('Grund der Absage', 'reason', { tag: 'textarea', required: true, maxlength: 500 }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'danger' }, 'Termin absagen'), back));
    onSubmit(form, async (v) => {
      await api('EventService/CancelEvent', compact({ id: e.id, etag: e.etag, reason: v.reason }));
      await refresh('Der Termin wurde abgesagt.');
    });
    area.replaceChildren(form);
    form.querySelector('textarea').focus();
  });
  area.append(buttons);
  return h('section', { id: 'ev-state' }, h('h2', {}, 'Durchführung'), messages, area);
}

// Agenda lines: "Titel | vortragende Person | Minuten" (the last two optional).
function agendaLine(item) {
  return [item.title, item.presenter || (item.duration_minutes ? '' : null), item.duration_minutes || null]
    .filter((p) => p !== null).join(' | ');
}
function parseAgenda(text) {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
    const [title, presenter, minutes] = l.split('|').map((p) => p.trim());
    const duration = minutes && /^\d+$/.test(minutes) ? Number(minutes) : minutes;
    return compact({ title, presenter, duration_minutes: duration });
  });
}

function agendaSection(e, editable, refresh) {
  const items = e.agenda || [];
  const list = items.length
    ? h('ol', {}, items.map((i) => h('li', {}, i.title,
      i.presenter ? ` – ${i.presenter}` : '', i.duration_minutes ? ` (${i.duration_minutes} Min.)` : '')))
    : h('p', { class: 'muted' }, 'Keine Tagesordnung festgelegt.');
  const section = h('section', { id: 'ev-agenda' }, h('h2', {}, 'Tagesordnung'), list);
  if (!editable || e.state !== 'EVENT_STATE_PLANNED') return section;
  const form = h('form', { novalidate: true },
    field('Tagesordnungspunkte (einer je Zeile)', 'agenda', { tag: 'textarea', value: items.map(agendaLine).join('\n') },
      'Optional mit „|“ getrennt: vortragende Person und Dauer in Minuten, z. B. „Begrüßung | Frau Meier | 10“. Leer: keine Tagesordnung.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Tagesordnung speichern')));
  onSubmit(form, async (v) => {
    await api('EventService/SetAgenda', { event_id: e.id, etag: e.etag, items: parseAgenda(v.agenda) });
    await refresh('Die Tagesordnung wurde gespeichert.');
  }, { title: 'agenda', presenter: 'agenda', duration_minutes: 'agenda', items: 'agenda' });
  section.append(form);
  return section;
}

// Minutes: written once the event is held, frozen once approved.
function minutesSection(e, editable, refresh) {
  const section = h('section', { id: 'ev-minutes' }, h('h2', {}, 'Protokoll'));
  if (e.minutes_approved) section.append(h('p', {}, badge('genehmigt', 'ok')));
  if (e.minutes) section.append(...paragraphs(e.minutes));
  else section.append(h('p', { class: 'muted' }, 'Noch kein Protokoll.'));
  if (!editable || e.minutes_approved) return section;
  if (e.state !== 'EVENT_STATE_HELD') {
    if (e.state === 'EVENT_STATE_PLANNED') section.append(h('p', {}, 'Das Protokoll kann geschrieben werden, sobald der Termin als stattgefunden markiert ist.'));
    return section;
  }
  const form = h('form', { novalidate: true },
    field('Protokoll', 'minutes', { tag: 'textarea', maxlength: 20000, value: e.minutes || '' }),
    checkbox('Als genehmigt abschließen (danach nicht mehr änderbar)', 'approved'),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Protokoll speichern')));
  onSubmit(form, async (v) => {
    await api('EventService/UpdateMinutes', compact({ event_id: e.id, etag: e.etag, minutes: v.minutes, approved: v.approved }));
    await refresh(v.approved ? 'Das Protokoll wurde gespeichert und genehmigt.' : 'Das Protokoll wurde gespeichert.');
  });
  section.append(form);
  return section;
}

const ACTIVE_REG = ['REGISTRATION_STATE_REGISTERED', 'REGISTRATION_STATE_WAITLISTED', 'REGISTRATION_STATE_PENDING'];
function regStatus(r) {
  let text = label(REG_STATES, r.state);
  if (r.state === 'REGISTRATION_STATE_WAITLISTED' && r.waitlist_position) text = `Warteliste, Platz ${r.waitlist_position}`;
  return [badge(text, REG_KIND[r.state]), r.reason ? ` ${r.reason}` : ''];
}
function regOrganisation(r) {
  return [r.organisation_name || '–', r.origin_office ? h('span', { class: 'muted' }, ` (${officeName(r.origin_office)})`) : null];
}
function attendedText(r) {
  if (r.attended === undefined || r.attended === null) return '–';
  return r.attended ? 'ja' : 'nein';
}

// Registrations: table with cancel per row, and the form to register an active member.
function registrationsSection(e, regs, refresh) {
  const messages = h('div');
  const columns = [
    { label: 'Name', value: (r) => r.member_name || '–' },
    { label: 'Organisation', value: regOrganisation },
    { label: 'Status', value: regStatus },
    { label: 'Anwesend', value: attendedText },
  ];
  if (can('editor')) columns.push({ label: 'Aktion', value: (r) => (ACTIVE_REG.includes(r.state) ? cancelButton(r, messages, refresh) : '') });
  const section = h('section', { id: 'ev-reg' },
    h('h2', {}, 'Anmeldungen'), messages,
    table('Anmeldungen', columns, regs, 'Noch keine Anmeldungen.'));
  if (can('editor') && e.state === 'EVENT_STATE_PLANNED' && !hasStarted(e)) section.append(registerForm(e, refresh));
  return section;
}

function cancelButton(r, messages, refresh) {
  const name = r.member_name || 'Teilnehmende Person';
  const button = h('button', { type: 'button', class: 'secondary', 'aria-label': `Abmelden: ${name}` }, 'Abmelden');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const res = await api('RegistrationService/CancelRegistration', { id: r.id, etag: r.etag });
      const moved = res.promoted ? ` ${res.promoted.member_name} rückt von der Warteliste nach.` : '';
      await refresh(`${name} wurde abgemeldet.${moved}`);
    } catch (err) {
      messages.replaceChildren(errorNotice(err));
      button.disabled = false;
    }
  });
  return button;
}

// A select of the office's active members, filled once they are loaded.
function memberSelect(labelText, form) {
  const select = field(labelText, 'member_id', { tag: 'select', required: true, class: 'wide', options: [['', 'Wird geladen …']] });
  apiAll('MemberService/ListMembers', { state: 'MEMBERSHIP_STATE_ACTIVE' }, 'members').then((members) => {
    const options = [['', 'Bitte wählen'], ...members.map((m) => [m.id, `${m.last_name}, ${m.first_name}${m.organisation_name ? ` (${m.organisation_name})` : ''}`])];
    select.querySelector('select').replaceChildren(...options.map(([value, text]) => h('option', { value }, text)));
  }).catch((err) => form.prepend(errorNotice(err)));
  return select;
}

function registerForm(e, refresh) {
  const form = h('form', { novalidate: true });
  form.append(
    h('h3', {}, 'Mitglied anmelden'),
    h('div', { class: 'row' }, memberSelect('Mitglied', form), h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Anmelden'))),
    h('p', { class: 'hint' }, 'Sind alle Plätze belegt, kommt die Anmeldung auf die Warteliste.'));
  onSubmit(form, async (v) => {
    const { registration: r } = await api('RegistrationService/RegisterMember', compact({ event_id: e.id, member_id: v.member_id }));
    const where = r.state === 'REGISTRATION_STATE_WAITLISTED' ? `auf die Warteliste (Platz ${r.waitlist_position}) gesetzt`
      : r.state === 'REGISTRATION_STATE_PENDING' ? 'angefragt; das ausrichtende Jugendamt entscheidet' : 'angemeldet';
    await refresh(`${r.member_name || 'Das Mitglied'} wurde ${where}.`);
  });
  return form;
}

// Once the event has begun: a member who came without registration is recorded as present (the
// service registers them as well).
function walkInForm(e, refresh) {
  const form = h('form', { novalidate: true });
  form.append(
    h('h3', {}, 'Ohne Anmeldung anwesend'),
    h('div', { class: 'row' }, memberSelect('Anwesendes Mitglied', form), h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Als anwesend erfassen'))));
  onSubmit(form, async (v) => {
    const res = await api('RegistrationService/RecordAttendance', { event_id: e.id, entries: [{ member_id: v.member_id, attended: true }] });
    await refresh(`Anwesenheit gespeichert: ${res.attended_count || 0} anwesend.`);
  });
  return form;
}

function waitlistSection(regs) {
  const waiting = regs.filter((r) => r.state === 'REGISTRATION_STATE_WAITLISTED')
    .sort((a, b) => a.waitlist_position - b.waitlist_position);
  return h('section', { id: 'ev-wait' }, h('h2', {}, 'Warteliste'),
    waiting.length
      ? h('ol', {}, waiting.map((r) => h('li', {}, r.member_name, r.organisation_name ? ` (${r.organisation_name})` : '')))
      : h('p', { class: 'muted' }, 'Niemand steht auf der Warteliste.'),
    waiting.length ? h('p', { class: 'hint' }, 'Wird ein Platz frei, rückt die erste Person automatisch nach.') : null);
}

// Attendance of the registered participants; saves only the rows that changed or were never
// recorded. Members present without registration are added with walkInForm.
function attendanceSection(e, regs, refresh) {
  const seated = regs.filter((r) => r.state === 'REGISTRATION_STATE_REGISTERED');
  const section = h('section', { id: 'ev-att' }, h('h2', {}, 'Anwesenheit'),
    h('p', {}, `${e.attended_count || 0} von ${e.registered_count || 0} Angemeldeten als anwesend erfasst.`));
  const recordable = can('editor') && e.state !== 'EVENT_STATE_CANCELLED';
  if (!seated.length) section.append(h('p', { class: 'muted' }, 'Keine angemeldeten Teilnehmenden.'));
  if (!recordable) return section;
  if (!hasStarted(e)) {
    section.append(h('p', { class: 'hint' }, 'Die Anwesenheit kann ab Beginn des Termins erfasst werden.'));
    return section;
  }
  if (seated.length) {
    const boxes = seated.map((r) => ({ r, box: checkbox(`Anwesend: ${r.member_name || 'Teilnehmende Person'}`, `att-${r.id}`, r.attended === true) }));
    const form = h('form', { novalidate: true },
      h('fieldset', {}, h('legend', {}, 'Wer war anwesend?'), boxes.map((b) => b.box)),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Anwesenheit speichern')));
    onSubmit(form, async () => {
      const entries = boxes.map(({ r, box }) => ({ r, attended: box.querySelector('input').checked }))
        .filter(({ r, attended }) => r.attended === undefined || r.attended !== attended)
        .map(({ r, attended }) => (r.member_id ? { member_id: r.member_id, attended } : { registration_id: r.id, attended }));
      if (!entries.length) { announce('Keine Änderungen an der Anwesenheit.'); return; }
      const res = await api('RegistrationService/RecordAttendance', { event_id: e.id, entries });
      await refresh(`Anwesenheit gespeichert: ${res.attended_count || 0} anwesend.`);
    });
    section.append(form);
  }
  section.append(walkInForm(e, refresh));
  return section;
}
