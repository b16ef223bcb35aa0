// Shared pieces of the web UI's browser tests: Debian's Chromium driven by playwright-core,
// login with a token, accessibility checks with axe-core (WCAG 2.1 A and AA rules).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--lang=de-DE', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// A browser context as a laptop (1280×800) or tablet (820×1180) would show the UI. The district
// CA is not in Chromium's store, so certificate errors of the local services are accepted; the
// UI's Content-Security-Policy is bypassed only so that axe-core can be injected.
export async function newPage(browser, { tablet = false } = {}) {
  const context = await browser.newContext({
    ignoreHTTPSErrors: true, bypassCSP: true, locale: 'de-DE', timezoneId: 'Europe/Berlin',
    viewport: tablet ? { width: 820, height: 1180 } : { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  page.consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => page.consoleErrors.push(String(e)));
  return page;
}

export async function login(page, base, token) {
  await page.goto(base);
  await page.getByLabel('API-Token').fill(token);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('button', { name: 'Abmelden' }).waitFor();
}

// Waits until the page's content has loaded (no "Wird geladen" left).
export async function settle(page) {
  await page.waitForFunction(() => !document.querySelector('main')?.textContent.includes('Wird geladen'), null, { timeout: 15000 });
  await page.waitForTimeout(300);
}

// The axe-core violations of the page as it is now: [{id, impact, help, nodes: [...]}].
export async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
    }));
  });
}

// The login tokens of a running local district (var/run-district/ui-login.txt): {id: {base, token}}.
export function districtLogins(file) {
  const out = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [id, base, token] = line.split(' ');
    out[id] = { base, token };
  }
  return out;
}
