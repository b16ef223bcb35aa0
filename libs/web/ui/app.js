// The web UI's shell: login with an API token, navigation and the hash router (#/seite/…).
// Every page is a module under pages/ with {id, title, render(main, params)}.
import { h, setCsrf, setRole, setSite, announce, errorNotice } from './ui.js';
import dashboard from './pages/dashboard.js';
import members from './pages/members.js';
import organisations from './pages/organisations.js';
import events from './pages/events.js';
import caseConferences from './pages/case_conferences.js';
import surveys from './pages/surveys.js';
import agreements from './pages/agreements.js';
import reports from './pages/reports.js';
import districtDashboard from './pages/district_dashboard.js';
import districtAgreements from './pages/district_agreements.js';
import districtReports from './pages/district_reports.js';

const OFFICE_PAGES = [dashboard, members, organisations, events, caseConferences, surveys, agreements, reports];
const DISTRICT_PAGES = [districtDashboard, districtAgreements, districtReports];
const ROLE_LABELS = {
  TOKEN_ROLE_VIEWER: 'Lesen', TOKEN_ROLE_EDITOR: 'Bearbeiten',
  TOKEN_ROLE_COORDINATOR: 'Koordination', TOKEN_ROLE_DISTRICT_COORDINATOR: 'Kreiskoordination',
};

let session = null;
let pages = [];
const main = () => document.getElementById('main');

async function loadSession() {
  const res = await fetch('/api/session', { credentials: 'same-origin' });
  if (!res.ok) return null;
  return res.json();
}

function showLogin(message) {
  session = null;
  document.getElementById('nav').hidden = true;
  document.getElementById('who').hidden = true;
  document.title = 'Anmelden – Schutznetz';
  const tokenId = 'login-token';
  const form = h('form', { class: 'login', novalidate: true },
    h('h1', {}, 'Anmelden'),
    h('p', {}, 'Melden Sie sich mit dem API-Token an, das Ihnen die Koordination oder der IT-Betrieb gegeben hat. Das Token bleibt auf dem Server; der Browser erhält nur eine Sitzung.'),
    message ? h('div', { class: 'notice error', role: 'alert' }, message) : null,
    h('div', { class: 'field' },
      h('label', { for: tokenId }, 'API-Token'),
      h('input', { id: tokenId, name: 'token', type: 'password', autocomplete: 'current-password', required: true, spellcheck: 'false' })),
    h('button', { type: 'submit' }, 'Anmelden'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const token = form.elements.token.value.trim();
    if (!token) { showLogin('Bitte das Token eingeben.'); return; }
    const res = await fetch('/api/login', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }),
    });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) { showLogin(`Anmeldung fehlgeschlagen: ${body.message || res.statusText}`); return; }
    start(body);
  });
  main().replaceChildren(form);
  const input = document.getElementById(tokenId);
  if (message) input.setAttribute('aria-invalid', 'true');
  input.focus();
}

function start(s) {
  session = s;
  setCsrf(s.csrf);
  setRole(s.role);
  setSite(s.site);
  pages = s.site.kind === 'district' ? DISTRICT_PAGES : OFFICE_PAGES;
  document.getElementById('site-name').textContent = `Schutznetz · ${s.site.name}`;
  const list = document.getElementById('nav-list');
  list.replaceChildren(...pages.map((p) => h('li', {}, h('a', { href: `#/${p.id}` }, p.title))));
  document.getElementById('nav').hidden = false;
  const who = document.getElementById('who');
  const logout = h('button', { type: 'button' }, 'Abmelden');
  logout.addEventListener('click', async () => {
    await fetch('/api/logout', { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf }, body: '{}' });
    location.hash = '';
    showLogin('');
  });
  who.replaceChildren(h('span', {}, `${s.label} (${ROLE_LABELS[s.role] || s.role})`), logout);
  who.hidden = false;
  route();
}

async function route() {
  if (!session) return;
  const parts = (location.hash.replace(/^#\/?/, '') || pages[0].id).split('/').map(decodeURIComponent);
  const page = pages.find((p) => p.id === parts[0]) || pages[0];
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.getAttribute('href') === `#/${page.id}`) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const el = main();
  el.replaceChildren(h('p', { class: 'muted' }, 'Wird geladen …'));
  document.title = `${page.title} – ${session.site.name} – Schutznetz`;
  try {
    await page.render(el, parts.slice(1), session);
  } catch (err) {
    el.replaceChildren(h('h1', {}, page.title), errorNotice(err));
  }
  const heading = el.querySelector('h1');
  if (heading) document.title = `${heading.textContent} – ${session.site.name} – Schutznetz`;
  el.focus();
  announce(`${heading ? heading.textContent : page.title} geladen`);
}

window.addEventListener('hashchange', route);
window.addEventListener('sn-logged-out', () => showLogin('Die Sitzung ist abgelaufen. Bitte erneut anmelden.'));
window.addEventListener('DOMContentLoaded', async () => {
  const s = await loadSession();
  if (s) start(s); else showLogin('');
});
