// Bedarfsabfragen: needs surveys among the network's professionals — list, builder for a new
// survey, details with opening and closing, recording an anonymous response, and the results
// (a bar chart per question with a table of the same numbers, free texts as a list).
import {
  h, api, field, checkbox, onSubmit, announce, notice, errorNotice, badge, table, pagedList,
  label, can, uid, barChart, fmtDate, fmtDateTime, fmtNumber, compact, fill, factList, selectOptions,
  flashNotice, paragraphs, setFlash,
} from '../ui.js';
import { SECTORS } from './members.js';

// German labels as in libs/domain/survey.cc (state "closed" as "geschlossen", matching "Schließen").
const STATES = { SURVEY_STATE_DRAFT: 'Entwurf', SURVEY_STATE_OPEN: 'offen', SURVEY_STATE_CLOSED: 'geschlossen' };
const STATE_KIND = { SURVEY_STATE_DRAFT: 'info', SURVEY_STATE_OPEN: 'ok', SURVEY_STATE_CLOSED: 'warn' };
const KINDS = {
  QUESTION_KIND_SINGLE_CHOICE: 'Einfachauswahl',
  QUESTION_KIND_MULTIPLE_CHOICE: 'Mehrfachauswahl',
  QUESTION_KIND_SCALE_1_TO_5: 'Skala 1–5',
  QUESTION_KIND_FREE_TEXT: 'Freitext',
};
const isChoice = (kind) => kind === 'QUESTION_KIND_SINGLE_CHOICE' || kind === 'QUESTION_KIND_MULTIPLE_CHOICE';
const stateBadge = (s) => badge(label(STATES, s.state), STATE_KIND[s.state]);
const percent = (share) => `${fmtNumber(Math.round(Number(share || 0) * 100))} %`;
const mean = (x) => new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 }).format(Number(x || 0));
const backLink = (href, text) => h('p', {}, h('a', { href }, text));

export default {
  id: 'surveys',
  title: 'Bedarfsabfragen',
  async render(main, params) {
    if (params[0] === 'neu') return renderBuilder(main);
    if (params[0]) return renderDetail(main, params[0]);
    return renderList(main);
  },
};

// --- list -------------------------------------------------------------------------------------
async function renderList(main) {
  const results = h('div');
  const form = h('form', { class: 'row', role: 'search', 'aria-label': 'Bedarfsabfragen filtern' },
    field('Status', 'state', { tag: 'select', options: selectOptions(STATES, 'Alle') }),
    h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Anzeigen')));
  const load = () => {
    results.replaceChildren();
    return pagedList(results, 'SurveyService/ListSurveys', compact({ state: form.elements.state.value }), 'surveys',
      (items) => table('Bedarfsabfragen, neueste zuerst', [
        { label: 'Titel', value: (s) => h('a', { href: `#/surveys/${s.id}` }, s.title) },
        { label: 'Status', value: stateBadge },
        { label: 'Fragen', value: (s) => fmtNumber((s.questions || []).length), num: true },
        { label: 'Antworten', value: (s) => fmtNumber(s.response_count), num: true },
        { label: 'Geöffnet', value: (s) => fmtDate(s.open_time) },
        { label: 'Angelegt', value: (s) => fmtDate(s.create_time) },
      ], items, 'Keine Bedarfsabfragen gefunden.'));
  };
  form.addEventListener('submit', (ev) => { ev.preventDefault(); load(); });
  fill(main,
    h('h1', {}, 'Bedarfsabfragen'),
    flashNotice(),
    h('p', {}, 'Anonyme Abfragen unter den Fachkräften des Netzwerks, z. B. nach gewünschten Fortbildungsthemen.'),
    can('editor') ? h('p', { class: 'actions' }, h('a', { href: '#/surveys/neu', class: 'button' }, 'Neue Bedarfsabfrage')) : null,
    h('h2', {}, 'Alle Bedarfsabfragen'), form, results);
  await load();
}

// --- builder ----------------------------------------------------------------------------------
// One question of the builder: a fieldset whose numbering renumber() keeps current.
function questionEditor(onRemove) {
  const kinds = Object.entries(KINDS);
  const options = field('Antwortmöglichkeiten', 'options', { tag: 'textarea', rows: 4, required: true },
    'Eine Antwortmöglichkeit pro Zeile, 2 bis 20.');
  const kind = field('Art der Frage', 'kind', { tag: 'select', required: true, options: kinds, value: kinds[0][0] });
  const select = kind.querySelector('select');
  select.addEventListener('change', () => { options.hidden = !isChoice(select.value); });
  const remove = h('button', { type: 'button', class: 'secondary' }, 'Frage entfernen');
  const box = h('fieldset', { class: 'question' },
    h('legend', {}, 'Frage'),
    field('Fragetext', 'text', { type: 'text', required: true, maxlength: 500 }),
    kind, options, checkbox('Pflichtfrage (muss beantwortet werden)', 'required'),
    h('div', { class: 'actions' }, remove));
  remove.addEventListener('click', () => onRemove(box));
  return box;
}

// Numbers the questions 1…n: legends, remove buttons' names and the data-field names the
// service's error paths ("survey.questions[0].options") are mapped to.
function renumber(list) {
  [...list.children].forEach((box, i) => {
    box.querySelector('legend').textContent = `Frage ${i + 1}`;
    box.querySelector('.actions button').setAttribute('aria-label', `Frage entfernen: Frage ${i + 1}`);
    for (const part of ['text', 'kind', 'options', 'required']) {
      box.querySelector(`[name="${part}"]`).closest('.field').dataset.field = `q${i}-${part}`;
    }
  });
}

function questionFrom(box) {
  const get = (name) => box.querySelector(`[name="${name}"]`);
  const kind = get('kind').value;
  return compact({
    text: get('text').value.trim(),
    kind,
    options: isChoice(kind) ? get('options').value.split('\n').map((o) => o.trim()).filter(Boolean) : undefined,
    required: get('required').checked,
  });
}

// "survey.questions[1].options" → "q1-options"; other paths → their last part ("title").
function builderField(path) {
  const m = /questions\[(\d+)\](?:\.([a-z_]+))?/.exec(path);
  if (m) return `q${m[1]}-${m[2] || 'text'}`;
  return path.split('.').pop();
}

async function renderBuilder(main) {
  const list = h('div');
  const add = () => {
    const box = questionEditor((b) => {
      b.remove();
      renumber(list);
      announce('Frage entfernt');
      addButton.focus();
    });
    list.append(box);
    renumber(list);
    return box;
  };
  const addButton = h('button', { type: 'button', class: 'secondary' }, 'Frage hinzufügen');
  addButton.addEventListener('click', () => {
    const box = add();
    box.querySelector('input').focus();
    announce(`Frage ${list.children.length} hinzugefügt`);
  });
  const form = h('form', { novalidate: true },
    field('Titel', 'title', { type: 'text', required: true, maxlength: 200 }, 'z. B. Fortbildungsbedarf 2027'),
    field('Beschreibung', 'description', { tag: 'textarea', maxlength: 2000, rows: 4 }, 'Freiwillig: Worum geht es, bis wann wird gefragt?'),
    h('h2', {}, 'Fragen'),
    list,
    h('p', { class: 'actions' }, addButton),
    h('div', { class: 'actions' },
      h('button', { type: 'submit' }, 'Bedarfsabfrage anlegen'),
      h('a', { href: '#/surveys' }, 'Abbrechen')));
  add();
  onSubmit(form, async (v) => {
    const survey = compact({ title: v.title, description: v.description });
    survey.questions = [...list.children].map(questionFrom);
    const res = await api('SurveyService/CreateSurvey', { survey });
    const text = `Die Bedarfsabfrage „${res.survey.title}“ wurde als Entwurf angelegt.`;
    setFlash(text);
    location.hash = `#/surveys/${res.survey.id}`;
  }, builderField);
  fill(main,
    backLink('#/surveys', 'Zurück zu den Bedarfsabfragen'),
    h('h1', {}, 'Neue Bedarfsabfrage'),
    h('p', {}, 'Pflichtfelder sind mit * markiert. Die Abfrage wird als Entwurf angelegt und erst mit „Öffnen“ für Antworten freigegeben.'),
    form);
}

// --- detail -----------------------------------------------------------------------------------
async function renderDetail(main, id, focusId = '') {
  const { survey: s } = await api('SurveyService/GetSurvey', { id });
  const status = h('div', { role: 'status' });
  const facts = [
    ['Status', stateBadge(s)],
    ['Antworten', fmtNumber(s.response_count)],
    ['Geöffnet', fmtDateTime(s.open_time)],
    ['Geschlossen', fmtDateTime(s.close_time)],
    ['Angelegt', fmtDateTime(s.create_time)],
  ];
  const open = s.state === 'SURVEY_STATE_OPEN';
  const results = s.state === 'SURVEY_STATE_DRAFT' ? null : h('div', {}, h('p', { class: 'muted' }, 'Ergebnisse werden geladen …'));
  const message = flashNotice();
  fill(main,
    backLink('#/surveys', 'Zurück zu den Bedarfsabfragen'),
    h('h1', {}, s.title),
    focusId ? null : message,
    can('editor') ? stateActions(main, s, status) : null,
    status,
    h('h2', {}, 'Angaben'),
    factList(facts),
    s.description ? paragraphs(s.description) : null,
    h('h2', {}, 'Fragen'),
    questionList(s.questions || []),
    open && can('editor') ? [h('h2', { id: 'antwort', tabindex: '-1' }, 'Antwort erfassen'), focusId ? message : null, responseForm(main, s)] : null,
    results ? [h('h2', {}, 'Ergebnisse'), results] : null);
  if (focusId) document.getElementById(focusId)?.focus();
  if (results) await loadResults(results, s.id);
}

// Öffnen / Schließen / Löschen as the state allows.
function stateActions(main, s, status) {
  const act = async (method, message, confirmText) => {
    if (confirmText && !window.confirm(confirmText)) return;
    try {
      await api(`SurveyService/${method}`, { id: s.id, etag: s.etag });
      setFlash(message);
      if (method === 'DeleteSurvey') location.hash = '#/surveys';
      else await renderDetail(main, s.id);
    } catch (err) {
      status.replaceChildren(errorNotice(err));
    }
  };
  return h('div', { class: 'actions' },
    s.state === 'SURVEY_STATE_DRAFT' ? h('button', { type: 'button', onclick: () => act('OpenSurvey', 'Die Bedarfsabfrage ist jetzt offen für Antworten.') }, 'Öffnen') : null,
    s.state === 'SURVEY_STATE_OPEN' ? h('button', {
      type: 'button',
      onclick: () => act('CloseSurvey', 'Die Bedarfsabfrage ist geschlossen.', 'Bedarfsabfrage schließen? Danach werden keine Antworten mehr angenommen.'),
    }, 'Schließen') : null,
    !Number(s.response_count) ? h('button', {
      type: 'button', class: 'danger',
      onclick: () => act('DeleteSurvey', `Die Bedarfsabfrage „${s.title}“ wurde gelöscht.`, `Bedarfsabfrage „${s.title}“ löschen?`),
    }, 'Löschen') : null);
}

function questionList(questions) {
  if (!questions.length) return h('p', { class: 'muted' }, 'Noch keine Fragen.');
  return h('ol', {}, questions.map((q) => h('li', {},
    h('strong', {}, q.text), ' ',
    h('span', { class: 'muted' }, `(${label(KINDS, q.kind)}${q.required ? ', Pflichtfrage' : ''})`),
    (q.options || []).length ? h('ul', {}, q.options.map((o) => h('li', {}, o))) : null)));
}

// --- recording a response ---------------------------------------------------------------------
// The input for one question, in a wrapper with data-field "a<position>".
function answerInput(q) {
  const name = `a${q.position}`;
  const title = `${q.position}. ${q.text}`;
  const star = q.required ? h('span', { 'aria-hidden': 'true' }, ' *') : null;
  if (isChoice(q.kind)) {
    const type = q.kind === 'QUESTION_KIND_SINGLE_CHOICE' ? 'radio' : 'checkbox';
    const hint = type === 'radio' ? 'Eine Antwort auswählen.' : 'Eine oder mehrere Antworten auswählen.';
    const hintId = uid('hint');
    return h('fieldset', { class: 'field', dataset: { field: name }, 'aria-describedby': hintId },
      h('legend', {}, title, star),
      h('p', { class: 'hint', id: hintId }, hint),
      q.options.map((o, i) => {
        const id = uid(name);
        return h('label', { class: 'checkbox', for: id }, h('input', { type, id, name, value: i, required: q.required && type === 'radio' }), o);
      }));
  }
  const wrap = q.kind === 'QUESTION_KIND_SCALE_1_TO_5'
    ? field(title, name, { type: 'number', min: 1, max: 5, step: 1, inputmode: 'numeric', required: q.required }, 'Ein Wert von 1 bis 5.')
    : field(title, name, { tag: 'textarea', rows: 3, maxlength: 2000, required: q.required },
      'Bitte ohne personenbezogene Angaben: keine Namen, Geburtsdaten, Anschriften oder Telefonnummern.');
  if (!q.required) wrap.querySelector('label').append(h('span', { class: 'muted' }, ' (freiwillig)'));
  return wrap;
}

// The answer to q from the form, or null if it is not answered.
function answerFrom(form, q) {
  const name = `a${q.position}`;
  if (isChoice(q.kind)) {
    const choices = [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((e) => Number(e.value));
    return choices.length ? { question_id: q.id, choices } : null;
  }
  const value = form.elements[name].value.trim();
  if (!value) return null;
  return q.kind === 'QUESTION_KIND_SCALE_1_TO_5' ? { question_id: q.id, scale: Number(value) } : { question_id: q.id, text: value };
}

function responseForm(main, s) {
  const questions = s.questions || [];
  const form = h('form', { novalidate: true, 'aria-labelledby': 'antwort' },
    h('p', {}, 'Die Antwort ist anonym: gespeichert werden nur das Handlungsfeld und die Antworten, kein Name. Pflichtfragen sind mit * markiert.'),
    field('Handlungsfeld der antwortenden Fachkraft', 'respondent_sector', { tag: 'select', required: true, class: 'wide', options: selectOptions(SECTORS, 'Bitte wählen') }),
    questions.map(answerInput),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Antwort speichern')));
  let asked = [];
  // "answers[2].choices" → the wrapper of the question answered third; "answers: question 1 …" → question 1.
  const resolve = (path, text) => {
    const m = /^answers\[(\d+)\]/.exec(path);
    if (m && asked[Number(m[1])]) return `a${asked[Number(m[1])].position}`;
    const q = path === 'answers' && /question (\d+)/.exec(text);
    return q ? `a${q[1]}` : path.split('.').pop();
  };
  onSubmit(form, async (v) => {
    asked = questions.filter((q) => answerFrom(form, q));
    await api('SurveyService/SubmitResponse', compact({
      survey_id: s.id, respondent_sector: v.respondent_sector, answers: asked.map((q) => answerFrom(form, q)),
    }));
    const text = 'Die Antwort wurde gespeichert. Das Formular ist für die nächste Antwort leer.';
    setFlash(text);
    await renderDetail(main, s.id, 'antwort');
  }, resolve);
  return form;
}

// --- results ----------------------------------------------------------------------------------
async function loadResults(container, id) {
  try {
    const r = await api('SurveyService/GetSurveyResults', { id });
    const total = Number(r.response_count || 0);
    fill(container,
      h('p', {}, `${fmtNumber(total)} ${total === 1 ? 'Antwort' : 'Antworten'}.`,
        r.state === 'SURVEY_STATE_OPEN' ? ' Die Abfrage ist noch offen; die Ergebnisse können sich noch ändern.' : ''),
      total ? (r.questions || []).map((q) => questionResult(q, true)) : null,
      total ? sectorResults(r.sectors || []) : null);
  } catch (err) {
    container.replaceChildren(errorNotice(err));
  }
}

// The result of one question: chart (if `chart`) and table of the counts, or the free texts.
function questionResult(q, chart, prefix = '') {
  const title = `Frage ${q.position}: ${q.text}`;
  const head = [
    h(chart ? 'h3' : 'h4', {}, title),
    h('p', { class: 'muted' }, `${label(KINDS, q.kind)} · ${fmtNumber(q.answer_count)} ${Number(q.answer_count) === 1 ? 'Antwort' : 'Antworten'}`),
  ];
  if (q.kind === 'QUESTION_KIND_FREE_TEXT') {
    const texts = q.texts || [];
    return [head, texts.length ? h('ul', {}, texts.map((t) => h('li', {}, t))) : h('p', { class: 'muted' }, 'Keine Freitextantworten.')];
  }
  const rows = isChoice(q.kind)
    ? (q.options || []).map((o) => ({ label: o.option, count: o.count, share: o.share }))
    : (q.scale_counts || []).map((c, i) => ({ label: `Wert ${i + 1}`, count: c, share: Number(q.answer_count) ? Number(c) / Number(q.answer_count) : 0 }));
  return [head,
    q.kind === 'QUESTION_KIND_SCALE_1_TO_5' ? h('p', {}, `Mittelwert: ${mean(q.scale_mean)}`) : null,
    chart ? barChart(`${title} – Anzahl der Nennungen`, rows.map((r) => ({ label: r.label, value: Number(r.count || 0) }))) : null,
    table(`${prefix}${title} – Nennungen als Tabelle`, [
      { label: isChoice(q.kind) ? 'Antwortmöglichkeit' : 'Wert', value: (r) => r.label },
      { label: 'Anzahl', value: (r) => fmtNumber(r.count), num: true },
      { label: 'Anteil', value: (r) => percent(r.share), num: true },
    ], rows)];
}

// Per respondent sector (after the service's disclosure control): tables only.
function sectorResults(sectors) {
  const intro = 'Handlungsfelder mit weniger als 3 Antworten werden zum Schutz der Anonymität unter „andere“ zusammengefasst.';
  if (!sectors.length) {
    return [h('h3', {}, 'Nach Handlungsfeld'), h('p', { class: 'muted' }, 'Eine Auswertung nach Handlungsfeld gibt es erst ab 3 Antworten.')];
  }
  return [h('h3', {}, 'Nach Handlungsfeld'), h('p', {}, intro),
    sectors.map((g) => {
      const name = g.merged ? 'andere (zusammengefasst)' : label(SECTORS, g.sector);
      return h('section', {},
        h('h4', {}, `${name}: ${fmtNumber(g.response_count)} Antworten`),
        (g.questions || []).filter((q) => q.kind !== 'QUESTION_KIND_FREE_TEXT')
          .map((q) => questionResult(q, false, `${name} – `).slice(1)));
    })];
}
