// Übersicht (district): how current every office's sync with the aggregator is, and the
// agreements whose open version still waits for ratifications.
import { h, api, apiAll, badge, errorNotice, fill, fmtDateTime, fmtNumber, officeName, table } from '../ui.js';
import { openVersion, ratificationCount } from './agreements.js';

// An office counts as current when it is connected or was in contact within this many seconds
// and nothing waits for delivery to it.
const CURRENT_SECONDS = 3600;

export default {
  id: 'district-dashboard',
  title: 'Übersicht',
  async render(main, params, session) {
    const sync = h('section', {}, h('h2', {}, 'Abgleich mit den Jugendämtern'));
    const open = h('section', {}, h('h2', {}, 'Offene Ratifizierungen'));
    fill(main, h('h1', {}, 'Übersicht'), h('p', { class: 'muted' }, session.site.name), sync, open);
    await Promise.all([
      syncStatus().then((c) => sync.append(...c), (err) => sync.append(errorNotice(err))),
      openRatifications().then((c) => open.append(...c), (err) => open.append(errorNotice(err))),
    ]);
  },
};

// "vor 5 Minuten" for a number of seconds.
function ago(seconds) {
  const s = Number(seconds);
  if (s < 60) return 'gerade eben';
  if (s < 3600) { const m = Math.round(s / 60); return `vor ${m} ${m === 1 ? 'Minute' : 'Minuten'}`; }
  if (s < 172800) { const hrs = Math.round(s / 3600); return `vor ${hrs} ${hrs === 1 ? 'Stunde' : 'Stunden'}`; }
  return `vor ${Math.round(s / 86400)} Tagen`;
}

// The later of two timestamps.
const later = (a, b) => (!a ? b : !b ? a : (a > b ? a : b));

// Per office: last contact, whether connected, what waits for delivery, and "aktuell"/"verzögert".
async function syncStatus() {
  const res = await api('DistrictSyncService/ListOfficeSyncStatus', {});
  const offices = res.offices || [];
  const state = (o) => {
    const seconds = Number(o.seconds_since_contact);
    if (seconds < 0 && !o.subscribed) return badge('noch kein Kontakt', 'bad');
    const current = Number(o.pending_delivery) === 0 && (o.subscribed || seconds <= CURRENT_SECONDS);
    return current ? badge('aktuell', 'ok') : badge('verzögert', 'warn');
  };
  const held = Number(res.held_items || 0);
  return [
    h('p', {}, 'Jedes Jugendamt sendet seine Änderungen an den Kreis und erhält die Absprachen und Mitteilungen des Kreises. „Aktuell“ heißt: verbunden oder in der letzten Stunde in Kontakt, und nichts wartet auf Zustellung.'),
    table('Abgleich je Jugendamt', [
      { label: 'Jugendamt', value: (o) => officeName(o.office_id) },
      { label: 'Stand', value: state },
      { label: 'Letzter Kontakt', value: (o) => (Number(o.seconds_since_contact) < 0 ? 'noch nie' : [ago(o.seconds_since_contact), h('br'), fmtDateTime(later(o.last_push_time, o.last_delivery_time))]) },
      { label: 'Verbindung', value: (o) => (o.subscribed ? 'verbunden, empfängt laufend' : 'zurzeit nicht verbunden') },
      { label: 'Wartet auf Zustellung', value: (o) => (Number(o.pending_delivery) ? `${fmtNumber(o.pending_delivery)} Einträge` : 'nichts') },
    ], offices, 'Keine Jugendämter eingerichtet.'),
    held ? h('p', {}, badge('Hinweis', 'warn'), ` ${fmtNumber(held)} empfangene Einträge warten auf andere Einträge, von denen sie abhängen.`) : null,
  ].filter(Boolean);
}

// Agreements with a version open for ratification and which offices have not decided yet.
async function openRatifications() {
  const agreements = (await apiAll('DistrictService/ListAgreements', {}, 'agreements')).filter(openVersion);
  const pending = (v) => (v.offices || []).filter((o) => o.standing === 'OFFICE_STANDING_PENDING').map((o) => officeName(o.office_id));
  const rejected = (v) => (v.offices || []).filter((o) => o.standing === 'OFFICE_STANDING_REJECTED').map((o) => officeName(o.office_id));
  return [
    table('Absprachen mit offener Ratifizierung', [
      { label: 'Absprache', value: (a) => h('a', { href: `#/district-agreements/${a.id}` }, a.title) },
      { label: 'Version', value: (a) => `Version ${openVersion(a).number}, offen seit ${fmtDateTime(openVersion(a).open_time)}` },
      { label: 'Stand', value: (a) => ratificationCount(openVersion(a)) },
      { label: 'Ausstehend', value: (a) => pending(openVersion(a)).join(', ') || 'keine' },
      { label: 'Abgelehnt', value: (a) => rejected(openVersion(a)).join(', ') || 'keine' },
    ], agreements, 'Keine Absprache ist zurzeit zur Ratifizierung offen.'),
    h('p', {}, h('a', { href: '#/district-agreements' }, 'Alle Absprachen')),
  ];
}
