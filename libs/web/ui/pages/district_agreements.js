// Absprachen (district): the district's agreements with every version, the comparison of two
// versions, the offices' ratifications, drafting (create, edit a draft, add a version, open it
// for ratification, withdraw a version) and the offices' proposals.
import {
  h, api, badge, can, confirmSection, field, fill, flashNotice, fmtDateTime, label, officeName, onSubmit, pagedList,
  selectOptions, setFlash, table,
} from '../ui.js';
import {
  KIND_LABELS, agreementFacts, compareSection, inForceText, openText, openVersion, ratificationTable,
  versionsSection,
} from './agreements.js';

const DRAFT = 'AGREEMENT_VERSION_STATE_DRAFT';
const PROPOSAL_STATES = { STATE_SUBMITTED: ['eingereicht', 'warn'], STATE_ADOPTED: ['übernommen', 'ok'] };

export default {
  id: 'district-agreements',
  title: 'Absprachen',
  async render(main, params) {
    if (params[0]) return renderDetail(main, params[0]);
    return renderList(main);
  },
};

const draftVersion = (a) => (a.versions || []).find((v) => v.state === DRAFT);
const textArea = (labelText, name, value, hint) => field(labelText, name, { tag: 'textarea', rows: 14, value }, hint);

// --- list --------------------------------------------------------------------------------------

async function renderList(main) {
  const list = h('div');
  const proposals = h('div');
  fill(main,
    h('h1', {}, 'Absprachen'),
    flashNotice(),
    h('p', {}, 'Absprachen des Kreises mit ihren Versionen; jede Änderung geht an alle Jugendämter.'),
    list,
    can('coordinator') ? createForm() : null,
    h('h2', {}, 'Vorschläge der Jugendämter'),
    proposals);
  await Promise.all([
    pagedList(list, 'DistrictService/ListAgreements', {}, 'agreements', (items) => table('Absprachen des Kreises', [
      { label: 'Titel', value: (a) => h('a', { href: `#/district-agreements/${a.id}` }, a.title) },
      { label: 'Art', value: (a) => label(KIND_LABELS, a.kind) },
      { label: 'In Kraft', value: inForceText },
      { label: 'Zur Ratifizierung offen', value: openText },
      { label: 'Entwurf', value: (a) => (draftVersion(a) ? `Version ${draftVersion(a).number}` : 'keiner') },
    ], items, 'Es gibt noch keine Absprachen.')),
    pagedList(proposals, 'DistrictService/ListProposals', {}, 'proposals', (items) => proposalTable(items, main)),
  ]);
}

// Form "Neue Absprache anlegen" (CreateAgreement), folded away.
function createForm() {
  const form = h('form', { novalidate: true },
    field('Art', 'kind', { tag: 'select', required: true, options: selectOptions(KIND_LABELS, 'Bitte wählen') }),
    field('Titel', 'title', { type: 'text', required: true, maxlength: 200 }),
    textArea('Text', 'text', '', 'Der Text des ersten Entwurfs.'),
    field('Änderungsnotiz', 'change_note', { type: 'text', maxlength: 1000 }, 'Freiwillig, z. B. woher der Entwurf stammt.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Absprache anlegen')));
  onSubmit(form, async (v) => {
    const { agreement } = await api('DistrictService/CreateAgreement', {
      kind: v.kind || undefined, title: v.title, text: v.text, change_note: v.change_note || undefined,
    });
    setFlash(`Absprache „${agreement.title}“ als Entwurf angelegt.`);
    location.hash = `#/district-agreements/${agreement.id}`;
  });
  return h('details', { class: 'no-print' }, h('summary', {}, 'Neue Absprache anlegen'), form);
}

// The proposals with their text; district coordinators can adopt a submitted one as a draft.
function proposalTable(items, main) {
  return table('Vorschläge der Jugendämter', [
    { label: 'Titel', value: (p) => [p.title, h('details', {}, h('summary', {}, 'Vorgeschlagener Text'), h('p', {}, p.text))] },
    { label: 'Jugendamt', value: (p) => officeName(p.office_id) },
    { label: 'Art', value: (p) => label(KIND_LABELS, p.kind) },
    { label: 'Bezug', value: (p) => (p.agreement_id ? h('a', { href: `#/district-agreements/${p.agreement_id}` }, 'Änderung einer Absprache') : 'neue Absprache') },
    { label: 'Eingereicht', value: (p) => fmtDateTime(p.propose_time) },
    { label: 'Kommentar', value: (p) => p.comment || '–' },
    { label: 'Stand', value: (p) => [badge(...(PROPOSAL_STATES[p.state] || [label({}, p.state), 'info'])), p.state === 'STATE_SUBMITTED' && can('coordinator') ? adoptButton(p, main) : null] },
  ], items, 'Keine Vorschläge eingegangen.');
}

// Button "Übernehmen" (AdoptProposal): the proposal becomes a draft version.
function adoptButton(p, main) {
  const status = h('span', { role: 'status' });
  const button = h('button', { type: 'button', class: 'secondary', 'aria-label': `Als Entwurf übernehmen: ${p.title}` }, 'Als Entwurf übernehmen');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const { agreement } = await api('DistrictService/AdoptProposal', { proposal_id: p.id, etag: p.etag || undefined });
      setFlash(`Vorschlag „${p.title}“ als Entwurf übernommen.`);
      location.hash = `#/district-agreements/${agreement.id}`;
    } catch (err) {
      status.textContent = `Nicht übernommen: ${err.message}`;
      button.disabled = false;
    }
  });
  return h('div', { class: 'actions' }, button, status);
}

// --- detail ------------------------------------------------------------------------------------

async function renderDetail(main, id) {
  const { agreement: a } = await api('DistrictService/GetAgreement', { id });
  const open = openVersion(a);
  const rerender = (message) => { setFlash(message); return renderDetail(main, id); };
  fill(main,
    h('p', {}, h('a', { href: '#/district-agreements' }, 'Zurück zu den Absprachen')),
    h('h1', {}, a.title),
    flashNotice(),
    agreementFacts(a),
    open ? h('section', {},
      h('h2', {}, `Ratifizierung von Version ${open.number}`),
      h('p', {}, `Zur Ratifizierung geöffnet am ${fmtDateTime(open.open_time)}.`),
      ratificationTable(open)) : null,
    can('coordinator') ? draftingSection(a, rerender) : null,
    ...(can('coordinator') ? [open, draftVersion(a)].filter(Boolean).map((v) => withdrawSection(a, v, rerender)) : []),
    compareSection(a),
    versionsSection(a));
}

// "Version N zurückziehen" (WithdrawVersion) for the open version or the draft, with a reason;
// the offices' decisions on a withdrawn version no longer count.
function withdrawSection(a, v, rerender) {
  const open = v.state !== DRAFT;
  return confirmSection(`Version ${v.number} zurückziehen`, {
    question: open
      ? `Soll Version ${v.number}, über die die Jugendämter gerade entscheiden, zurückgezogen werden? Bisherige Entscheidungen verfallen; das kann nicht rückgängig gemacht werden.`
      : `Soll der Entwurf von Version ${v.number} zurückgezogen werden? Das kann nicht rückgängig gemacht werden.`,
    confirm: `Ja, Version ${v.number} zurückziehen`,
    fields: [field('Begründung (freiwillig)', 'reason', { tag: 'textarea', maxlength: 500 }, open ? 'Wird den Jugendämtern mit der Version angezeigt.' : '')],
  }, async (values) => {
    await api('DistrictService/WithdrawVersion', {
      agreement_id: a.id, version_number: v.number, reason: values.reason || undefined, etag: v.etag || undefined,
    });
    await rerender(`Version ${v.number} wurde zurückgezogen.`);
  });
}

// Drafting: edit the draft and open it for ratification, or start a new version.
function draftingSection(a, rerender) {
  const draft = draftVersion(a);
  if (!draft) {
    const latest = (a.versions || [])[a.versions.length - 1];
    const form = h('form', { novalidate: true },
      textArea('Text', 'text', latest ? latest.text : '', 'Vorbelegt mit dem Text der neuesten Version.'),
      field('Änderungsnotiz', 'change_note', { type: 'text', maxlength: 1000 }, 'Was ändert sich gegenüber der bisherigen Fassung?'),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Neue Version anlegen')));
    onSubmit(form, async (v) => {
      await api('DistrictService/AddVersion', { agreement_id: a.id, text: v.text, change_note: v.change_note || undefined, etag: a.etag || undefined });
      await rerender('Neue Version als Entwurf angelegt.');
    });
    return h('section', { class: 'no-print' }, h('h2', {}, 'Neue Version entwerfen'), h('details', {}, h('summary', {}, 'Entwurf beginnen'), form));
  }
  const edit = h('form', { novalidate: true },
    textArea('Text', 'text', draft.text),
    field('Änderungsnotiz', 'change_note', { type: 'text', maxlength: 1000, value: draft.change_note }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Entwurf speichern')));
  onSubmit(edit, async (v) => {
    await api('DistrictService/UpdateDraft', {
      agreement_id: a.id, version_number: draft.number, text: v.text, change_note: v.change_note || undefined, etag: draft.etag || undefined,
    });
    await rerender(`Entwurf von Version ${draft.number} gespeichert.`);
  });
  const openForm = h('form', { novalidate: true },
    h('p', {}, 'Beim Öffnen wird der Text eingefroren; danach entscheiden die Jugendämter über genau diesen Text.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, `Version ${draft.number} zur Ratifizierung öffnen`)));
  onSubmit(openForm, async () => {
    await api('DistrictService/OpenForRatification', { agreement_id: a.id, version_number: draft.number, etag: draft.etag || undefined });
    await rerender(`Version ${draft.number} ist zur Ratifizierung geöffnet.`);
  });
  return h('section', { class: 'no-print' },
    h('h2', {}, `Entwurf Version ${draft.number}`),
    h('h3', {}, 'Entwurf bearbeiten'), edit,
    h('h3', {}, 'Zur Ratifizierung öffnen'), openForm);
}
