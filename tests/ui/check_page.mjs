// Development aid: node tests/ui/check_page.mjs <service> <hash> [screenshot.png]
// Logs in to a running local district (scripts/run-district), opens the page, prints axe-core's
// violations and the browser's console errors, and saves a screenshot.
import { launch, newPage, login, settle, axe, districtLogins } from './harness.mjs';

const [service = 'lippstadt', hash = '', shot = `/tmp/ui-${service}-${hash.replace(/\W+/g, '_') || 'start'}.png`] = process.argv.slice(2);
const logins = districtLogins(new URL('../../var/run-district/ui-login.txt', import.meta.url).pathname);
const browser = await launch();
try {
  const page = await newPage(browser, { tablet: process.env.TABLET === '1' });
  await login(page, logins[service].base, logins[service].token);
  if (hash) await page.goto(`${logins[service].base}#/${hash}`);
  await settle(page);
  await page.screenshot({ path: shot, fullPage: true });
  const violations = await axe(page);
  console.log(JSON.stringify({ title: await page.title(), screenshot: shot, violations, consoleErrors: page.consoleErrors }, null, 2));
} finally {
  await browser.close();
}
