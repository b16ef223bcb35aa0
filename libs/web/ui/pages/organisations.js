// Organisationen: the member organisations of the network — filtered list, details with their
// members, and the form for a new organisation (editors).
import {
  h, api, field, checkbox, values, onSubmit, announce, notice, badge, table, pagedList, label, can,
  ApiError, compact, fill, factList, selectOptions, setFlash, takeFlash,
} from '../ui.js';
import { SECTORS, CATEGORIES, memberTable } from './members.js';

export default {
  id: 'organisations',
  title: 'Organisationen',
  async render(main, params) {
    if (params[0] === 'neu') return renderCreate(main);
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
  const text = takeFlash();
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
    text ? notice(text, 'success') : null,
    h('h2', {}, 'Angaben'),
    factList(facts),
    h('h2', {}, 'Mitglieder'), members);
  await pagedList(members, 'MemberService/ListMembers', { organisation_id: o.id }, 'members',
    (items) => memberTable(`Mitglieder von ${o.name}`, items));
}

// --- new organisation -----------------------------------------------------------------------
async function renderCreate(main) {
  const duplicate = h('div');
  const form = h('form', { novalidate: true },
    field('Name', 'name', { type: 'text', required: true, maxlength: 200 }),
    field('Handlungsfeld', 'sector', { tag: 'select', required: true, options: selectOptions(SECTORS, 'Bitte wählen') }),
    field('Akteursgruppe', 'actor_category', { tag: 'select', required: true, class: 'wide', options: selectOptions(CATEGORIES, 'Bitte wählen') },
      'Akteursgruppe nach § 9 LKSG NRW'),
    field('Ort', 'municipality', { type: 'text' }, 'Kommune, z. B. Lippstadt'),
    field('Anschrift', 'address', { type: 'text' }, 'Öffentliche Postanschrift der Organisation'),
    field('Website', 'website', { type: 'url' }, 'z. B. https://www.beispiel.de'),
    duplicate,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Organisation anlegen'), h('a', { href: '#/organisations' }, 'Abbrechen')));
  onSubmit(form, async (v) => {
    const { allow_duplicate: allowDuplicate, ...organisation } = v;
    try {
      const res = await api('OrganisationService/CreateOrganisation', compact({ organisation: compact(organisation), allow_duplicate: allowDuplicate }));
      const text = `${res.organisation.name} wurde angelegt.`;
      setFlash(text);
      announce(text);
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
