// The shell with a keyboard and on a small screen: the skip link, the navigation reachable and
// visibly focused, the language remembered, signing in and out as each role, the sign-in
// form's errors where they belong, and every page in the navigation at 360 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launchBrowser, screenshot } from './browser.mjs';

const PASSWORD = 'zhongjie-demo-2026';
const PUBLIC_NAV = ['/', '/results', '/providers', '/catalogue', '/statistics', '/inspections'];
const NAV_ZH = ['需求大厅', '结果公示', '中介机构', '事项清单', '统计', '双随机抽查'];
const NAV_EN = ['Open needs', 'Results', 'Providers', 'Catalogue', 'Statistics', 'Inspections'];

// Each role's own links (after the public ones), as the shell promises them.
const ROLES = [
  { email: 'qiantang-jianshe@demo.example', start: '/buyer/needs', own: ['我的需求', '发布需求'] },
  { email: 'hz-sthjj@demo.example', start: '/buyer/needs', own: ['我的需求', '发布需求'] },
  {
    email: 'zj-huanke@demo.example',
    start: '/provider/needs',
    own: ['可报名需求', '我的报价与合同', '机构信息', '我的信用'],
  },
  {
    email: 'supervisor1@demo.example',
    start: '/supervision/onboarding',
    own: ['入驻审核', '异议处理', '黑名单', '抽查摇号', '清单维护', '逾期合同'],
  },
];

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

async function open(width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

// What has the keyboard focus: its tag, id, class, href and text.
const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      className: el.className,
      href: el.getAttribute('href'),
      text: el.innerText?.trim(),
      focusVisible: el.matches(':focus-visible'),
      outlineWidth: parseFloat(style.outlineWidth),
      outlineStyle: style.outlineStyle,
    };
  });

const navTexts = (page, nav) => page.locator(`nav.${nav} a, nav.${nav} li.who, nav.${nav} button`).allInnerTexts();

async function signIn(page, email, password = PASSWORD) {
  await page.goto(`${server.baseUrl}/sign-in`);
  await page.getByTestId('sign-in-form').waitFor();
  await page.locator('#sign-in-email').fill(email);
  await page.locator('#sign-in-password').fill(password);
  await page.locator('#sign-in-password').press('Enter');
}

test('from the top, Tab reaches the skip link first, which moves focus to the main content', async () => {
  const { context, page, errors } = await open();
  await page.goto(`${server.baseUrl}/catalogue`);
  await page.getByTestId('catalogue').waitFor();

  await page.keyboard.press('Tab');
  const skip = await focused(page);
  assert.equal(skip.className, 'skip-link');
  assert.equal(skip.text, '跳到正文');
  assert.equal(skip.href, '#main');
  assert.ok(skip.outlineWidth > 0 && skip.outlineStyle !== 'none', 'the skip link shows its focus');
  await screenshot(page, 'shell-skip-link');

  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'main');
  assert.equal((await focused(page)).tag, 'main');
  assert.deepEqual(errors, []);
  await context.close();
});

test('every navigation link is reached by Tab and shows a visible focus outline', async () => {
  const { context, page, errors } = await open();
  await page.goto(`${server.baseUrl}/catalogue`);
  await page.getByTestId('catalogue').waitFor();

  // Tab through the header, noting each link as it takes the focus.
  const reached = [];
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (now.tag === 'a' && now.href?.startsWith('/')) {
      reached.push(now.href);
      assert.ok(now.focusVisible, `${now.href} matches :focus-visible`);
      assert.ok(now.outlineWidth > 0 && now.outlineStyle !== 'none', `${now.href} shows its focus: ${JSON.stringify(now)}`);
    }
    if (now.href === '/sign-in') await screenshot(page, 'shell-nav-focus');
  }
  for (const href of [...PUBLIC_NAV, '/sign-in', '/register']) {
    assert.ok(reached.includes(href), `Tab reaches ${href} (reached ${reached.join(' ')})`);
  }
  // The language switch is a button in the same order, before the navigation.
  await page.getByTestId('lang-switch').focus();
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).href, '/');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the navigation switches to English and stays English after a reload', async () => {
  const { context, page, errors } = await open();
  await page.goto(`${server.baseUrl}/statistics`);
  await page.locator('nav.site-nav a').first().waitFor();
  assert.deepEqual(await navTexts(page, 'site-nav'), NAV_ZH);
  assert.deepEqual(await navTexts(page, 'account-nav'), ['登录', '注册']);

  await page.getByTestId('lang-switch').focus();
  await page.keyboard.press('Enter');
  await page.locator('nav.site-nav a', { hasText: 'Open needs' }).waitFor();
  assert.deepEqual(await navTexts(page, 'site-nav'), NAV_EN);
  assert.deepEqual(await navTexts(page, 'account-nav'), ['Sign in', 'Register']);
  assert.equal(await page.locator('.skip-link').innerText(), 'Skip to content');
  assert.equal(await page.locator('nav.site-nav').getAttribute('aria-label'), 'Main navigation');

  await page.reload();
  await page.locator('nav.site-nav a', { hasText: 'Open needs' }).waitFor();
  assert.deepEqual(await navTexts(page, 'site-nav'), NAV_EN);
  assert.deepEqual(await navTexts(page, 'account-nav'), ['Sign in', 'Register']);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await screenshot(page, 'shell-nav-en');

  await page.getByTestId('lang-switch').click();
  await page.locator('nav.site-nav a', { hasText: '需求大厅' }).waitFor();
  assert.deepEqual(await navTexts(page, 'site-nav'), NAV_ZH);
  assert.deepEqual(errors, []);
  await context.close();
});

test('each role signs in through /sign-in, sees its own navigation, and signs out to the public one', async () => {
  for (const role of ROLES) {
    const { context, page, errors } = await open();
    await signIn(page, role.email);
    await page.waitForURL(`${server.baseUrl}${role.start}`);
    const who = `已登录：${role.email}`;
    await page.locator('nav.account-nav li.who', { hasText: who }).waitFor();
    assert.deepEqual(await navTexts(page, 'account-nav'), [...role.own, '消息', who, '退出']);
    assert.deepEqual(await navTexts(page, 'site-nav'), NAV_ZH);
    await screenshot(page, `shell-signed-in-${role.email.split('@')[0]}`);

    // Signing out with the keyboard.
    await page.getByTestId('sign-out').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.baseUrl}/`);
    await page.locator('nav.account-nav a', { hasText: '登录' }).waitFor();
    assert.deepEqual(await navTexts(page, 'account-nav'), ['登录', '注册']);
    // And it stays signed out after a reload.
    await page.reload();
    await page.locator('nav.account-nav a', { hasText: '登录' }).waitFor();
    assert.equal(await page.locator('nav.account-nav li.who').count(), 0);
    assert.deepEqual(errors, [], role.email);
    await context.close();
  }
});

test('the sign-in form marks an empty email at the field and shows the server refusing a wrong password', async () => {
  const { context, page, errors } = await open();
  await page.goto(`${server.baseUrl}/sign-in`);
  await page.getByTestId('sign-in-form').waitFor();
  const email = page.locator('#sign-in-email');
  assert.equal(await email.getAttribute('aria-invalid'), 'false');

  await page.locator('#sign-in-password').fill(PASSWORD);
  await page.locator('#sign-in-password').press('Enter');
  await page.locator('#sign-in-email-errors').waitFor();
  assert.equal(await email.getAttribute('aria-invalid'), 'true');
  assert.equal(await email.getAttribute('aria-describedby'), 'sign-in-email-errors');
  const list = page.locator('#sign-in-email-errors');
  assert.equal(await list.evaluate((el) => el.tagName), 'UL');
  // Next to the field: in the same .field block, after the input.
  assert.equal(
    await list.evaluate((el) => el.closest('.field')?.querySelector('input')?.id),
    'sign-in-email',
  );
  assert.equal(await list.innerText(), '电子邮箱不能为空');
  assert.equal(await page.locator('#sign-in-password').getAttribute('aria-invalid'), 'false');
  await screenshot(page, 'shell-sign-in-empty-email');

  // Typing the email clears its error.
  await email.fill('qiantang-jianshe@demo.example');
  await page.locator('#sign-in-email-errors').waitFor({ state: 'detached' });
  assert.equal(await email.getAttribute('aria-invalid'), 'false');

  // A wrong password: the server's own message (its answer to any refused sign-in, which does
  // not say which of the two was wrong).
  await page.locator('#sign-in-password').fill('not-the-password');
  await page.locator('#sign-in-password').press('Enter');
  const alert = page.locator('[data-testid="sign-in-form"] .error[role="alert"]');
  await alert.waitFor();
  assert.equal(await alert.innerText(), '未完成：邮箱或密码不正确');
  // The server's words follow a switch of language without asking again.
  await page.getByTestId('lang-switch').click();
  await alert.getByText('Not done: The email or the password is not right').waitFor();
  await page.getByTestId('lang-switch').click();
  await alert.getByText('未完成：邮箱或密码不正确').waitFor();
  assert.equal(page.url(), `${server.baseUrl}/sign-in`);
  assert.equal(await page.locator('nav.account-nav li.who').count(), 0);
  await screenshot(page, 'shell-sign-in-wrong-password');
  assert.deepEqual(errors, []);
  await context.close();
});

// No wider than the screen: nothing scrolls sideways except inside its own scroll box.
async function assertFits(page, path, name) {
  await page.goto(`${server.baseUrl}${path}`);
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${path} is ${overflow}px wider than a 360px screen`);
  await screenshot(page, name);
}

test('every page in the navigation fits a 360 px screen, signed out and as each role', async () => {
  const { context, page, errors } = await open(360);
  for (const path of [...PUBLIC_NAV, '/sign-in', '/register']) {
    await assertFits(page, path, `shell-360${path.replaceAll('/', '-') || '-home'}`);
  }
  await context.close();
  for (const role of ROLES) {
    const { context, page, errors: roleErrors } = await open(360);
    await signIn(page, role.email);
    await page.waitForURL(`${server.baseUrl}${role.start}`);
    const own = await page.locator('nav.account-nav a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    assert.equal(own.length, role.own.length + 1, `${role.email}: ${own.join(' ')}`);
    for (const path of own) {
      await assertFits(page, path, `shell-360-${role.email.split('@')[0]}${path.replaceAll('/', '-')}`);
    }
    assert.deepEqual(roleErrors, [], role.email);
    await context.close();
  }
  assert.deepEqual(errors, []);
});
