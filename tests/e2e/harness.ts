import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { createTestNode, DEMO_PASSWORD, type TestNode } from '../helpers/testNode.ts';

export { DEMO_PASSWORD };

/** The built web app; the test command runs `npx vite build` first. */
export const WEB_DIR = resolve(import.meta.dirname, '../../dist/web');
export const SHOTS_DIR = '/tmp/pf-shots';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface E2E {
  node: TestNode;
  /** Base URL of the listening server, without a trailing slash. */
  url: string;
  browser: Browser;
  /** A fresh browser context (own cookies, own service worker) and a page in it. */
  open(options?: { width?: number; height?: number; locale?: string }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * A real node (SQLite, demo pack) serving dist/web on a random port, and Chromium.
 * `env` adds configuration, e.g. `{ PATHFINDER_SMTP_URL: smtp.url }` for a local mail server.
 */
export async function startE2E(options: { env?: Record<string, string> } = {}): Promise<E2E> {
  if (!existsSync(resolve(WEB_DIR, 'index.html'))) {
    throw new Error(`No web build in ${WEB_DIR}: run "npx vite build" first.`);
  }
  mkdirSync(SHOTS_DIR, { recursive: true });
  const node = await createTestNode('sqlite', { ...options.env, PATHFINDER_WEB_DIR: WEB_DIR });
  const address = await node.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: process.env.PATHFINDER_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const contexts: BrowserContext[] = [];
  return {
    node,
    url: address.replace(/\/$/, ''),
    browser,
    async open(options = {}) {
      const context = await browser.newContext({
        viewport: { width: options.width ?? 1024, height: options.height ?? 768 },
        locale: options.locale ?? 'en-US',
      });
      contexts.push(context);
      context.setDefaultTimeout(15_000);
      return context.newPage();
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await node.dispose();
    },
  };
}

/** Fills the sign-in form and submits it (by clicking the button). */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('form button[type="submit"]').click();
}

/** Saves a full-page screenshot to /tmp/pf-shots/<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: resolve(SHOTS_DIR, `${name}.png`), fullPage: true });
}

/** The page's main heading text, once one is shown. */
export async function heading(page: Page): Promise<string> {
  return (await page.locator('h1').first().textContent())?.trim() ?? '';
}

/**
 * Basic accessibility checks in the page: every form control has an accessible
 * label, every button and link a name, images an alt. Returns the offenders.
 */
export async function a11yProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : ''}`;
    const labelled = (el: Element) => {
      const aria = el.getAttribute('aria-label')?.trim();
      const by = el.getAttribute('aria-labelledby');
      const byText = by
        ?.split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
        .join('');
      const labels = (el as HTMLInputElement).labels;
      const labelText = labels ? [...labels].map((l) => l.textContent?.trim() ?? '').join('') : '';
      return Boolean(aria || byText || labelText || el.getAttribute('title'));
    };
    for (const el of document.querySelectorAll('input, select, textarea')) {
      if ((el as HTMLInputElement).type === 'hidden') continue;
      if (!labelled(el)) problems.push(`unlabelled ${describe(el)}`);
    }
    for (const el of document.querySelectorAll('button, a[href]')) {
      const name = el.getAttribute('aria-label')?.trim() || el.textContent?.trim();
      if (!name) problems.push(`nameless ${describe(el)}`);
    }
    for (const img of document.querySelectorAll('img')) {
      if (!img.hasAttribute('alt')) problems.push(`img without alt ${img.src}`);
    }
    if (!document.documentElement.lang) problems.push('html without lang');
    if (document.querySelectorAll('h1').length !== 1) problems.push('not exactly one h1');
    return problems;
  });
}

/** Opens a case through the API from inside the signed-in page (for list tests). */
export async function openCaseByApi(
  page: Page,
  givenName: string,
  riskLevel: string,
): Promise<string> {
  return page.evaluate(
    async ({ givenName, riskLevel }) => {
      const session = await (await fetch('/api/v1/auth/session')).json();
      const response = await fetch('/api/v1/cases', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({
          person: { givenName, sex: 'male', estimatedAge: 11 },
          topics: ['child_labour'],
          riskLevel,
          areaCode: 'NPL-D-BHAKTAPUR',
        }),
      });
      return (await response.json()).id as string;
    },
    { givenName, riskLevel },
  );
}

/** How far the page is wider than the window (≤ 0: no sideways scrolling on a phone). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

/** Opens a page from the main menu (collapsed on a phone), without reloading the app. */
export async function menu(page: Page, name: string): Promise<void> {
  await page.locator('.menu-button').click();
  await page
    .getByRole('navigation', { name: 'Main menu' })
    .getByRole('link', { name, exact: true })
    .click();
}

/** Calls the API from a signed-in page (its cookie, its CSRF token). */
export async function apiFrom<T>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = (await (await fetch('/api/v1/auth/session')).json()) as {
        csrfToken: string;
      };
      const res = await fetch(`/api/v1${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    { method, path, body },
  ) as Promise<T>;
}

/**
 * A phone that has installed the app (its service worker controls the page) and signed in:
 * what a worker has before going where there is no network.
 */
export async function signInDevice(
  e2e: E2E,
  username: string,
  viewport: { width: number; height: number },
): Promise<Page> {
  const device = await e2e.open(viewport);
  await device.goto(e2e.url);
  await device.locator('#username').waitFor();
  await device.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  await device.reload();
  await device.locator('#username').waitFor();
  await signIn(device, username);
  await device.getByRole('heading', { level: 1, name: /^Welcome, / }).waitFor();
  return device;
}

/**
 * Chooses the interface language from a select (the header's switch by default) and waits
 * until the choice is saved with the user (PATCH /me), so a page opened next speaks it. Call
 * it once the page shows the user signed in (before that there is no user to save it for).
 */
export async function chooseLanguage(
  page: Page,
  language: string,
  select = page.locator('.language-switch select'),
): Promise<void> {
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH'),
    select.selectOption(language),
  ]);
}
