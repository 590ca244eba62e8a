// Every page as each role sees it, at 1280 px and on a 390 px phone: a screenshot of each (to be
// looked at, under e2e/artifacts/pages/), no raw code or id where a person reads (no
// `EIA_ENGINEER`, no `Published`, no bare id prefix), nothing wider than the screen, and no
// table column squeezed narrower than two characters.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launchBrowser, screenshot } from './browser.mjs';
import { signIn } from './session.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const api = async (path) => {
  const response = await fetch(`${server.baseUrl}/api/v1${path}`);
  assert.equal(response.status, 200, path);
  return response.json();
};

// What a person reads must not hold a code meant for machines: an upper-case identifier of six
// or more letters (a qualification type, a state in its Rust form), or an id or its 8-character
// prefix on its own. Hashes are longer runs of hex and are shown on purpose.
const RAW_CODE = /\b[A-Z][A-Z_]{5,}\b/;
// (An id has a letter in it: a telephone number is not taken for one.)
const ID = /\b(?=[0-9]*[a-f])[0-9a-f]{8}(?:-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?\b/;

async function publicPages() {
  const open = (await api('/projects?sort=closing')).items[0];
  const selected = (await api('/projects?state=selected')).items[0];
  const accepted = (await api('/projects?state=accepted')).items[0];
  const provider = (await api('/providers')).items[0];
  const inspection = (await api('/inspections')).items[0];
  return [
    ['home', '/'],
    ['results', '/results'],
    ['providers', '/providers'],
    ['provider-profile', `/providers/${provider.id}`],
    ['catalogue', '/catalogue'],
    ['statistics', '/statistics'],
    ['inspections', '/inspections'],
    ...(inspection ? [['inspection', `/inspections/${inspection.id}`]] : []),
    ['need-open', `/projects/${open.id}`],
    ['need-selected', `/projects/${selected.id}`],
    ['need-accepted', `/projects/${accepted.id}`],
  ];
}

const ROLES = [
  { role: 'visitor', own: [['sign-in', '/sign-in'], ['register', '/register']] },
  {
    role: 'enterprise',
    email: 'qiantang-jianshe@demo.example',
    own: [['my-needs', '/buyer/needs'], ['post-need', '/buyer/needs/new'], ['inbox', '/notifications']],
  },
  {
    role: 'provider',
    email: 'zj-huanke@demo.example',
    own: [['needs-for-me', '/provider/needs'], ['my-quotes', '/provider/quotes'], ['my-profile', '/provider/profile'], ['inbox', '/notifications']],
  },
  {
    role: 'supervisor',
    email: 'supervisor1@demo.example',
    own: [
      ['onboarding', '/supervision/onboarding'],
      ['objections', '/supervision/objections'],
      ['blacklist', '/supervision/blacklist'],
      ['inspection-draw', '/supervision/inspections'],
      ['catalogue-editing', '/supervision/catalogue'],
      ['overdue', '/supervision/overdue'],
    ],
  },
];

/// What a page shows that a person should not have to read: raw codes and ids in its text (the
/// options of its selects included), and on a phone, overflow and squeezed table cells.
async function problems(page, width) {
  const found = await page.evaluate(
    ({ rawCode, id, phone }) => {
      const text = document.querySelector('main').innerText + '\n' + document.querySelector('header').innerText;
      const options = [...document.querySelectorAll('main option')].map((o) => o.textContent).join('\n');
      const out = [];
      for (const [what, re] of [['code', new RegExp(rawCode)], ['id', new RegExp(id)]]) {
        const hit = (text + '\n' + options).match(re);
        if (hit) out.push(`${what} "${hit[0]}"`);
      }
      if (phone) {
        const overflow = document.documentElement.scrollWidth - window.innerWidth;
        if (overflow > 0) out.push(`${overflow}px wider than the screen`);
        for (const cell of document.querySelectorAll('main td, main th')) {
          const em = parseFloat(getComputedStyle(cell).fontSize);
          if (cell.offsetParent && cell.innerText.trim() && cell.clientWidth < 2 * em) {
            out.push(`a ${Math.round(cell.clientWidth)}px cell "${cell.innerText.trim().slice(0, 12)}"`);
            break;
          }
        }
      }
      return out;
    },
    { rawCode: RAW_CODE.source, id: ID.source, phone: width < 500 },
  );
  return found;
}

for (const { role, email, own } of ROLES) {
  test(`every page ${role === 'visitor' ? 'a visitor' : `the ${role}`} opens reads as words, at 1280 and 390 px`, async () => {
    const pages = [...(await publicPages()), ...own];
    const found = [];
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      if (email) await signIn(page, server.baseUrl, email);
      for (const [name, path] of pages) {
        await page.goto(`${server.baseUrl}${path}`);
        await page.locator('main h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        await page.locator('main .progress').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => {});
        await screenshot(page, `pages/${role}-${width}-${name}`);
        for (const problem of await problems(page, width)) found.push(`${width}px ${path}: ${problem}`);
      }
      assert.deepEqual(errors, []);
      await context.close();
    }
    assert.deepEqual(found, [], found.join('\n'));
  });
}
