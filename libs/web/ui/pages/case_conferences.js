// Fallkonferenzen: anonymised case conferences — list, details with their follow-ups, and the
// forms for a new conference and for changes (coordination only). The service checks every text
// for personal data; its refusals are shown at the offending text fields.
import {
  h, api, apiAll, field, checkbox, onSubmit, announce, notice, errorNotice, badge, table,
  pagedList, label, can, uid, fmtDay, fmtDate, fmtDateTime, compact, fill, factList, paragraphs,
  setFlash, takeFlash,
} from '../ui.js';
import { SECTORS } from './members.js';

export default {
  id: 'case-conferences',
  title: 'Fallkonferenzen',
  async render(main, params, session) {
    if (params[0] === 'neu') return renderForm(main, session, null);
    if (params[0] && params[1] === 'bearbeiten') return renderForm(main, session, params[0]);
    if (params[0]) return renderDetail(main, params[0]);
    return renderList(main);
  },
};

// --- shared pieces ----------------------------------------------------------------------------
const ANON_HINT = 'Keine Namen, Geburtsdaten, Anschriften, Telefonnummern, '
  + 'E-Mail-Adressen oder Aktenzeichen von Kind, Familie oder Fachkräften. Außer dem Datum der '
  + 'Konferenz darf kein vollständiges Datum vorkommen. Der Dienst prüft die Texte und weist '
  + 'personenbezogene Angaben zurück.';
const sectorList = (c) => (c.participating_sectors || []).map((s) => label(SECTORS, s)).join(', ') || '–';
const openCount = (c) => (c.follow_ups || []).filter((f) => !f.done).length;
const shorten = (text, n) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);
const backLink = (href, text) => h('p', {}, h('a', { href }, text));

function followUpStatus(c) {
  const all = (c.follow_ups || []).length;
  if (!all) return h('span', { class: 'muted' }, 'keine');
  const open = openCount(c);
  return open ? badge(`${open} von ${all} offen`, 'warn') : badge(`alle ${all} erledigt`, 'ok');
}

// --- list -------------------------------------------------------------------------------------
async function renderList(main) {
  const results = h('div');
  const form = h('form', { class: 'row', role: 'search', 'aria-label': 'Fallkonferenzen filtern' },
    field('Jahr', 'year', { type: 'number', min: 2000, max: 2100, inputmode: 'numeric' }, 'z. B. 2026'),
    field('Ort', 'municipality', { type: 'text' }, 'Kommune, z. B. Soest'),
    h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Anzeigen')));
  const load = () => {
    const { year, municipality } = Object.fromEntries(new FormData(form));
    results.replaceChildren();
    return pagedList(results, 'CaseConferenceService/ListCaseConferences',
      compact({ year: year ? Number(year) : '', municipality: municipality.trim() }), 'case_conferences',
      (items) => table('Fallkonferenzen, neueste zuerst', [
        { label: 'Datum', value: (c) => h('a', { href: `#/case-conferences/${c.id}` }, fmtDay(c.conference_date)) },
        { label: 'Ort', value: (c) => c.municipality },
        { label: 'Fall (Auszug)', value: (c) => shorten(c.summary, 110) },
        { label: 'Handlungsfelder', value: sectorList },
        { label: 'Folgeaufgaben', value: followUpStatus },
      ], items, 'Keine Fallkonferenzen gefunden.'));
  };
  form.addEventListener('submit', (ev) => { ev.preventDefault(); load(); });
  const text = takeFlash();
  fill(main,
    h('h1', {}, 'Fallkonferenzen'),
    text ? notice(text, 'success') : null,
    h('p', {}, 'Anonymisierte, interdisziplinäre Fallkonferenzen: Was lässt sich an Verfahren, Kommunikationswegen und Absprachen verbessern?'),
    can('coordinator') ? h('p', { class: 'actions' }, h('a', { href: '#/case-conferences/neu', class: 'button' }, 'Neue Fallkonferenz')) : null,
    h('h2', {}, 'Alle Fallkonferenzen'), form, results);
  await load();
}

// --- detail -----------------------------------------------------------------------------------
async function renderDetail(main, id) {
  const [{ case_conference: conf }, organisations] = await Promise.all([
    api('CaseConferenceService/GetCaseConference', { id }),
    can('coordinator') ? apiAll('OrganisationService/ListOrganisations', {}, 'organisations') : [],
  ]);
  const eventTitle = conf.event_id ? await api('EventService/GetEvent', { id: conf.event_id })
    .then((r) => `${r.event.title} (${fmtDate(r.event.start_time)})`).catch(() => 'Veranstaltung') : '';
  showDetail(main, conf, { organisations, eventTitle, message: takeFlash() });
}

// Renders the conference; follow-up changes re-render it with the conference they return and
// show their message above the follow-ups, focusing `focusId` (the follow-ups heading by default).
function showDetail(main, conf, ctx, fuMessage = '', focusId = '') {
  const coordinator = can('coordinator');
  const status = h('div', { role: 'status' });
  const fuStatus = h('div', { role: 'status' }, fuMessage ? notice(fuMessage, 'success') : null);
  const formSlot = h('div');
  const facts = [
    ['Datum', fmtDay(conf.conference_date)],
    ['Ort', conf.municipality],
    ['Beteiligte Handlungsfelder', sectorList(conf)],
    ['Veranstaltung', conf.event_id ? h('a', { href: `#/events/${conf.event_id}` }, ctx.eventTitle) : '–'],
    ['Angelegt', fmtDateTime(conf.create_time)],
    ['Zuletzt geändert', fmtDateTime(conf.update_time)],
  ];
  const fu = {
    conf, coordinator, status: fuStatus,
    rerender: (c, message, focus) => { if (message) announce(message); showDetail(main, c, { ...ctx, message: '' }, message, focus || 'folgeaufgaben'); },
    edit: (f) => {
      formSlot.replaceChildren(followUpForm(fu, ctx.organisations, f));
      formSlot.querySelector('textarea').focus();
    },
  };
  fill(main,
    backLink('#/case-conferences', 'Zurück zu den Fallkonferenzen'),
    h('h1', {}, `Fallkonferenz vom ${fmtDay(conf.conference_date)}`),
    ctx.message ? notice(ctx.message, 'success') : null,
    coordinator ? h('div', { class: 'actions' },
      h('a', { href: `#/case-conferences/${conf.id}/bearbeiten`, class: 'button' }, 'Bearbeiten'),
      h('button', { type: 'button', class: 'danger', onclick: () => deleteConference(conf, status) }, 'Fallkonferenz löschen')) : null,
    status,
    h('h2', {}, 'Angaben'),
    factList(facts),
    h('h2', {}, 'Fall (anonymisiert)'), paragraphs(conf.summary),
    h('h2', {}, 'Erkenntnisse'), paragraphs(conf.findings),
    h('h2', { id: 'folgeaufgaben', tabindex: '-1' }, 'Folgeaufgaben'),
    fuStatus, followUpTable(fu), formSlot);
  if (coordinator) formSlot.append(followUpForm(fu, ctx.organisations, null));
  if (focusId) document.getElementById(focusId)?.focus();
}

async function deleteConference(conf, status) {
  if (!window.confirm(`Fallkonferenz vom ${fmtDay(conf.conference_date)} mit allen Folgeaufgaben löschen?`)) return;
  try {
    await api('CaseConferenceService/DeleteCaseConference', { id: conf.id, etag: conf.etag });
    const text = `Die Fallkonferenz vom ${fmtDay(conf.conference_date)} wurde gelöscht.`;
    setFlash(text);
    announce(text);
    location.hash = '#/case-conferences';
  } catch (err) {
    status.replaceChildren(errorNotice(err));
  }
}

// --- follow-ups -------------------------------------------------------------------------------
// Calls a follow-up method of the conference; re-renders on success, shows the error otherwise.
async function changeFollowUp(fu, method, request, message, focusId) {
  try {
    const res = await api(`CaseConferenceService/${method}`, { case_conference_id: fu.conf.id, etag: fu.conf.etag, ...request });
    fu.rerender(res.case_conference, message, focusId);
  } catch (err) {
    fu.status.replaceChildren(errorNotice(err));
  }
}

function doneCell(fu, f) {
  if (!fu.coordinator) return f.done ? badge('erledigt', 'ok') : badge('offen', 'warn');
  const id = `done-${f.id}`;
  const box = h('input', {
    type: 'checkbox', id, checked: f.done,
    onchange: () => changeFollowUp(fu, 'UpdateFollowUp', { follow_up: { id: f.id, done: box.checked }, update_mask: 'done' },
      `Folgeaufgabe als ${box.checked ? 'erledigt' : 'offen'} markiert.`, id),
  });
  return h('label', { class: 'checkbox', for: id }, box, 'erledigt',
    h('span', { class: 'visually-hidden' }, `: ${shorten(f.action, 60)}`));
}

function followUpTable(fu) {
  const columns = [
    { label: 'Aufgabe', value: (f) => f.action },
    { label: 'Zuständige Organisation', value: (f) => f.owner_organisation_name || '–' },
    { label: 'Fällig am', value: (f) => fmtDay(f.due_date) },
    { label: 'Erledigt', value: (f) => [doneCell(fu, f), f.done_time ? h('span', { class: 'muted' }, ` (${fmtDate(f.done_time)})`) : null] },
  ];
  if (fu.coordinator) {
    columns.push({
      label: 'Aktionen',
      value: (f) => h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', 'aria-label': `Bearbeiten: ${shorten(f.action, 60)}`, onclick: () => fu.edit(f) }, 'Bearbeiten'),
        h('button', {
          type: 'button', class: 'secondary', 'aria-label': `Entfernen: ${shorten(f.action, 60)}`,
          onclick: () => window.confirm(`Folgeaufgabe „${shorten(f.action, 80)}“ entfernen?`)
            && changeFollowUp(fu, 'RemoveFollowUp', { follow_up_id: f.id }, 'Folgeaufgabe entfernt.'),
        }, 'Entfernen')),
    });
  }
  return table('Folgeaufgaben der Fallkonferenz', columns, fu.conf.follow_ups || [], 'Noch keine Folgeaufgaben.');
}

// The form for a new follow-up (f = null) or for changing f, with its own h3.
function followUpForm(fu, organisations, f) {
  const orgOptions = [['', 'Bitte wählen'], ...organisations.map((o) => [o.id, o.name])];
  const headingId = uid('fu');
  const form = h('form', { novalidate: true, 'aria-labelledby': headingId },
    field('Aufgabe', 'action', { tag: 'textarea', required: true, maxlength: 1000, rows: 3, value: f ? f.action : undefined },
      'Was ist zu tun? Anonymisiert, ohne Namen von Personen.'),
    field('Zuständige Organisation', 'owner_organisation_id', { tag: 'select', required: true, class: 'wide', options: orgOptions, value: f ? f.owner_organisation_id : '' },
      'Eine Organisation des Netzwerks (keine Person).'),
    field('Fällig am', 'due_date', { type: 'date', value: f ? f.due_date : undefined }, 'Freiwillig'),
    f ? checkbox('erledigt', 'done', f.done) : null,
    h('div', { class: 'actions' },
      h('button', { type: 'submit' }, f ? 'Folgeaufgabe speichern' : 'Folgeaufgabe hinzufügen'),
      f ? h('button', { type: 'button', class: 'secondary', onclick: () => fu.rerender(fu.conf, '') }, 'Abbrechen') : null));
  onSubmit(form, async (v) => {
    const followUp = { action: v.action, owner_organisation_id: v.owner_organisation_id, due_date: v.due_date };
    const request = f
      ? { follow_up: { id: f.id, ...followUp, done: v.done }, update_mask: 'action,owner_organisation_id,due_date,done' }
      : { follow_up: compact(followUp) };
    const res = await api(`CaseConferenceService/${f ? 'UpdateFollowUp' : 'AddFollowUp'}`, { case_conference_id: fu.conf.id, etag: fu.conf.etag, ...request });
    fu.rerender(res.case_conference, f ? 'Folgeaufgabe gespeichert.' : 'Folgeaufgabe hinzugefügt.');
  });
  return h('section', {}, h('h3', { id: headingId }, f ? 'Folgeaufgabe bearbeiten' : 'Neue Folgeaufgabe'), form);
}

// --- new conference / changes -----------------------------------------------------------------
const MASK = 'municipality,conference_date,event_id,participating_sectors,summary,findings';

async function renderForm(main, session, id) {
  const twoYearsAgo = new Date(Date.now() - 2 * 365 * 864e5).toISOString().replace(/\.\d+Z$/, 'Z');
  const [conf, organisations, events] = await Promise.all([
    id ? api('CaseConferenceService/GetCaseConference', { id }).then((r) => r.case_conference) : null,
    apiAll('OrganisationService/ListOrganisations', {}, 'organisations').catch(() => []),
    apiAll('EventService/ListEvents', { organiser_office: session.site.id, start_from: twoYearsAgo }, 'events', 300).catch(() => []),
  ]);
  const c = conf || {};
  const places = [...new Set(organisations.map((o) => o.municipality).filter(Boolean))].sort();
  const listId = uid('orte');
  const eventOptions = [['', 'Keine'], ...events.map((e) => [e.id, `${fmtDate(e.start_time)} – ${e.title}`])];
  const hintId = uid('anon');
  const form = h('form', { novalidate: true, 'aria-describedby': hintId },
    field('Datum der Konferenz', 'conference_date', { type: 'date', required: true, value: c.conference_date }),
    field('Ort', 'municipality', { type: 'text', required: true, list: listId, value: c.municipality, autocomplete: 'off' },
      'Kommune, die das Jugendamt betreut'),
    h('datalist', { id: listId }, places.map((p) => h('option', { value: p }))),
    field('Veranstaltung', 'event_id', { tag: 'select', class: 'wide', options: eventOptions, value: c.event_id || '' },
      'Freiwillig: das Treffen, bei dem die Konferenz stattfand'),
    sectorFieldset(c.participating_sectors || []),
    field('Fall (anonymisiert)', 'summary', { tag: 'textarea', required: true, maxlength: 5000, rows: 8, value: c.summary },
      'Der fiktive oder anonymisierte Fall. Keine Namen, Geburtsdaten, Anschriften oder Telefonnummern.'),
    field('Erkenntnisse', 'findings', { tag: 'textarea', maxlength: 5000, rows: 6, value: c.findings },
      'Was an Verfahren, Kommunikationswegen und Absprachen verbessert werden soll. Ebenfalls anonymisiert.'),
    h('div', { class: 'actions' },
      h('button', { type: 'submit' }, conf ? 'Änderungen speichern' : 'Fallkonferenz anlegen'),
      h('a', { href: conf ? `#/case-conferences/${conf.id}` : '#/case-conferences' }, 'Abbrechen')));
  onSubmit(form, async (v) => {
    const fields = {
      municipality: v.municipality, conference_date: v.conference_date, event_id: v.event_id,
      participating_sectors: [...form.querySelectorAll('input[name="participating_sectors"]:checked')].map((e) => e.value),
      summary: v.summary, findings: v.findings,
    };
    const res = conf
      ? await api('CaseConferenceService/UpdateCaseConference', { case_conference: { id: conf.id, etag: conf.etag, ...fields }, update_mask: MASK })
      : await api('CaseConferenceService/CreateCaseConference', { case_conference: compact(fields) });
    const text = conf ? 'Die Änderungen wurden gespeichert.' : 'Die Fallkonferenz wurde angelegt.';
    setFlash(text);
    announce(text);
    location.hash = `#/case-conferences/${res.case_conference.id}`;
  });
  fill(main,
    backLink(conf ? `#/case-conferences/${conf.id}` : '#/case-conferences', conf ? 'Zurück zur Fallkonferenz' : 'Zurück zu den Fallkonferenzen'),
    h('h1', {}, conf ? `Fallkonferenz vom ${fmtDay(conf.conference_date)} bearbeiten` : 'Neue Fallkonferenz'),
    h('div', { class: 'notice info', id: hintId }, h('strong', {}, 'Bitte nur anonymisiert schreiben: '), ANON_HINT),
    h('p', {}, 'Pflichtfelder sind mit * markiert.'),
    form);
}

// Checkboxes of the participating sectors (at least two, the service checks).
function sectorFieldset(selected) {
  const hintId = uid('sectors');
  return h('fieldset', { class: 'field', dataset: { field: 'participating_sectors' }, 'aria-describedby': hintId },
    h('legend', {}, 'Beteiligte Handlungsfelder', h('span', { 'aria-hidden': 'true' }, ' *')),
    h('p', { class: 'hint', id: hintId }, 'Mindestens zwei verschiedene Handlungsfelder.'),
    Object.entries(SECTORS).map(([value, text]) => {
      const id = uid('sector');
      return h('label', { class: 'checkbox', for: id },
        h('input', { type: 'checkbox', id, name: 'participating_sectors', value, checked: selected.includes(value) }), text);
    }));
}
