// Mitglieder: open membership requests with the coordinator's decision, the filtered member list,
// a member's details (with ending the membership, erasing the data of one who left, deleting a
// declined request) and the forms for a new member and for editing one.
// Also exports the German labels and the member table shared with the organisations page.
import {
  h, api, apiAll, field, checkbox, values, onSubmit, announce, notice, errorNotice, badge, table,
  pagedList, label, can, fmtDate, ApiError, compact, confirmSection, editForm, fill, factList, flashNotice, selectOptions,
  setFlash,
} from '../ui.js';

// German labels as in libs/domain/sector.cc and member.cc.
export const SECTORS = {
  SECTOR_CHILD_YOUTH_WELFARE: 'Kinder- und Jugendhilfe',
  SECTOR_HEALTH: 'Gesundheitswesen',
  SECTOR_SCHOOL: 'Schule',
  SECTOR_JUSTICE: 'Justiz',
  SECTOR_LAW_ENFORCEMENT: 'Polizei und Ordnungsbehörden',
  SECTOR_OTHER: 'Sonstige',
};
export const CATEGORIES = {
  ACTOR_CATEGORY_YOUTH_OFFICE: 'Jugendamt einschließlich ASD',
  ACTOR_CATEGORY_PROVIDER_8A: 'Träger mit Vereinbarung nach § 8a Abs. 4 SGB VIII',
  ACTOR_CATEGORY_INSOFA: 'Insoweit erfahrene Fachkräfte',
  ACTOR_CATEGORY_SECRECY_HOLDER: 'Berufsgeheimnisträger (§ 4 Abs. 1 KKG)',
  ACTOR_CATEGORY_SCHOOL: 'Schulen',
  ACTOR_CATEGORY_HEALTH_OFFICE: 'Gesundheitsämter',
  ACTOR_CATEGORY_POLICE: 'Polizei und Ordnungsbehörden',
  ACTOR_CATEGORY_FAMILY_COURT: 'Familiengerichte',
  ACTOR_CATEGORY_PUBLIC_PROSECUTOR: 'Staatsanwaltschaften',
  ACTOR_CATEGORY_GUARDIAN_AD_LITEM: 'Verfahrensbeistände',
  ACTOR_CATEGORY_INTEGRATION_ASSISTANCE: 'Träger der Eingliederungshilfe für Minderjährige (SGB IX)',
  ACTOR_CATEGORY_EARLY_HELP: 'Netzwerke Frühe Hilfen',
  ACTOR_CATEGORY_OTHER: 'Sonstige',
};
export const STATES = {
  MEMBERSHIP_STATE_REQUESTED: 'beantragt',
  MEMBERSHIP_STATE_ACTIVE: 'aktiv',
  MEMBERSHIP_STATE_DECLINED: 'abgelehnt',
  MEMBERSHIP_STATE_LEFT: 'ausgeschieden',
};
const STATE_KIND = {
  MEMBERSHIP_STATE_REQUESTED: 'warn', MEMBERSHIP_STATE_ACTIVE: 'ok',
  MEMBERSHIP_STATE_DECLINED: 'bad', MEMBERSHIP_STATE_LEFT: 'info',
};

export function fullName(m) {
  return m.anonymised ? 'Anonymisiert' : `${m.first_name} ${m.last_name}`.trim();
}
export function stateBadge(m) { return badge(label(STATES, m.state), STATE_KIND[m.state]); }

// The table of members: name (linked), function, organisation, sector, status.
export function memberTable(caption, members) {
  return table(caption, [
    { label: 'Name', value: (m) => h('a', { href: `#/members/${m.id}` }, fullName(m)) },
    { label: 'Funktion', value: (m) => m.role || '–' },
    { label: 'Organisation', value: (m) => m.organisation_name || '–' },
    { label: 'Handlungsfeld', value: (m) => label(SECTORS, m.sector) },
    { label: 'Status', value: stateBadge },
  ], members, 'Keine Mitglieder gefunden.');
}

export default {
  id: 'members',
  title: 'Mitglieder',
  async render(main, params) {
    if (params[0] === 'neu') return renderCreate(main);
    if (params[0] && params[1] === 'bearbeiten') return renderEdit(main, params[0]);
    if (params[0]) return renderDetail(main, params[0]);
    return renderList(main);
  },
};

// --- list -----------------------------------------------------------------------------------
async function renderList(main) {
  const requests = h('section', { 'aria-labelledby': 'req-h' });
  const all = h('section', { 'aria-labelledby': 'all-h' });
  fill(main,
    h('h1', {}, 'Mitglieder'),
    flashNotice(),
    can('editor') ? h('p', { class: 'actions' }, h('a', { href: '#/members/neu', class: 'button' }, 'Neues Mitglied')) : null,
    requests, all);
  const list = renderAll(all);
  await Promise.all([renderRequests(requests, list.reload), list.loaded]);
}

// Section "Offene Aufnahmeanträge": requested members with approve/decline for coordinators.
async function renderRequests(section, reloadAll, message) {
  const messages = h('div');
  if (message) messages.append(notice(message, 'success'));
  const dialog = h('div');
  const heading = h('h2', { id: 'req-h', tabindex: '-1' }, 'Offene Aufnahmeanträge');
  section.replaceChildren(heading, messages);
  if (message) heading.focus();
  const refresh = (text) => { renderRequests(section, reloadAll, text); reloadAll(); };
  let members;
  try {
    members = await apiAll('MemberService/ListMembers', { state: 'MEMBERSHIP_STATE_REQUESTED' }, 'members');
  } catch (err) {
    section.append(errorNotice(err));
    return;
  }
  const columns = [
    { label: 'Name', value: (m) => h('a', { href: `#/members/${m.id}` }, fullName(m)) },
    { label: 'Organisation', value: (m) => m.organisation_name || '–' },
    { label: 'Funktion', value: (m) => m.role || '–' },
    { label: 'Antrag vom', value: (m) => fmtDate(m.request_time) },
  ];
  if (can('coordinator')) {
    columns.push({ label: 'Entscheidung', value: (m) => decisionButtons(m, messages, dialog, refresh) });
  }
  section.append(table('Anträge, die auf eine Entscheidung warten', columns, members, 'Keine offenen Aufnahmeanträge.'), dialog);
}

function decisionButtons(m, messages, dialog, refresh) {
  const name = fullName(m);
  const approve = h('button', { type: 'button', 'aria-label': `Aufnehmen: ${name}` }, 'Aufnehmen');
  approve.addEventListener('click', async () => {
    approve.disabled = true;
    try {
      await api('MemberService/ApproveMembership', { id: m.id, etag: m.etag });
      announce(`${name} wurde aufgenommen.`);
      refresh(`${name} wurde aufgenommen.`);
    } catch (err) {
      messages.replaceChildren(errorNotice(err));
      approve.disabled = false;
    }
  });
  const decline = h('button', { type: 'button', class: 'secondary', 'aria-label': `Ablehnen: ${name}` }, 'Ablehnen');
  decline.addEventListener('click', () => showDeclineForm(m, dialog, refresh, decline));
  return h('div', { class: 'actions' }, approve, decline);
}

// The small form asking for the reason of a decline.
function showDeclineForm(m, dialog, refresh, opener) {
  const name = fullName(m);
  const cancel = h('button', { type: 'button', class: 'secondary' }, 'Abbrechen');
  cancel.addEventListener('click', () => { dialog.replaceChildren(); opener.focus(); });
  const form = h('form', { novalidate: true },
    h('h3', {}, `Antrag ablehnen: ${name}`),
    field('Begründung', 'reason', { tag: 'textarea', required: true, maxlength: 500 },
      'Die Begründung wird der Fachkraft mitgeteilt (höchstens 500 Zeichen).'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'danger' }, 'Antrag ablehnen'), cancel));
  onSubmit(form, async (v) => {
    await api('MemberService/DeclineMembership', { id: m.id, etag: m.etag, reason: v.reason });
    announce(`Der Antrag von ${name} wurde abgelehnt.`);
    refresh(`Der Antrag von ${name} wurde abgelehnt.`);
  });
  dialog.replaceChildren(form);
  form.querySelector('textarea').focus();
}

// Section "Alle Mitglieder": filters and the paged table. Returns {loaded, reload}.
function renderAll(section) {
  const results = h('div');
  const form = h('form', { class: 'row', role: 'search', 'aria-label': 'Mitglieder filtern' },
    field('Suche', 'name_contains', { type: 'search' }, 'Vor- oder Nachname'),
    field('Handlungsfeld', 'sector', { tag: 'select', options: selectOptions(SECTORS, 'Alle') }),
    field('Akteursgruppe', 'actor_category', { tag: 'select', options: selectOptions(CATEGORIES, 'Alle'), class: 'wide' }),
    field('Status', 'state', { tag: 'select', options: selectOptions(STATES, 'Alle') }),
    h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Anzeigen')));
  const load = () => {
    results.replaceChildren();
    return pagedList(results, 'MemberService/ListMembers', compact(values(form)), 'members',
      (items) => memberTable('Mitglieder', items));
  };
  form.addEventListener('submit', (ev) => { ev.preventDefault(); load(); });
  section.replaceChildren(h('h2', { id: 'all-h' }, 'Alle Mitglieder'), form, results);
  return { loaded: load(), reload: load };
}

// --- detail ---------------------------------------------------------------------------------
async function renderDetail(main, id) {
  const { member: m } = await api('MemberService/GetMember', { id });
  const yesNo = (b) => (b ? 'ja' : 'nein');
  const contact = (v) => (m.contact_withheld ? 'nicht freigegeben' : v || '–');
  const facts = [
    ['Status', stateBadge(m)],
    ['Organisation', h('a', { href: `#/organisations/${m.organisation_id}` }, m.organisation_name || '–')],
    ['Handlungsfeld', label(SECTORS, m.sector)],
    ['Akteursgruppe', label(CATEGORIES, m.actor_category)],
    ['Funktion', contact(m.role)],
    ['E-Mail', contact(m.email)],
    ['Telefon', contact(m.phone)],
    ['Antrag vom', fmtDate(m.request_time)],
    m.join_time ? ['Mitglied seit', fmtDate(m.join_time)] : null,
    m.leave_time ? [m.state === 'MEMBERSHIP_STATE_DECLINED' ? 'Abgelehnt am' : 'Ausgeschieden am', fmtDate(m.leave_time)] : null,
    m.decision_reason ? ['Begründung', m.decision_reason] : null,
  ];
  const consents = [
    ['Internes Mitgliederverzeichnis', yesNo(m.consent_internal_directory)],
    ['Weitergabe der Anmeldedaten für Kreisveranstaltungen', yesNo(m.consent_share_registrations)],
    ['Öffentliche Kontaktseite', yesNo(m.consent_public_contact)],
  ];
  fill(main,
    h('p', {}, h('a', { href: '#/members' }, 'Zurück zu den Mitgliedern')),
    h('h1', {}, fullName(m)),
    flashNotice(),
    can('editor') && !m.anonymised ? h('p', { class: 'actions' }, h('a', { href: `#/members/${m.id}/bearbeiten`, class: 'button' }, 'Angaben bearbeiten')) : null,
    m.anonymised ? notice('Die personenbezogenen Daten dieses Mitglieds wurden gelöscht; der Eintrag bleibt für die Statistik.') : null,
    h('h2', {}, 'Angaben'), factList(facts),
    h('h2', {}, 'Einwilligungen'), factList(consents));
  if (m.state === 'MEMBERSHIP_STATE_REQUESTED') {
    main.append(h('p', {}, 'Über den Antrag wird unter ', h('a', { href: '#/members' }, 'Offene Aufnahmeanträge'), ' entschieden.'));
  }
  const actions = memberActions(main, m);
  if (actions) main.append(actions);
}

// What a coordinator can still do with a member, each after a confirmation: end an active
// membership; erase the personal data of one who left (AnonymiseMember, which also has the data
// erased at other offices that received it); delete a declined request (DeleteMember).
function memberActions(main, m) {
  if (!can('coordinator') || m.anonymised) return null;
  const name = fullName(m);
  const done = (text) => { setFlash(text); return renderDetail(main, m.id); };
  if (m.state === 'MEMBERSHIP_STATE_ACTIVE') {
    return confirmSection('Mitgliedschaft beenden', {
      question: `Soll die Mitgliedschaft von ${name} wirklich beendet werden? Das kann nicht rückgängig gemacht werden.`,
      confirm: 'Ja, Mitgliedschaft beenden',
      fields: [field('Begründung (freiwillig)', 'reason', { tag: 'textarea', maxlength: 500 })],
    }, async (v) => {
      await api('MemberService/EndMembership', compact({ id: m.id, etag: m.etag, reason: v.reason }));
      await done(`Die Mitgliedschaft von ${name} wurde beendet.`);
    });
  }
  if (m.state === 'MEMBERSHIP_STATE_LEFT') {
    return confirmSection('Personenbezogene Daten löschen', {
      question: `Sollen Name, Funktion, E-Mail-Adresse und Telefonnummer von ${name} gelöscht werden? `
        + 'Anmeldungen, die an andere Jugendämter übermittelt wurden, werden dort ebenfalls gelöscht. '
        + 'Der Eintrag bleibt ohne Personenbezug für die Statistik. Das kann nicht rückgängig gemacht werden.',
      confirm: 'Ja, Daten löschen',
    }, async () => {
      await api('MemberService/AnonymiseMember', { id: m.id, etag: m.etag });
      await done(`Die personenbezogenen Daten von ${name} wurden gelöscht.`);
    });
  }
  if (m.state === 'MEMBERSHIP_STATE_DECLINED') {
    return confirmSection('Antrag löschen', {
      question: `Soll der abgelehnte Aufnahmeantrag von ${name} mit allen Angaben gelöscht werden? Das kann nicht rückgängig gemacht werden.`,
      confirm: 'Ja, Antrag löschen',
    }, async () => {
      await api('MemberService/DeleteMember', { id: m.id, etag: m.etag });
      setFlash(`Der Aufnahmeantrag von ${name} wurde gelöscht.`);
      location.hash = '#/members';
    });
  }
  return null;
}

// --- new member, edit -----------------------------------------------------------------------
// The fields of a member in "Neues Mitglied" and "Angaben bearbeiten", filled from `m` if given.
function memberFields(orgs, m = {}) {
  return [
    field('Organisation', 'organisation_id', { tag: 'select', required: true, class: 'wide', options: [['', 'Bitte wählen'], ...orgs.map((o) => [o.id, o.name])], value: m.organisation_id || '' }),
    field('Vorname', 'first_name', { type: 'text', required: true, maxlength: 100, autocomplete: 'off', value: m.first_name }),
    field('Nachname', 'last_name', { type: 'text', required: true, maxlength: 100, autocomplete: 'off', value: m.last_name }),
    field('Funktion', 'role', { type: 'text', value: m.role }, 'z. B. Schulsozialarbeiterin, Kinderärztin'),
    field('E-Mail', 'email', { type: 'email', autocomplete: 'off', value: m.email }, 'Dienstliche Adresse'),
    field('Telefon', 'phone', { type: 'tel', autocomplete: 'off', value: m.phone }, 'Dienstliche Nummer'),
    h('fieldset', {}, h('legend', {}, 'Einwilligungen'),
      checkbox('Eintrag im internen Mitgliederverzeichnis', 'consent_internal_directory', m.consent_internal_directory),
      checkbox('Weitergabe der Anmeldedaten an andere Jugendämter für Kreisveranstaltungen', 'consent_share_registrations', m.consent_share_registrations)),
  ];
}

// What UpdateMember writes from the form: every field of it.
const EDIT_MASK = 'organisationId,firstName,lastName,role,email,phone,consentInternalDirectory,consentShareRegistrations';

// "Angaben bearbeiten": name, organisation, contact details and consents of a member.
async function renderEdit(main, id) {
  const [{ member: m }, orgs] = await Promise.all([
    api('MemberService/GetMember', { id }), apiAll('OrganisationService/ListOrganisations', {}, 'organisations')]);
  const back = h('p', {}, h('a', { href: `#/members/${m.id}` }, 'Zurück zum Mitglied'));
  if (m.anonymised || !can('editor')) {
    fill(main, back, h('h1', {}, `${fullName(m)} bearbeiten`),
      notice(m.anonymised ? 'Die personenbezogenen Daten dieses Mitglieds wurden gelöscht; es gibt nichts zu bearbeiten.' : 'Bearbeiten dürfen die Rollen Bearbeitung und Koordination.'));
    return;
  }
  const fields = [...memberFields(orgs, m),
    h('p', { class: 'hint' }, 'Eine geänderte Einwilligung wird mit Datum im Einwilligungsverlauf festgehalten.')];
  const form = editForm(fields, `#/members/${m.id}`, (v) =>
    api('MemberService/UpdateMember', { member: { id: m.id, etag: m.etag, ...v }, update_mask: EDIT_MASK }));
  fill(main, back, h('h1', {}, `${fullName(m)} bearbeiten`), h('p', {}, 'Pflichtfelder sind mit * markiert.'), form);
}

async function renderCreate(main) {
  const orgs = await apiAll('OrganisationService/ListOrganisations', {}, 'organisations');
  const duplicate = h('div');
  const form = h('form', { novalidate: true },
    ...memberFields(orgs),
    can('coordinator') ? checkbox('Direkt als aktives Mitglied aufnehmen', 'approve') : null,
    duplicate,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Mitglied anlegen'), h('a', { href: '#/members' }, 'Abbrechen')));
  onSubmit(form, async (v) => {
    const { approve, allow_duplicate: allowDuplicate, ...member } = v;
    try {
      const res = await api('MemberService/CreateMember', compact({ member: compact(member), approve, allow_duplicate: allowDuplicate }));
      setFlash(`${fullName(res.member)} wurde angelegt.`);
      location.hash = `#/members/${res.member.id}`;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'ALREADY_EXISTS' && !duplicate.firstChild) {
        duplicate.append(checkbox('Trotzdem anlegen, obwohl es dieses Mitglied vielleicht schon gibt', 'allow_duplicate'));
      }
      throw err;
    }
  });
  fill(main,
    h('p', {}, h('a', { href: '#/members' }, 'Zurück zu den Mitgliedern')),
    h('h1', {}, 'Neues Mitglied'),
    h('p', {}, 'Pflichtfelder sind mit * markiert. Ohne „Direkt aufnehmen“ wird ein Aufnahmeantrag angelegt.'),
    form);
}
