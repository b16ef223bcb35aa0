// Absprachen (office): the district agreements as this office's local copy holds them — every
// version with its text, a side-by-side comparison of two versions, the offices' ratifications
// and this office's decision on an open version; coordinators propose new agreements and
// amendments to the district. Also exports the pieces the district's page
// (district_agreements.js) reuses: labels, the text diff and the version sections.
import {
  h, api, badge, can, clearFormErrors, compact, factList, field, fill, fmtDate, fmtDateTime, label,
  flashNotice, notice, officeName, onSubmit, pagedList, selectOptions, setFlash, showFormError, table, uid,
} from '../ui.js';

// German labels as in libs/domain/agreement.cc.
export const KIND_LABELS = {
  AGREEMENT_KIND_COOPERATION_AGREEMENT: 'Kooperationsvereinbarung',
  AGREEMENT_KIND_RULES_OF_PROCEDURE: 'Geschäftsordnung',
  AGREEMENT_KIND_REPORTING_PATHS: 'Mitteilungswege',
  AGREEMENT_KIND_OTHER: 'sonstige Absprache',
};
export const STATE_LABELS = {
  AGREEMENT_VERSION_STATE_DRAFT: 'Entwurf',
  AGREEMENT_VERSION_STATE_OPEN_FOR_RATIFICATION: 'zur Ratifizierung offen',
  AGREEMENT_VERSION_STATE_IN_FORCE: 'in Kraft',
  AGREEMENT_VERSION_STATE_SUPERSEDED: 'abgelöst',
  AGREEMENT_VERSION_STATE_WITHDRAWN: 'zurückgezogen',
};
const STATE_KINDS = {
  AGREEMENT_VERSION_STATE_DRAFT: 'info',
  AGREEMENT_VERSION_STATE_OPEN_FOR_RATIFICATION: 'warn',
  AGREEMENT_VERSION_STATE_IN_FORCE: 'ok',
  AGREEMENT_VERSION_STATE_SUPERSEDED: 'info',
  AGREEMENT_VERSION_STATE_WITHDRAWN: 'bad',
};
const RULE_LABELS = { RATIFICATION_RULE_UNANIMITY: 'Einstimmigkeit', RATIFICATION_RULE_MAJORITY: 'Mehrheit' };
const STANDINGS = {
  OFFICE_STANDING_PENDING: ['ausstehend', 'warn'],
  OFFICE_STANDING_RATIFIED: ['ratifiziert', 'ok'],
  OFFICE_STANDING_REJECTED: ['abgelehnt', 'bad'],
};
const DECISION_LABELS = { RATIFICATION_DECISION_RATIFY: 'ratifiziert', RATIFICATION_DECISION_REJECT: 'abgelehnt' };
const SENT_STATUS_LABELS = {
  STATUS_AWAITING_CONFIRMATION: 'gesendet, Bestätigung durch den Kreis ausstehend',
  STATUS_CONFIRMED: 'vom Kreis bestätigt',
  STATUS_NOT_RECORDED: 'nicht berücksichtigt (Version nicht mehr offen)',
};
const OPEN = 'AGREEMENT_VERSION_STATE_OPEN_FOR_RATIFICATION';

export default {
  id: 'agreements',
  title: 'Absprachen',
  async render(main, params, session) {
    if (params[0]) return renderDetail(main, params[0], session);
    return renderList(main, session);
  },
};

// --- helpers shared with the district page ------------------------------------------------------

export const versionState = (v) => badge(label(STATE_LABELS, v.state), STATE_KINDS[v.state] || 'info');
export const standingBadge = (s) => badge(...(STANDINGS[s] || ['nicht gefragt', 'info']));
export const openVersion = (a) => (a.versions || []).find((v) => v.state === OPEN);
export const versionOf = (a, n) => (a.versions || []).find((v) => v.number === n);

// "Version 2 seit 03.11.2026" or "keine".
export function inForceText(a) {
  const v = versionOf(a, a.in_force_version);
  return v ? `Version ${v.number} seit ${fmtDate(v.in_force_time)}` : 'keine';
}
// "1 von 4 ratifiziert (Einstimmigkeit)".
export function ratificationCount(v) {
  const offices = v.offices || [];
  const yes = offices.filter((o) => o.standing === 'OFFICE_STANDING_RATIFIED').length;
  return `${yes} von ${offices.length} ratifiziert${v.rule ? ` (${label(RULE_LABELS, v.rule)})` : ''}`;
}
// The open version's short status for lists, e.g. "Version 1: 1 von 4 ratifiziert".
export function openText(a) {
  const v = openVersion(a);
  return v ? `Version ${v.number}: ${ratificationCount(v)}` : 'keine';
}
// The facts of an agreement: kind, version in force, open version, proposing office.
export function agreementFacts(a) {
  return factList([
    ['Art', label(KIND_LABELS, a.kind)],
    ['In Kraft', inForceText(a)],
    ['Zur Ratifizierung offen', openText(a)],
    a.proposed_by_office ? ['Vorgeschlagen von', officeName(a.proposed_by_office)] : null,
  ]);
}

// The per-office ratification status of a version.
export function ratificationTable(v) {
  return table(`Stand der Ratifizierung von Version ${v.number}`, [
    { label: 'Jugendamt', value: (o) => officeName(o.office_id) },
    { label: 'Stand', value: (o) => standingBadge(o.standing) },
    { label: 'Entschieden am', value: (o) => (o.decide_time ? fmtDateTime(o.decide_time) : '–') },
    { label: 'Kommentar', value: (o) => o.comment || '–' },
  ], v.offices || [], 'Keine Jugendämter zur Entscheidung aufgefordert.');
}

// Every version: facts, change note and (in a disclosure) the text; the open one unfolded.
export function versionsSection(a) {
  return h('section', {}, h('h2', {}, 'Alle Versionen'), [...(a.versions || [])].reverse().map((v) => h('section', {},
    h('h3', {}, `Version ${v.number} `, versionState(v)),
    factList([
      v.change_note ? ['Anlass / Änderung', v.change_note] : null,
      v.proposed_by_office ? ['Vorgeschlagen von', officeName(v.proposed_by_office)] : null,
      ['Erstellt', fmtDateTime(v.create_time)],
      v.open_time ? ['Zur Ratifizierung geöffnet', fmtDateTime(v.open_time)] : null,
      v.in_force_time ? ['In Kraft seit', fmtDateTime(v.in_force_time)] : null,
      v.superseded_time ? ['Abgelöst am', fmtDateTime(v.superseded_time)] : null,
      v.withdrawn_time ? ['Zurückgezogen am', [fmtDateTime(v.withdrawn_time), v.withdraw_reason ? ` (${v.withdraw_reason})` : '']] : null,
    ]),
    h('details', { open: v.state === OPEN || a.versions.length === 1 },
      h('summary', {}, `Text von Version ${v.number}`),
      textBlock(v.text)))));
}

// A text as paragraphs (blank lines) and line breaks, wrapping on narrow screens.
export function textBlock(text) {
  if (!text) return h('p', { class: 'muted' }, '(kein Text)');
  return h('div', {}, text.split(/\n\s*\n/).map((para) => h('p', {},
    para.split('\n').flatMap((line, i) => (i ? [h('br'), line] : [line])))));
}

// --- text comparison ---------------------------------------------------------------------------

// Longest-common-subsequence diff of two token lists: [{op: 'same'|'del'|'ins', tokens}].
// Common head and tail are taken off first, which keeps the table small for long texts.
function lcsDiff(all, bll) {
  let head = 0;
  while (head < all.length && head < bll.length && all[head] === bll[head]) head += 1;
  let tail = 0;
  while (tail < all.length - head && tail < bll.length - head && all[all.length - 1 - tail] === bll[bll.length - 1 - tail]) tail += 1;
  const a = all.slice(head, all.length - tail); const b = bll.slice(head, bll.length - tail);
  const n = a.length; const m = b.length;
  const dp = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
    }
  }
  const out = [];
  const push = (op, t) => {
    const last = out[out.length - 1];
    if (last && last.op === op) last.tokens.push(t); else out.push({ op, tokens: [t] });
  };
  all.slice(0, head).forEach((t) => push('same', t));
  let i = 0; let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) { push('same', a[i]); i += 1; j += 1; } else if (dp[i + 1][j] >= dp[i][j + 1]) { push('del', a[i]); i += 1; } else { push('ins', b[j]); j += 1; }
  }
  while (i < n) { push('del', a[i]); i += 1; }
  while (j < m) { push('ins', b[j]); j += 1; }
  all.slice(all.length - tail).forEach((t) => push('same', t));
  return out;
}

// Diff of two texts, by lines and within changed lines by words: a list of parts
// {op: 'same'|'del'|'ins', text} and the number of changed places.
export function diffTexts(left, right) {
  const lines = (t) => (t || '').split(/(?<=\n)/);
  const words = (t) => t.split(/(\s+)/).filter((s) => s !== '');
  const parts = [];
  let changes = 0;
  const blocks = lcsDiff(lines(left), lines(right));
  for (let k = 0; k < blocks.length; k += 1) {
    const b = blocks[k];
    if (b.op === 'same') { parts.push({ op: 'same', text: b.tokens.join('') }); continue; }
    changes += 1;
    const next = blocks[k + 1];
    if (b.op === 'del' && next && next.op === 'ins') {
      // A replaced block: compare word by word when small enough.
      const lw = words(b.tokens.join('')); const rw = words(next.tokens.join(''));
      if (lw.length * rw.length <= 250000) {
        for (const w of lcsDiff(lw, rw)) parts.push({ op: w.op, text: w.tokens.join('') });
      } else {
        parts.push({ op: 'del', text: lw.join('') }, { op: 'ins', text: rw.join('') });
      }
      k += 1;
    } else {
      parts.push({ op: b.op, text: b.tokens.join('') });
    }
  }
  return { parts, changes };
}

// One side of the comparison: unchanged text and the removed (left) or inserted (right) parts.
function diffSide(parts, side) {
  const mark = side === 'left' ? 'del' : 'ins';
  const prefix = side === 'left' ? 'entfernt: ' : 'eingefügt: ';
  return h('pre', {}, parts.filter((p) => p.op === 'same' || p.op === mark).map((p) => (p.op === 'same'
    ? p.text
    : h(mark, {}, h('span', { class: 'visually-hidden' }, `[${prefix}`), p.text, h('span', { class: 'visually-hidden' }, ']')))));
}

// A side-by-side view of two texts with a summary line: div.diff with <del>/<ins>.
export function diffView(leftTitle, left, rightTitle, right) {
  const { parts, changes } = diffTexts(left, right);
  const summary = changes === 0 ? 'Die Texte sind gleich.' : `${changes} ${changes === 1 ? 'Stelle' : 'Stellen'} geändert.`;
  return h('div', {},
    h('p', { role: 'status' }, summary),
    h('div', { class: 'diff' },
      h('div', {}, h('h3', {}, leftTitle), diffSide(parts, 'left')),
      h('div', {}, h('h3', {}, rightTitle), diffSide(parts, 'right'))));
}

// The versions to compare by default: the one in force (else the one before, else the newest
// other) against the open one (else the newest).
function defaultPair(a) {
  const vs = a.versions || [];
  const right = openVersion(a) || vs[vs.length - 1];
  const candidates = [versionOf(a, a.in_force_version), vs[vs.indexOf(right) - 1], ...[...vs].reverse()];
  const left = candidates.find((v) => v && v !== right);
  return [left.number, right.number];
}

// Section "Versionen vergleichen" with the selects "Version links" / "Version rechts".
export function compareSection(a) {
  const vs = a.versions || [];
  const heading = h('h2', {}, 'Versionen vergleichen');
  if (vs.length < 2) {
    return h('section', {}, heading, h('p', {}, 'Es gibt bisher nur eine Version; es gibt noch nichts zu vergleichen. Der Text steht unten bei „Alle Versionen“.'));
  }
  const options = vs.map((v) => [v.number, `Version ${v.number} (${label(STATE_LABELS, v.state)})`]);
  const [l, r] = defaultPair(a);
  const leftField = field('Version links', 'left', { tag: 'select', options, value: l });
  const rightField = field('Version rechts', 'right', { tag: 'select', options, value: r });
  const out = h('div');
  const show = () => {
    const lv = versionOf(a, Number(leftField.querySelector('select').value));
    const rv = versionOf(a, Number(rightField.querySelector('select').value));
    out.replaceChildren(diffView(`Version ${lv.number} (${label(STATE_LABELS, lv.state)})`, lv.text,
      `Version ${rv.number} (${label(STATE_LABELS, rv.state)})`, rv.text));
  };
  leftField.querySelector('select').addEventListener('change', show);
  rightField.querySelector('select').addEventListener('change', show);
  show();
  return h('section', {}, heading,
    h('p', { class: 'muted' }, 'Links entfernte Stellen sind durchgestrichen, rechts eingefügte Stellen hervorgehoben.'),
    h('div', { class: 'row no-print' }, leftField, rightField), out);
}

// --- the office's list -------------------------------------------------------------------------

// This office's standing on the open version, with the status of a decision still travelling.
function ownDecision(v, officeId) {
  if (!v) return '–';
  const own = (v.offices || []).find((o) => o.office_id === officeId);
  const sent = (v.sent_decisions || [])[(v.sent_decisions || []).length - 1];
  if (sent && sent.status === 'STATUS_AWAITING_CONFIRMATION') {
    return [badge(label(DECISION_LABELS, sent.decision), 'info'), ` ${label(SENT_STATUS_LABELS, sent.status)}`];
  }
  return own ? standingBadge(own.standing) : 'nicht gefragt';
}

async function renderList(main, session) {
  const list = h('div');
  main.replaceChildren(h('h1', {}, 'Absprachen'),
    h('p', {}, 'Absprachen des Kreises (Kooperationsvereinbarung, Geschäftsordnung, Mitteilungswege) mit ihren Versionen und dem Stand der Ratifizierung.'),
    flashNotice(),
    can('coordinator') ? proposalForm(main, null, session) : null,
    list);
  await pagedList(list, 'AgreementService/ListAgreements', {}, 'agreements', (items) => table('Absprachen des Kreises', [
    { label: 'Titel', value: (a) => h('a', { href: `#/agreements/${a.id}` }, a.title) },
    { label: 'Art', value: (a) => label(KIND_LABELS, a.kind) },
    { label: 'In Kraft', value: inForceText },
    { label: 'Zur Ratifizierung offen', value: openText },
    { label: 'Entscheidung dieses Jugendamts', value: (a) => ownDecision(openVersion(a), session.site.id) },
  ], items, 'Es gibt noch keine Absprachen.'));
}

// --- the office's detail -----------------------------------------------------------------------

async function renderDetail(main, id, session) {
  const { agreement: a } = await api('AgreementService/GetAgreement', { id });
  const open = openVersion(a);
  fill(main,
    h('p', {}, h('a', { href: '#/agreements' }, 'Zurück zu den Absprachen')),
    h('h1', {}, a.title),
    flashNotice(),
    agreementFacts(a),
    open ? openSection(main, a, open, session) : null,
    compareSection(a),
    versionsSection(a),
    can('coordinator') ? proposalForm(main, a, session) : null);
}

// "Neue Absprache vorschlagen" (a = null) or "Änderung vorschlagen" (ProposeAgreement), folded
// away: the proposal goes to district coordination, which may adopt it as a draft.
function proposalForm(main, a, session) {
  const latest = a && (a.versions || [])[(a.versions || []).length - 1];
  const form = h('form', { novalidate: true },
    a ? null : field('Art', 'kind', { tag: 'select', required: true, options: selectOptions(KIND_LABELS, 'Bitte wählen') }),
    a ? null : field('Titel', 'title', { type: 'text', required: true, maxlength: 200 }),
    field('Vorgeschlagener Text', 'text', { tag: 'textarea', rows: 14, required: true, value: latest ? latest.text : '' },
      a ? 'Vorbelegt mit dem Text der neuesten Version.' : ''),
    field('Begründung des Vorschlags', 'comment', { tag: 'textarea', maxlength: 2000 }, 'Freiwillig, z. B. warum die Absprache oder Änderung nötig ist.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Vorschlag an den Kreis senden')));
  onSubmit(form, async (v) => {
    await api('AgreementService/ProposeAgreement', compact({
      agreement_id: a ? a.id : undefined, kind: v.kind || undefined, title: v.title, text: v.text, comment: v.comment,
    }));
    setFlash('Der Vorschlag wird an die Koordination im Kreis gesendet.');
    await (a ? renderDetail(main, a.id, session) : renderList(main, session));
  });
  const title = a ? 'Änderung vorschlagen' : 'Neue Absprache vorschlagen';
  return h('section', { class: 'no-print' }, h('h2', {}, title), h('details', {}, h('summary', {}, title), form));
}

// The open version: the offices' standing, this office's decisions and the decision form.
function openSection(main, a, v, session) {
  const own = (v.offices || []).find((o) => o.office_id === session.site.id);
  const sent = (v.sent_decisions || []).filter((d) => d.status !== 'STATUS_NOT_RECORDED');
  const undecided = own && own.standing === 'OFFICE_STANDING_PENDING' && !sent.length;
  return h('section', {},
    h('h2', {}, `Ratifizierung von Version ${v.number}`),
    h('p', {}, `${ratificationCount(v)}. Zur Ratifizierung geöffnet am ${fmtDateTime(v.open_time)}.`),
    ratificationTable(v),
    (v.sent_decisions || []).length ? table('Entscheidungen dieses Jugendamts', [
      { label: 'Entschieden am', value: (d) => fmtDateTime(d.decide_time) },
      { label: 'Entscheidung', value: (d) => label(DECISION_LABELS, d.decision) },
      { label: 'Übermittlung', value: (d) => label(SENT_STATUS_LABELS, d.status) },
      { label: 'Kommentar', value: (d) => d.comment || '–' },
    ], v.sent_decisions) : null,
    !own ? h('p', {}, 'Dieses Jugendamt ist zu dieser Version nicht zur Entscheidung aufgefordert.') : null,
    undecided && can('coordinator') ? decisionForm(main, a, v, session) : null,
    undecided && !can('coordinator') ? h('p', { class: 'muted' }, 'Über die Ratifizierung entscheidet die Netzwerkkoordination.') : null);
}

// SHA-256 (hex) of the text as shown, so that the decision names exactly the text read.
async function sha256Hex(text) {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// Form "Entscheidung dieses Jugendamts": comment, "Ratifizieren" or "Ablehnen".
function decisionForm(main, a, v, session) {
  const headingId = uid('decide');
  const form = h('form', { novalidate: true, 'aria-labelledby': headingId },
    h('h3', { id: headingId }, `Entscheidung dieses Jugendamts zu Version ${v.number}`),
    h('p', {}, 'Bitte lesen Sie den Text der Version (unten bei „Alle Versionen“). Die Entscheidung wird an den Kreis gesendet; eine Ratifizierung kann nicht zurückgenommen werden.'),
    field('Kommentar', 'comment', { tag: 'textarea', maxlength: 2000 }, 'Freiwillig, z. B. Datum des Beschlusses im Jugendhilfeausschuss.'),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', value: 'ratify' }, 'Ratifizieren'),
      h('button', { type: 'submit', value: 'reject', class: 'danger' }, 'Ablehnen')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const ratify = !ev.submitter || ev.submitter.value === 'ratify';
    const buttons = form.querySelectorAll('button');
    buttons.forEach((b) => { b.disabled = true; });
    try {
      clearFormErrors(form);
      await api(ratify ? 'AgreementService/RatifyAgreement' : 'AgreementService/RejectAgreement', {
        agreement_id: a.id, version_number: v.number, text_sha256: await sha256Hex(v.text || ''),
        comment: form.elements.comment.value.trim() || undefined,
      });
      setFlash(`Version ${v.number} ${ratify ? 'ratifiziert' : 'abgelehnt'}. Die Entscheidung wird an den Kreis gesendet.`);
      await renderDetail(main, a.id, session);
    } catch (err) {
      showFormError(form, err);
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  });
  return form;
}
