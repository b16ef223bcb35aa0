// Übersicht: the office's start page — next events, open membership requests, groups behind
// their meeting cadence and the state of the sync with the district.
import { h, api, apiAll, badge, errorNotice, fmtDateTime, fmtNumber, label, fill } from '../ui.js';
import { fullName } from './members.js';
import { KINDS as EVENT_KINDS, GROUP_KINDS } from './events.js';

export default {
  id: 'dashboard',
  title: 'Übersicht',
  async render(main, params, session) {
    const cards = [
      card('Nächste Termine', nextEvents),
      card('Offene Aufnahmeanträge', openRequests),
      card('Sitzungsrhythmus der Gruppen', cadence),
      card('Abgleich mit dem Kreis', syncStatus),
    ];
    fill(main,
      h('h1', {}, 'Übersicht'),
      h('p', { class: 'muted' }, session.site.name),
      h('div', { class: 'cards' }, cards.map((c) => c.el)));
    await Promise.all(cards.map((c) => c.loaded));
  },
};

// A card with a heading whose content `load()` builds; errors are shown in the card.
function card(title, load) {
  const heading = h('h2', {}, title);
  const el = h('section', { class: 'card' }, heading);
  const loaded = load().then((content) => fill(el, heading, content), (err) => el.append(errorNotice(err)));
  return { el, loaded };
}

// The next five planned events from now on.
async function nextEvents() {
  const res = await api('EventService/ListEvents', {
    start_from: new Date().toISOString(), state: 'EVENT_STATE_PLANNED', page_size: 5,
  });
  const events = res.events || [];
  const list = events.length
    ? h('ul', {}, events.map((e) => h('li', {},
      h('a', { href: `#/events/${e.id}` }, e.title), h('br'),
      fmtDateTime(e.start_time), ' · ', label(EVENT_KINDS, e.kind), e.place ? ` · ${e.place}` : '')))
    : h('p', {}, 'Keine geplanten Termine.');
  return [list, h('p', {}, h('a', { href: '#/events' }, 'Alle Termine'))];
}

// Membership requests waiting for a decision.
async function openRequests() {
  const members = await apiAll('MemberService/ListMembers', { state: 'MEMBERSHIP_STATE_REQUESTED' }, 'members');
  const n = members.length;
  const count = h('p', {}, n === 0 ? 'Keine offenen Anträge.' : `${fmtNumber(n)} ${n === 1 ? 'offener Antrag' : 'offene Anträge'}:`);
  const list = n ? h('ul', {}, members.slice(0, 10).map((m) => h('li', {},
    h('a', { href: `#/members/${m.id}` }, fullName(m)), m.organisation_name ? ` (${m.organisation_name})` : ''))) : null;
  return [count, list, h('p', {}, h('a', { href: '#/members' }, 'Zu den Mitgliedern'))];
}

// Groups that are behind their cadence or cannot reach it with the meetings planned.
async function cadence() {
  const res = await api('GroupService/CheckCadence', {});
  const late = (res.groups || []).filter((g) => g.behind || g.at_risk);
  if (!late.length) return h('p', {}, `Alle Gruppen sind ${res.year} im Plan.`);
  return [
    h('p', {}, `Im Jahr ${res.year} hinter dem geplanten Sitzungsrhythmus:`),
    h('ul', {}, late.map((g) => h('li', {},
      h('strong', {}, g.name), ` (${label(GROUP_KINDS, g.kind)})`, h('br'),
      badge(g.behind ? 'im Rückstand' : 'gefährdet', g.behind ? 'bad' : 'warn'), ' ', g.status_text, h('br'),
      `${fmtNumber(g.held)} von ${fmtNumber(g.meetings_per_year)} Sitzungen durchgeführt, ${fmtNumber(g.planned_remaining)} weitere geplant`))),
  ];
}

// Last successful exchange with the aggregator and what is still waiting.
async function syncStatus() {
  const s = await api('SyncService/GetSyncStatus', {});
  if (!s.enabled) return h('p', {}, badge('aus', 'warn'), ' Der Abgleich mit dem Kreis ist ausgeschaltet.');
  const push = s.push || {};
  const sub = s.subscribe || {};
  const times = [push.last_success_time, sub.last_success_time].filter(Boolean).sort();
  const last = times.length ? fmtDateTime(times[times.length - 1]) : 'noch nie';
  const errors = [push, sub].filter((d) => d.last_error);
  const rows = [
    h('p', {}, `Letzter Abgleich mit dem Kreis: ${last}`),
    h('ul', {},
      h('li', {}, `Noch nicht an den Kreis gesendet: ${changes(push.pending)}`),
      h('li', {}, `Noch nicht vom Kreis empfangen: ${changes(sub.pending)}`),
      Number(s.held_items) > 0 ? h('li', {}, `Wartend auf abhängige Einträge: ${changes(s.held_items)}`) : null),
  ];
  if (errors.length) {
    rows.push(h('p', {}, badge('Störung', 'bad'), ' ',
      `Der Abgleich ist zuletzt fehlgeschlagen (${fmtDateTime(errors[0].last_error_time)}, ${fmtNumber(errors[0].failures)} Versuche): ${errors[0].last_error}`));
  } else {
    rows.push(h('p', {}, badge('in Ordnung', 'ok'), ' Keine Fehler beim Abgleich.'));
  }
  return rows;
}

function changes(n) {
  const v = Number(n || 0);
  return v === 1 ? '1 Änderung' : `${fmtNumber(v)} Änderungen`;
}
