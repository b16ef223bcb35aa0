// End-to-end test of the web UI: node tests/ui/ui_e2e.mjs <logins> <out-dir> <ca.pem>
// (run by tests/e2e/web_ui_test.cc against the demo district it started).
//
// A coordinator of Lippstadt logs in, approves a membership request, enters yesterday's meeting,
// registers a member and records the attendance, ends a membership and erases the member's data,
// ratifies the open cooperation agreement, proposes a new one, and sees the PII guard's message at
// the text that holds personal data; the district coordinator logs in at the aggregator, adopts the
// proposal as a draft and withdraws it. axe-core checks every page (WCAG 2.1 A/AA rules) on a laptop and the dashboard on a
// tablet; each page is saved as a screenshot in <out-dir>, the axe results in axe-results.json.
// The gateway's refusals (no session, no CSRF value, cross-site, wrong method) are checked too.
// Exits 1 at the first failed step.
import { writeFileSync, readFileSync } from 'node:fs';
import https from 'node:https';
import { launch, newPage, login, settle, axe, districtLogins } from './harness.mjs';

const [loginsFile, outDir, caFile] = process.argv.slice(2);
const logins = districtLogins(loginsFile);
const ca = readFileSync(caFile);
const axeResults = {};
let failures = 0;

// The browser's errors but the answers this test provoked: 401 before the login and for the wrong
// token, 400 for the refused case conference.
function scriptErrors(page) {
  return page.consoleErrors.filter((e) => !/^Failed to load resource: .* (400|401) /.test(e));
}

// Follows the link in the first row of the page's table (a detail page).
async function openFirstRow(page) {
  await settle(page);
  await page.locator('main table tbody a').first().click();
  await settle(page);
}

// The control labelled `name`, with or without the required-field mark " *".
function labelled(page, name) { return page.getByLabel(new RegExp(`^${name}( \\*)?$`)); }

function check(condition, message) {
  if (!condition) { failures += 1; console.error(`FEHLER / FAIL: ${message}`); }
  else console.log(`ok: ${message}`);
}

async function audit(page, name) {
  await settle(page);
  await page.screenshot({ path: `${outDir}/${name}.png`, fullPage: true });
  const violations = await axe(page);
  axeResults[name] = { url: page.url(), title: await page.title(), violations };
  check(violations.length === 0, `${name}: axe ${violations.length} violations ${violations.map((v) => `${v.id} (${v.nodes.join(' | ')})`).join('; ')}`);
}

// A raw request to the UI server (without a browser), for the gateway's refusals.
function request(base, path, { method = 'POST', headers = {}, body = '' } = {}) {
  return new Promise((resolve, reject) => {
    const req = https.request(new URL(path, base), { method, headers, ca }, (res) => {
      let data = '';
      res.on('data', (c) => { data += c; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function gatewayRefusals() {
  const { base, token } = logins.lippstadt;
  const json = { 'Content-Type': 'application/json' };
  let r = await request(base, '/api/rpc/MemberService/ListMembers', { headers: json, body: '{}' });
  check(r.status === 401 && JSON.parse(r.body).code === 'UNAUTHENTICATED', `no session: 401 (${r.status})`);
  r = await request(base, '/api/login', { headers: json, body: JSON.stringify({ token: 'snz_falsch' }) });
  check(r.status === 401, `wrong token: 401 (${r.status} ${r.body})`);
  r = await request(base, '/api/login', { headers: json, body: JSON.stringify({ token }) });
  check(r.status === 200, `login: 200 (${r.status})`);
  const cookie = String(r.headers['set-cookie']).split(';')[0];
  check(/HttpOnly/.test(String(r.headers['set-cookie'])) && /SameSite=Strict/.test(String(r.headers['set-cookie'])) && /Secure/.test(String(r.headers['set-cookie'])), 'session cookie HttpOnly, Secure, SameSite=Strict');
  const { csrf } = JSON.parse(r.body);
  r = await request(base, '/api/rpc/MemberService/ListMembers', { headers: { ...json, Cookie: cookie }, body: '{}' });
  check(r.status === 403, `without X-CSRF-Token: 403 (${r.status})`);
  r = await request(base, '/api/rpc/MemberService/ListMembers', { headers: { ...json, Cookie: cookie, 'X-CSRF-Token': csrf, 'Sec-Fetch-Site': 'cross-site' }, body: '{}' });
  check(r.status === 403, `cross-site: 403 (${r.status})`);
  r = await request(base, '/api/rpc/MemberService/ListMembers', { headers: { Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'text/plain' }, body: '{}' });
  check(r.status === 415, `not JSON: 415 (${r.status})`);
  r = await request(base, '/api/rpc/MemberService/ListMembers', { method: 'GET', headers: { Cookie: cookie } });
  check(r.status === 405, `GET on a method: 405 (${r.status})`);
  r = await request(base, '/api/rpc/FederationService/Push', { headers: { ...json, Cookie: cookie, 'X-CSRF-Token': csrf }, body: '{}' });
  check(r.status === 404, `a method the UI does not offer: 404 (${r.status})`);
  r = await request(base, '/api/rpc/MemberService/ListMembers', { headers: { ...json, Cookie: cookie, 'X-CSRF-Token': csrf }, body: '{"page_size": 1, "unbekannt": 1}' });
  check(r.status === 400 && r.body.includes('unbekannt'), `unknown field named: 400 (${r.status} ${r.body})`);
  r = await request(base, '/api/rpc/MemberService/ListMembers', { headers: { ...json, Cookie: cookie, 'X-CSRF-Token': csrf }, body: '{"page_size": 1}' });
  check(r.status === 200 && JSON.parse(r.body).members.length === 1, `a call in the session: 200 (${r.status})`);
  r = await request(base, '/api/logout', { headers: { ...json, Cookie: cookie, 'X-CSRF-Token': csrf }, body: '{}' });
  check(r.status === 200, `logout: 200 (${r.status})`);
  r = await request(base, '/api/session', { method: 'GET', headers: { Cookie: cookie } });
  check(r.status === 401, `after logout the session is gone: 401 (${r.status})`);
}

// Yesterday in Europe/Berlin ("2026-11-23"): attendance can be recorded once a meeting began.
const meetingDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(new Date(Date.now() - 24 * 3600 * 1000));
const germanDay = meetingDay.split('-').reverse().join('.');

async function officeFlows(browser) {
  const { base, token } = logins.lippstadt;
  const page = await newPage(browser);
  current = page;

  // A wrong token is refused with a message at the login form.
  await page.goto(base);
  await audit(page, '00-anmeldung');
  await page.getByLabel('API-Token').fill('snz_falsch');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('alert').waitFor();
  check((await page.getByRole('alert').textContent()).includes('Anmeldung fehlgeschlagen'), 'wrong token: message at the login form');

  await login(page, base, token);
  await audit(page, '01-uebersicht');

  // Approve the membership request of Zoe Zeller.
  await page.goto(`${base}#/members`);
  await settle(page);
  await audit(page, '02-mitglieder');
  // By keyboard alone: the page puts the focus on its content, Tab reaches the decision.
  check(await page.evaluate(() => document.activeElement.id) === 'main', 'the focus is on the page content after navigating');
  let reached = false;
  for (let i = 0; i < 80 && !reached; i += 1) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement.getAttribute('aria-label') === 'Aufnehmen: Zoe Zeller');
  }
  check(reached, 'Tab reaches the button "Aufnehmen: Zoe Zeller"');
  await page.keyboard.press('Enter');
  await page.getByText(/aufgenommen/i).first().waitFor();
  await settle(page);
  check(await page.getByRole('button', { name: 'Aufnehmen: Zoe Zeller' }).count() === 0, 'Zoe Zeller approved: her request is gone');
  const zoe = await page.evaluate(async () => {
    const s = await (await fetch('/api/session')).json();
    const res = await fetch('/api/rpc/MemberService/ListMembers', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf }, body: JSON.stringify({ name_contains: 'Zeller' }) });
    return (await res.json()).members;
  });
  check(zoe.length === 1 && zoe[0].state === 'MEMBERSHIP_STATE_ACTIVE', `Zoe Zeller is an active member (${zoe.map((m) => m.state)})`);

  await page.goto(`${base}#/members/${zoe[0].id}`);
  await audit(page, '02a-mitglied');
  // Her function is corrected; the form comes filled with her data.
  await page.getByRole('link', { name: 'Angaben bearbeiten' }).click();
  await settle(page);
  await audit(page, '02b-mitglied-bearbeiten');
  const lastShown = await labelled(page, 'Nachname').inputValue();
  check(lastShown === 'Zeller', `the edit form shows her last name (${lastShown})`);
  await labelled(page, 'Funktion').fill('Schulsozialarbeit (Browsertest)');
  await page.getByRole('button', { name: 'Änderungen speichern' }).click();
  await page.getByText('Änderungen gespeichert.').first().waitFor();
  await settle(page);
  check(await page.getByText('Schulsozialarbeit (Browsertest)').count() > 0, 'the corrected function is shown on her page');
  // Yasemin Yilmaz leaves the network; afterwards her personal data is erased on request.
  const yilmaz = await page.evaluate(async () => {
    const s = await (await fetch('/api/session')).json();
    const res = await fetch('/api/rpc/MemberService/ListMembers', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf }, body: JSON.stringify({ name_contains: 'Yilmaz' }) });
    return (await res.json()).members[0].id;
  });
  await page.goto(`${base}#/members/${yilmaz}`);
  await settle(page);
  check(await page.getByRole('button', { name: 'Personenbezogene Daten löschen' }).count() === 0, 'an active member\'s data cannot be erased');
  await page.getByRole('button', { name: 'Mitgliedschaft beenden' }).click();
  check(await page.getByRole('button', { name: 'Abbrechen' }).count() === 1, 'ending a membership asks for a confirmation first');
  await labelled(page, 'Begründung \\(freiwillig\\)').fill('Wechsel in eine andere Stadt');
  await page.getByRole('button', { name: 'Ja, Mitgliedschaft beenden' }).click();
  await page.getByText('Die Mitgliedschaft von Yasemin Yilmaz wurde beendet.').first().waitFor();
  await settle(page);
  await page.getByRole('button', { name: 'Personenbezogene Daten löschen' }).click();
  await audit(page, '02c-mitglied-daten-loeschen');
  await page.getByRole('button', { name: 'Abbrechen' }).click();
  check(await page.evaluate(() => document.activeElement.textContent) === 'Personenbezogene Daten löschen', 'Abbrechen closes the confirmation and returns the focus to its button');
  await page.getByRole('button', { name: 'Personenbezogene Daten löschen' }).click();
  await page.getByRole('button', { name: 'Ja, Daten löschen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Anonymisiert' }).waitFor();
  const erased = await page.evaluate(async (id) => {
    const s = await (await fetch('/api/session')).json();
    const res = await fetch('/api/rpc/MemberService/GetMember', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf }, body: JSON.stringify({ id }) });
    return (await res.json()).member;
  }, yilmaz);
  check(erased.anonymised === true && erased.state === 'MEMBERSHIP_STATE_LEFT' && !erased.last_name && !erased.first_name,
    `Yasemin Yilmaz left and her data is erased (${erased.state}, anonymised=${erased.anonymised}, name "${erased.first_name || ''}${erased.last_name || ''}")`);
  await page.goto(`${base}#/organisations`);
  await audit(page, '03-organisationen');
  await openFirstRow(page);
  await audit(page, '03a-organisation');
  await page.getByRole('link', { name: 'Angaben bearbeiten' }).click();
  await settle(page);
  await audit(page, '03b-organisation-bearbeiten');
  check(await page.getByLabel(/^Aktiv im Netzwerk/).isChecked(), 'the edit form shows the organisation as active');
  await labelled(page, 'Anschrift').fill('Beispielstraße 1, 59555 Lippstadt (Browsertest)');
  await page.getByRole('button', { name: 'Änderungen speichern' }).click();
  await page.getByText('Änderungen gespeichert.').first().waitFor();
  await settle(page);
  check(await page.getByText('Beispielstraße 1, 59555 Lippstadt (Browsertest)').count() > 0, 'the changed address is shown on the organisation\'s page');

  // Create a meeting, register a member and record the attendance.
  await page.goto(`${base}#/events`);
  await audit(page, '04-termine');
  await page.getByRole('link', { name: 'Neuer Termin' }).or(page.getByRole('button', { name: 'Neuer Termin' })).first().click();
  await settle(page);
  await audit(page, '05-termin-anlegen');
  await labelled(page, 'Titel').fill('Netzwerktreffen (Browsertest)');
  await labelled(page, 'Art').selectOption({ label: 'Netzwerktreffen' });
  await labelled(page, 'Beginn').fill(`${meetingDay}T14:00`);
  await labelled(page, 'Ende').fill(`${meetingDay}T16:00`);
  await labelled(page, 'Ort').fill('Rathaus Lippstadt, Raum 2');
  await page.getByRole('button', { name: 'Termin anlegen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Netzwerktreffen (Browsertest)' }).waitFor();
  await settle(page);
  check(page.url().includes('#/events/'), `the new meeting's page is shown (${page.url()})`);
  check((await page.getByText(germanDay).count()) > 0, `the meeting shows its German date ${germanDay}`);
  // Edit it: the form comes filled with the meeting's values; another room is saved.
  await page.getByRole('link', { name: 'Termin bearbeiten' }).click();
  await settle(page);
  await audit(page, '05a-termin-bearbeiten');
  const startShown = await labelled(page, 'Beginn').inputValue();
  check(startShown === `${meetingDay}T14:00`, `the edit form shows the start in German time (${startShown})`);
  await labelled(page, 'Ort').fill('Rathaus Lippstadt, Raum 3');
  await page.getByRole('button', { name: 'Änderungen speichern' }).click();
  await page.getByText('Änderungen gespeichert.').first().waitFor();
  await settle(page);
  check(await page.getByText('Rathaus Lippstadt, Raum 3').count() > 0, 'the changed room is shown on the meeting\'s page');
  const meetingUrl = page.url();
  // A second event, created by mistake, is deleted (nobody registered): only once confirmed.
  await page.goto(`${base}#/events/neu`);
  await settle(page);
  await labelled(page, 'Titel').fill('Versehentlich angelegt (Browsertest)');
  await labelled(page, 'Art').selectOption({ label: 'Netzwerktreffen' });
  await labelled(page, 'Beginn').fill(`${meetingDay}T18:00`);
  await labelled(page, 'Ende').fill(`${meetingDay}T19:00`);
  await page.getByRole('button', { name: 'Termin anlegen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Versehentlich angelegt (Browsertest)' }).waitFor();
  const mistakeId = page.url().split('#/events/')[1];
  await page.getByRole('link', { name: 'Termin bearbeiten' }).click();
  await settle(page);
  await page.getByRole('button', { name: 'Termin löschen' }).click();
  await page.getByText(/Bitte das Löschen bestätigen/).first().waitFor();
  check(page.url().includes('/bearbeiten'), 'without the confirmation nothing is deleted');
  await page.getByLabel('Ja, diesen Termin endgültig löschen').check();
  await page.getByRole('button', { name: 'Termin löschen' }).click();
  await page.getByText(/Termin „Versehentlich angelegt \(Browsertest\)“ gelöscht/).first().waitFor();
  await settle(page);
  // Asked outside the page, so that the expected 404 is not one of the page's console errors.
  const csrf = await page.evaluate(async () => (await (await fetch('/api/session')).json()).csrf);
  const gone = (await page.request.post(`${base}/api/rpc/EventService/GetEvent`, {
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, data: JSON.stringify({ id: mistakeId }),
  })).status();
  check(gone === 404, `the deleted event is gone: GetEvent answers 404 (${gone})`);
  await page.goto(meetingUrl);
  await settle(page);
  // Zoe Zeller came without registration: recorded as present, the service registers her too.
  const memberSelect = labelled(page, 'Anwesendes Mitglied');
  await memberSelect.selectOption(await memberSelect.locator('option', { hasText: 'Zeller' }).first().getAttribute('value'));
  await page.getByRole('button', { name: 'Als anwesend erfassen' }).click();
  await page.getByText(/Anwesenheit gespeichert: 1 anwesend/).first().waitFor();
  const present = page.getByLabel(/^Anwesend: .*Zeller/);
  check(await present.isChecked(), 'Zoe Zeller is ticked as present');
  // Unticking and saving is recorded as well; ticked again for the check below.
  await present.uncheck();
  await page.getByRole('button', { name: 'Anwesenheit speichern' }).click();
  await page.getByText(/Anwesenheit gespeichert: 0 anwesend/).first().waitFor();
  await page.getByLabel(/^Anwesend: .*Zeller/).check();
  await page.getByRole('button', { name: 'Anwesenheit speichern' }).click();
  await page.getByText(/Anwesenheit gespeichert: 1 anwesend/).first().waitFor();
  await settle(page);
  await audit(page, '06-termin');
  const eventId = page.url().split('#/events/')[1];
  const attended = await page.evaluate(async (id) => {
    const s = await (await fetch('/api/session')).json();
    const res = await fetch('/api/rpc/RegistrationService/ListRegistrations', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf }, body: JSON.stringify({ event_id: id }) });
    return (await res.json()).registrations;
  }, eventId);
  check(attended.length === 1 && attended[0].attended === true, `attendance recorded (${JSON.stringify(attended.map((r) => [r.member_name, r.attended]))})`);

  await page.goto(`${base}#/events/kalender/${meetingDay.slice(0, 7)}`);
  await audit(page, '07-kalender');
  check(await page.getByRole('link', { name: /Netzwerktreffen \(Browsertest\)/ }).count() > 0, `the calendar of ${meetingDay.slice(0, 7)} shows the new meeting`);

  // Ratify the open cooperation agreement with a comment.
  await page.goto(`${base}#/agreements`);
  await audit(page, '08-absprachen');
  await page.getByRole('link', { name: /Kooperationsvereinbarung Kinderschutz im Kreis Soest 2027/ }).first().click();
  await settle(page);
  await audit(page, '09-absprache');
  await page.getByLabel('Kommentar').fill('Im Jugendhilfeausschuss am 19.11.2026 beschlossen.');
  await page.getByRole('button', { name: 'Ratifizieren' }).click();
  await page.getByText(/ratifiziert/i).first().waitFor();
  await settle(page);
  check(await page.getByRole('button', { name: 'Ratifizieren' }).count() === 0, 'after ratifying, the decision is no longer offered');
  // The office's standing changes once the district confirmed the decision (a sync round).
  const ownRow = page.getByRole('row', { name: /dieses Jugendamt/ }).first();
  let ownText = await ownRow.textContent();
  for (let i = 0; i < 30 && !/ratifiziert/.test(ownText); ++i) {
    await page.waitForTimeout(1000);
    await page.reload();
    await settle(page);
    ownText = await ownRow.textContent();
  }
  check(/ratifiziert/.test(ownText) && ownText.includes('19.11.2026 beschlossen'), `Lippstadt's row: ratified with the comment (${ownText})`);
  const ownName = await ownRow.locator('th, td').first().textContent();
  check(ownName === 'Jugendamt der Stadt Lippstadt (dieses Jugendamt)', `the own office named as in the district file (${ownName})`);
  check(await page.getByRole('row', { name: /Jugendamt der Stadt Warstein/ }).count() === 1, 'another office named as in the district file, not by its id');
  // Lippstadt proposes a new agreement to the district (adopted and withdrawn in districtFlows).
  await page.goto(`${base}#/agreements`);
  await settle(page);
  await page.getByText('Neue Absprache vorschlagen', { exact: true }).last().click();
  await labelled(page, 'Art').selectOption({ label: 'Mitteilungswege' });
  await labelled(page, 'Titel').fill(PROPOSAL_TITLE);
  await labelled(page, 'Vorgeschlagener Text').fill('Schulen melden gewichtige Anhaltspunkte dem ASD über die vereinbarte Rufnummer.');
  await audit(page, '08a-absprache-vorschlagen');
  await page.getByRole('button', { name: 'Vorschlag an den Kreis senden' }).click();
  await page.getByText('Der Vorschlag wird an die Koordination im Kreis gesendet.').first().waitFor();

  // Case conferences: personal data in a text is refused, the guard's message shown at that text;
  // anonymised, the conference is saved.
  await page.goto(`${base}#/case-conferences`);
  await audit(page, '10-fallkonferenzen');
  await page.goto(`${base}#/case-conferences/neu`);
  await settle(page);
  await labelled(page, 'Datum der Konferenz').fill(meetingDay);
  await labelled(page, 'Ort').fill('Lippstadt');
  const sectors = page.getByRole('group', { name: /Beteiligte Handlungsfelder/ });
  await sectors.getByLabel('Kinder- und Jugendhilfe').check();
  await sectors.getByLabel('Schule').check();
  const summary = labelled(page, 'Fall \\(anonymisiert\\)');
  await summary.fill('Kevin Müller, geb. 03.04.2015, fehlt seit Wochen in der Schule.');
  await labelled(page, 'Erkenntnisse').fill('Schule und ASD vereinbaren ein gemeinsames Gespräch mit den Eltern.');
  await page.getByRole('button', { name: 'Fallkonferenz anlegen' }).click();
  await page.locator('[aria-invalid="true"]').first().waitFor();
  check(await summary.evaluate((el) => el === document.activeElement && el.getAttribute('aria-invalid') === 'true'), 'the case text is marked invalid and focused');
  check(await page.locator('[aria-invalid="true"]').count() === 1, 'only the case text is marked');
  const described = await summary.getAttribute('aria-describedby');
  const messages = await Promise.all(String(described).split(' ').map((id) => page.locator(`[id="${id}"]`).textContent().catch(() => '')));
  check(messages.some((m) => /personenbezogene Daten/.test(m || '')), `the PII guard's message is at the case text (${messages.join(' | ')})`);
  await audit(page, '11-fallkonferenz-personenbezug');
  await summary.fill('Ein Kind im Grundschulalter fehlt seit Wochen im Unterricht; die Meldung an den ASD kam spät.');
  await page.getByRole('button', { name: 'Fallkonferenz anlegen' }).click();
  await page.getByRole('heading', { level: 2, name: 'Fall (anonymisiert)' }).waitFor();
  check(page.url().match(/#\/case-conferences\/[0-9a-f-]{36}$/) !== null, `the saved conference is shown (${page.url()})`);
  await audit(page, '11a-fallkonferenz');

  // A needs survey: built, opened, answered once; the results chart counts the answer.
  await page.goto(`${base}#/surveys`);
  await audit(page, '12-bedarfsabfragen');
  await page.goto(`${base}#/surveys/neu`);
  await audit(page, '12a-bedarfsabfrage-anlegen');
  await labelled(page, 'Titel').fill('Fortbildungsbedarf 2027 (Browsertest)');
  await labelled(page, 'Fragetext').fill('Welches Thema ist am dringendsten?');
  await labelled(page, 'Antwortmöglichkeiten').fill('Gesprächsführung\nDigitale Gefährdungen\nRechtsgrundlagen § 8a');
  await page.getByRole('button', { name: 'Bedarfsabfrage anlegen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Fortbildungsbedarf 2027 (Browsertest)' }).waitFor();
  await page.getByRole('button', { name: 'Öffnen' }).click();
  await page.getByText(/offen für Antworten/).first().waitFor();
  await settle(page);
  await labelled(page, 'Handlungsfeld der antwortenden Fachkraft').selectOption({ label: 'Schule' });
  await page.getByRole('group', { name: /Welches Thema/ }).getByLabel('Digitale Gefährdungen').check();
  await page.getByRole('button', { name: 'Antwort speichern' }).click();
  const counted = page.locator('svg.chart title', { hasText: 'Digitale Gefährdungen 1' });
  await counted.first().waitFor({ state: 'attached' }).catch(() => {});
  check(await counted.count() > 0, 'the survey was built, opened and answered; its chart counts the answer');
  await audit(page, '12b-bedarfsabfrage-ergebnisse');
  await page.goto(`${base}#/reports`);
  await audit(page, '13-berichte');

  const tablet = await newPage(browser, { tablet: true });
  current = tablet;
  await login(tablet, base, token);
  await audit(tablet, '14-uebersicht-tablet');
  await page.context().close();
  await tablet.context().close();
  check(scriptErrors(page).length === 0, `no script errors in the office UI (${scriptErrors(page).join(' | ')})`);
}

// A reader sees the pages but no action above the role, and the service refuses one anyway (before
// the coordinator decides the open membership request).
async function viewerFlows(browser) {
  const { base, token } = logins['lippstadt-viewer'];
  const page = await newPage(browser);
  current = page;
  await login(page, base, token);
  check((await page.locator('#who').textContent()).includes('(Lesen)'), 'the reader is shown with the role Lesen');
  await page.goto(`${base}#/members`);
  await settle(page);
  check(await page.getByText('Zoe Zeller').count() > 0, 'a reader sees the open membership request of Zoe Zeller');
  check(await page.getByRole('button', { name: /^Aufnehmen:/ }).count() === 0, 'a reader is offered no membership decision');
  await page.getByRole('link', { name: 'Paula Peters' }).first().click();
  await settle(page);
  check(await page.getByRole('heading', { level: 1, name: 'Paula Peters' }).count() === 1 && await page.getByRole('button', { name: 'Mitgliedschaft beenden' }).count() === 0,
    'a reader is offered no ending of a membership');
  await page.goto(`${base}#/agreements`);
  await settle(page);
  check(await page.getByRole('heading', { level: 1, name: 'Absprachen' }).count() === 1 && await page.getByText('Neue Absprache vorschlagen').count() === 0,
    'a reader is offered no proposal of an agreement');
  await page.goto(`${base}#/events`);
  await settle(page);
  check(await page.getByRole('link', { name: 'Neuer Termin' }).count() === 0, 'a reader is offered no new event');
  await audit(page, '15-termine-lesen');
  await openFirstRow(page);
  check(await page.getByRole('heading', { level: 1 }).count() === 1 && await page.getByRole('link', { name: 'Termin bearbeiten' }).count() === 0,
    'a reader is offered no editing of an event');
  await page.goto(`${base}#/organisations`);
  await openFirstRow(page);
  check(await page.getByRole('link', { name: 'Angaben bearbeiten' }).count() === 0, 'a reader is offered no editing of an organisation');
  const refused = await page.evaluate(async () => {
    const s = await (await fetch('/api/session')).json();
    const res = await fetch('/api/rpc/EventService/CreateEvent', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf }, body: JSON.stringify({ event: { title: 'Nicht erlaubt' } }) });
    return { status: res.status, body: await res.json() };
  });
  check(refused.status === 403 && refused.body.code === 'PERMISSION_DENIED', `the service refuses a reader's CreateEvent (${refused.status} ${refused.body.message})`);
  await page.context().close();
}

async function districtFlows(browser) {
  const { base, token } = logins.aggregator;
  const page = await newPage(browser);
  current = page;
  await login(page, base, token);
  await audit(page, '20-kreis-uebersicht');
  check(await page.getByRole('row', { name: /Jugendamt der Stadt Lippstadt/ }).count() > 0, 'the district dashboard names the offices as in the district file');
  await page.goto(`${base}#/district-agreements`);
  await audit(page, '21-kreis-absprachen');
  await openFirstRow(page);
  await audit(page, '21a-kreis-absprache');
  // Lippstadt's proposal arrives with a sync round; adopted as a draft, then withdrawn.
  const adopt = page.getByRole('button', { name: `Als Entwurf übernehmen: ${PROPOSAL_TITLE}` });
  for (let i = 0; i < 30 && await adopt.count() === 0; ++i) {
    await page.waitForTimeout(1000);
    await page.goto(`${base}#/district-agreements`);
    await page.reload();
    await settle(page);
  }
  check(await page.getByRole('row', { name: new RegExp(`${PROPOSAL_TITLE.replace(/[()]/g, '\\$&')}.*Jugendamt der Stadt Lippstadt`) }).count() === 1,
    'the district lists Lippstadt\'s proposal, naming the office');
  await adopt.click();
  await page.getByRole('heading', { level: 1, name: PROPOSAL_TITLE }).waitFor();
  await settle(page);
  await page.getByRole('button', { name: 'Version 1 zurückziehen' }).click();
  await labelled(page, 'Begründung \\(freiwillig\\)').fill('Wird in die Kooperationsvereinbarung aufgenommen.');
  await audit(page, '21b-kreis-version-zurueckziehen');
  await page.getByRole('button', { name: 'Ja, Version 1 zurückziehen' }).click();
  await page.getByText('Version 1 wurde zurückgezogen.').first().waitFor();
  await settle(page);
  check(await page.getByText('Wird in die Kooperationsvereinbarung aufgenommen.').count() > 0 && await page.getByRole('button', { name: 'Version 1 zurückziehen' }).count() === 0,
    'the adopted draft is withdrawn with its reason and no longer offered for withdrawal');
  await page.goto(`${base}#/district-reports`);
  await audit(page, '22-kreis-berichte');
  check(scriptErrors(page).length === 0, `no script errors in the district UI (${scriptErrors(page).join(' | ')})`);
  await page.context().close();
}

const PROPOSAL_TITLE = 'Mitteilungswege Schule und ASD (Browsertest)';
let current = null;  // the page being worked on: its screenshot is saved when a step fails
const browser = await launch();
try {
  await gatewayRefusals();
  await viewerFlows(browser);
  await officeFlows(browser);
  await districtFlows(browser);
} catch (err) {
  failures += 1;
  console.error(`FEHLER / FAIL: ${err.stack || err}`);
  if (current) await current.screenshot({ path: `${outDir}/fehler.png`, fullPage: true }).catch(() => {});
} finally {
  await browser.close();
  writeFileSync(`${outDir}/axe-results.json`, JSON.stringify(axeResults, null, 2));
}
const pages = Object.keys(axeResults).length;
const total = Object.values(axeResults).reduce((n, r) => n + r.violations.length, 0);
console.log(`axe-core: ${pages} pages checked, ${total} violations; screenshots in ${outDir}`);
process.exit(failures === 0 ? 0 : 1);
