'use strict';
// The sign-in round trip in Debian's Chromium, through a real proxy in front of authgate.
// Run by dev.authgate.browser.SignInInChromiumTest, which starts authgate, the proxy and the app
// and passes them in the environment. Each step prints one line; any failure exits non-zero.
const { chromium } = require('playwright-core');
const fs = require('fs');
const os = require('os');
const path = require('path');

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const BASE = env('FLOW_BASE_URL'); // the proxy, e.g. http://app.authgate.test:8123
const EMAIL = env('FLOW_EMAIL');
const PASSWORD = env('FLOW_PASSWORD');
const USER_ID = env('FLOW_USER_ID');
const TTL_MS = Number(env('FLOW_ACCESS_TTL_SECONDS')) * 1000;
const SCREENSHOT = process.env.FLOW_SCREENSHOT || '';
const PROTECTED = `${BASE}/reports/q3?tab=summary&year=2026`;

function check(condition, message) {
  if (!condition) throw new Error(message);
}

function step(name) {
  console.log(`ok - ${name}`);
}

async function signedInAs(page, what) {
  const text = await page.textContent('body');
  check(text.includes(`X-User-Id: ${USER_ID}`), `${what}: the app did not see X-User-Id ${USER_ID}; page: ${text}`);
}

async function onLoginPage(page, what) {
  const url = new URL(page.url());
  check(url.pathname === '/login', `${what}: expected the login page, at ${page.url()}`);
  check((await page.textContent('h1')).trim() === 'Sign in', `${what}: no "Sign in" heading`);
  return url;
}

// A page on another site with a form that posts to authgate, served by the browser itself.
async function crossSitePost(context, action, fields) {
  const evil = 'http://evil.example.net/';
  const page = await context.newPage();
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${k}" value="${v}">`)
    .join('');
  await page.route(evil, (route) =>
    route.fulfill({ contentType: 'text/html', body: `<form method="post" action="${action}">${inputs}<button>go</button></form>` }));
  await page.goto(evil);
  const [response] = await Promise.all([page.waitForNavigation(), page.click('button')]);
  const status = response ? response.status() : 0;
  await page.close();
  return status;
}

async function main() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'authgate-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1100, height: 760 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--host-resolver-rules=MAP *.authgate.test 127.0.0.1, MAP evil.example.net 127.0.0.1',
    ],
  });
  try {
    const page = context.pages()[0] || (await context.newPage());

    const first = await page.goto(PROTECTED);
    const login = await onLoginPage(page, 'a protected URL without a session');
    check(login.searchParams.get('rd') === '/reports/q3?tab=summary&year=2026',
      `rd should be the original path, was ${login.searchParams.get('rd')}`);
    const headers = first.headers();
    check(headers['cache-control'] === 'no-store', `login page Cache-Control: ${headers['cache-control']}`);
    check(headers['x-frame-options'] === 'DENY', `login page X-Frame-Options: ${headers['x-frame-options']}`);
    check(/script-src|default-src 'none'/.test(headers['content-security-policy'] || ''), 'login page CSP');
    check(!/unsafe-inline/.test(headers['content-security-policy']), 'CSP allows inline code');
    step('a protected URL leads to the login page with the original URL in rd');

    const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
    check(focused === 'email', `the email field should have the focus, ${focused} has it`);
    const labelled = await page.evaluate(() =>
      ['email', 'password'].every((id) => document.querySelector(`label[for=${id}]`)));
    check(labelled, 'every field has a label');
    if (SCREENSHOT) {
      await page.screenshot({ path: SCREENSHOT });
      step(`screenshot at ${SCREENSHOT}`);
    }

    await page.keyboard.type(EMAIL);
    await page.keyboard.press('Tab');
    await page.keyboard.type('not the password');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await onLoginPage(page, 'a wrong password');
    const alert = (await page.textContent('[role=alert]')).trim();
    check(alert === 'The email or password is not correct.', `the error says: ${alert}`);
    check((await page.inputValue('#email')) === EMAIL, 'the email is kept');
    check((await page.inputValue('#password')) === '', 'the password is not kept');
    step('a wrong password shows the form again with a generic message and the email kept');

    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    check(page.url() === PROTECTED, `after sign-in the browser should be back at ${PROTECTED}, is at ${page.url()}`);
    await signedInAs(page, 'after sign-in');
    step('signing in leads back to the original URL, where the app sees X-User-Id');

    const cookies = await context.cookies(BASE);
    const session = cookies.find((c) => c.name === 'authgate_session');
    check(session, `no session cookie among ${cookies.map((c) => c.name)}`);
    check(session.httpOnly && session.sameSite === 'Lax' && session.domain === '.authgate.test',
      `session cookie attributes: ${JSON.stringify(session)}`);
    step('the session cookie is HttpOnly, SameSite=Lax, on Domain .authgate.test');

    await page.reload();
    await signedInAs(page, 'after a reload');
    step('a reload stays signed in');

    await page.waitForTimeout(TTL_MS + 1500);
    await page.reload();
    await signedInAs(page, 'after the access token lifetime');
    step('still signed in after the access token lifetime has passed');

    const other = `${BASE.replace('app.', 'docs.')}/handbook`;
    await page.goto(other);
    await signedInAs(page, 'on another subdomain');
    step('the same sign-in covers another subdomain of the cookie domain');

    const logoutStatus = await crossSitePost(context, `${BASE}/logout`, { rd: '/' });
    await page.goto(PROTECTED);
    await signedInAs(page, 'after a cross-site post to /logout');
    const loginStatus = await crossSitePost(context, `${BASE}/login`, { email: EMAIL, password: PASSWORD, rd: 'http://evil.example.net/' });
    check(loginStatus === 403, `a cross-site post to /login should be refused with 403, got ${loginStatus}`);
    step(`cross-site form posts change nothing (logout answered ${logoutStatus}, login ${loginStatus})`);

    const stolen = (await context.cookies(BASE)).find((c) => c.name === 'authgate_session');
    await page.goto(`${BASE}/logout`);
    check((await page.textContent('[role=status]')).includes('signed out'), 'the signed-out page');
    check(!(await context.cookies(BASE)).some((c) => c.name === 'authgate_session'), 'the session cookie is gone');
    step('logout shows the signed-out page and clears the cookie');

    await page.goto(PROTECTED);
    await onLoginPage(page, 'the protected URL after logout');
    step('after logout the protected URL leads to the login page again');

    await context.addCookies([stolen]);
    await page.goto(PROTECTED);
    await onLoginPage(page, 'the signed-out session cookie put back');
    step('the cookie of the signed-out session, put back, is refused (revoked)');
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().then(
  () => console.log('flow passed'),
  (e) => {
    console.error(`not ok - ${e.message}`);
    process.exit(1);
  });
