// Organisationen: the member organisations of the network — filtered list, details with their
// members, and the forms for a new organisation and for editing one (editors).
import {
  h, api, field, checkbox, values, onSubmit, notice, badge, table, pagedList, label, can,
  ApiError, compact, editForm, fill, factList, flashNotice, selectOptions, setFlash,
} from '../ui.js';
import { SECTORS, CATEGORIES, memberTable } from './members.js';

export default {
  id: 'organisations',
  title: 'Organisationen',
  async render(main, params) {
    if (params[0] === 'neu') return renderCreate(main);
    if (params[0] && params[1] === 'bearbeiten') return renderEdit(main, params[0]);
    if (params[0]) return renderDetail(main, params[0]);
    return renderList(main);
  },
};

const inactiveBadge = (o) => (o.active ? null : [' ', badge('inaktiv', 'warn')]);

// --- list -----------------------------------------------------------------------------------
async function renderList(main) {
  const results = h('div');
  const form = h('form', { class: 'row', role: 'search', 'aria-label': 'Organisationen filtern' },
    field('Suche', 'name_contains', { type: 'search' }, 'Teil des Namens'),
    field('Handlungsfeld', 'sector', { tag: 'select', options: selectOptions(SECTORS, 'Alle') }),
    field('Akteursgruppe', 'actor_category', { tag: 'select', options: selectOptions(CATEGORIES, 'Alle'), class: 'wide' }),
    field('Ort', 'municipality', { type: 'text' }, 'Kommune, z. B. Soest'),
    checkbox('Auch inaktive anzeigen', 'include_inactive'),
    h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Anzeigen')));
  const load = () => {
    results.replaceChildren();
    return pagedList(results, 'OrganisationService/ListOrganisations', compact(values(form)), 'organisations',
      (items) => table('Organisationen', [
        { label: 'Name', value: (o) => [h('a', { href: `#/organisations/${o.id}` }, o.name), inactiveBadge(o)] },
        { label: 'Handlungsfeld', value: (o) => label(SECTORS, o.sector) },
        { label: 'Akteursgruppe', value: (o) => label(CATEGORIES, o.actor_category) },
        { label: 'Ort', value: (o) => o.municipality || '–' },
      ], items, 'Keine Organisationen gefunden.'));
  };
  form.addEventListener('submit', (ev) => { ev.preventDefault(); load(); });
  fill(main,
    h('h1', {}, 'Organisationen'),
    can('editor') ? h('p', { class: 'actions' }, h('a', { href: '#/organisations/neu', class: 'button' }, 'Neue Organisation')) : null,
    h('h2', {}, 'Alle Organisationen'), form, results);
  await load();
}

// --- detail ---------------------------------------------------------------------------------
async function renderDetail(main, id) {
  const { organisation: o } = await api('OrganisationService/GetOrganisation', { id });
  const facts = [
    ['Status', o.active ? badge('aktiv', 'ok') : badge('inaktiv', 'warn')],
    ['Handlungsfeld', label(SECTORS, o.sector)],
    ['Akteursgruppe', label(CATEGORIES, o.actor_category)],
    ['Ort', o.municipality || '–'],
    ['Anschrift', o.address || '–'],
    ['Website', o.website ? h('a', { href: o.website, rel: 'noopener' }, o.website) : '–'],
  ];
  const members = h('div');
  fill(main,
    h('p', {}, h('a', { href: '#/organisations' }, 'Zurück zu den Organisationen')),
    h('h1', {}, o.name),
    flashNotice(),
    can('editor') ? h('p', { class: 'actions' }, h('a', { href: `#/organisations/${o.id}/bearbeiten`, class: 'button' }, 'Angaben bearbeiten')) : null,
    h('h2', {}, 'Angaben'),
    factList(facts),
    h('h2', {}, 'Mitglieder'), members);
  await pagedList(members, 'MemberService/ListMembers', { organisation_id: o.id }, 'members',
    (items) => memberTable(`Mitglieder von ${o.name}`, items));
}

// --- new organisation, edit -----------------------------------------------------------------
// The fields of an organisation in "Neue Organisation" and "Angaben bearbeiten", filled from `o`.
function organisationFields(o = {}) {
  return [
    field('Name', 'name', { type: 'text', required: true, maxlength: 200, value: o.name }),
    field('Handlungsfeld', 'sector', { tag: 'select', required: true, options: selectOptions(SECTORS, 'Bitte wählen'), value: o.sector }),
    field('Akteursgruppe', 'actor_category', { tag: 'select', required: true, class: 'wide', options: selectOptions(CATEGORIES, 'Bitte wählen'), value: o.actor_category },
      'Akteursgruppe nach § 9 LKSG NRW'),
    field('Ort', 'municipality', { type: 'text', value: o.municipality }, 'Kommune, z. B. Lippstadt'),
    field('Anschrift', 'address', { type: 'text', value: o.address }, 'Öffentliche Postanschrift der Organisation'),
    field('Website', 'website', { type: 'url', value: o.website }, 'z. B. https://www.beispiel.de'),
  ];
}

// What UpdateOrganisation writes from the form: every field of it.
const EDIT_MASK = 'name,sector,actorCategory,municipality,address,website,active';

// "Angaben bearbeiten": the organisation's data, and whether it is still active in the network.
async function renderEdit(main, id) {
  const { organisation: o } = await api('OrganisationService/GetOrganisation', { id });
  const back = `#/organisations/${o.id}`;
  const fields = [...organisationFields(o),
    checkbox('Aktiv im Netzwerk (ohne Haken: inaktiv, bleibt mit ihren Mitgliedern erhalten)', 'active', o.active)];
  fill(main,
    h('p', {}, h('a', { href: back }, 'Zurück zur Organisation')),
    h('h1', {}, `${o.name} bearbeiten`),
    can('editor') ? [h('p', {}, 'Pflichtfelder sind mit * markiert.'),
      editForm(fields, back, (v) => api('OrganisationService/UpdateOrganisation', { organisation: { id: o.id, etag: o.etag, ...v }, update_mask: EDIT_MASK }))]
      : notice('Bearbeiten dürfen die Rollen Bearbeitung und Koordination.'));
}

async function renderCreate(main) {
  const duplicate = h('div');
  const form = h('form', { novalidate: true },
    ...organisationFields(),
    duplicate,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Organisation anlegen'), h('a', { href: '#/organisations' }, 'Abbrechen')));
  onSubmit(form, async (v) => {
    const { allow_duplicate: allowDuplicate, ...organisation } = v;
    try {
      const res = await api('OrganisationService/CreateOrganisation', compact({ organisation: compact(organisation), allow_duplicate: allowDuplicate }));
      setFlash(`${res.organisation.name} wurde angelegt.`);
      location.hash = `#/organisations/${res.organisation.id}`;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'ALREADY_EXISTS' && !duplicate.firstChild) {
        duplicate.append(checkbox('Trotzdem anlegen, obwohl es diese Organisation schon gibt', 'allow_duplicate'));
      }
      throw err;
    }
  });
  fill(main,
    h('p', {}, h('a', { href: '#/organisations' }, 'Zurück zu den Organisationen')),
    h('h1', {}, 'Neue Organisation'),
    h('p', {}, 'Pflichtfelder sind mit * markiert.'),
    form);
}
