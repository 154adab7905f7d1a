import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  a11yProblems,
  DEMO_PASSWORD,
  type E2E,
  heading,
  shot,
  signIn,
  startE2E,
} from './harness.ts';

describe('sign-in, language, keyboard and small screens', () => {
  let e2e: E2E;
  let page: Page;

  beforeAll(async () => {
    e2e = await startE2E();
    page = await e2e.open();
  });
  afterAll(async () => e2e?.close());

  it('signs the administrator in, in English', async () => {
    await page.goto(e2e.url);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await a11yProblems(page)).toEqual([]);
    await shot(page, 'signin-en');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('Fill in the required fields.');

    await signIn(page, 'admin');
    await page.getByRole('heading', { name: 'Welcome, Demo Administrator' }).waitFor();
    expect(await page.title()).toContain('Pathfinder');
    const nav = page.getByRole('navigation', { name: 'Main menu' });
    for (const name of ['Users', 'Agencies', 'Roles', 'Areas', 'Audit log']) {
      await expect(nav.getByRole('link', { name, exact: true }).isVisible()).resolves.toBe(true);
    }
    expect(await a11yProblems(page)).toEqual([]);
    await shot(page, 'home-en');
  });

  it('switches to French: the interface and the server errors are French', async () => {
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'Bienvenue, Demo Administrator' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await page
      .getByRole('navigation', { name: 'Menu principal' })
      .getByRole('link', { name: 'Utilisateurs' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Utilisateurs' }).waitFor();
    await shot(page, 'users-fr');

    await page.getByRole('button', { name: 'Menu du compte de Demo Administrator' }).click();
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();

    await signIn(page, 'admin', 'not-the-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(
      "Le nom d'utilisateur ou le mot de passe est incorrect.",
    );
    await shot(page, 'signin-error-fr');
  });

  it("uses the user's saved language after sign-in, whatever the sign-in page showed", async () => {
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await signIn(page, 'admin');
    await page.getByRole('heading', { name: 'Bienvenue, Demo Administrator' }).waitFor();
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('heading', { name: 'Welcome, Demo Administrator' }).waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    expect(me.language).toBe('en');
  });

  it('signs in with the keyboard alone', async () => {
    const kb = await e2e.open();
    await kb.goto(e2e.url);
    await kb.locator('#username').waitFor();
    await kb.keyboard.press('Tab');
    expect(await kb.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    for (let i = 0; i < 10; i++) {
      if ((await kb.evaluate(() => document.activeElement?.id)) === 'username') break;
      await kb.keyboard.press('Tab');
    }
    expect(await kb.evaluate(() => document.activeElement?.id)).toBe('username');
    await kb.keyboard.type('inspector');
    await kb.keyboard.press('Tab');
    expect(await kb.evaluate(() => document.activeElement?.id)).toBe('password');
    await kb.keyboard.type(DEMO_PASSWORD);
    await kb.keyboard.press('Enter');
    await kb.getByRole('heading', { level: 1, name: /^Welcome, / }).waitFor();
    // A case worker sees no administration entries.
    const links = await kb
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('link')
      .allTextContents();
    expect(links).toEqual([
      'Home',
      'Cases',
      'Tasks',
      'Referrals',
      'Sync',
      'Dashboard',
      'Service directory',
      'Agencies',
      'Areas',
      'Your account',
    ]);
    await shot(kb, 'home-inspector');
  });

  it('shows a working menu on a 360×640 phone screen', async () => {
    const phone = await e2e.open({ width: 360, height: 640 });
    await phone.goto(e2e.url);
    await phone.locator('#username').waitFor();
    await shot(phone, 'signin-360');
    await signIn(phone, 'admin');
    await phone.getByRole('heading', { name: 'Welcome, Demo Administrator' }).waitFor();
    const nav = phone.getByRole('navigation', { name: 'Main menu' });
    expect(await nav.isVisible()).toBe(false);
    const menu = phone.getByRole('button', { name: 'Menu', exact: true });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await nav.getByRole('link', { name: 'Audit log' }).waitFor();
    await shot(phone, 'menu-360');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await nav.getByRole('link', { name: 'Areas' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Areas' }).waitFor();
    expect(await nav.isVisible()).toBe(false);
    // Focus moved to the new page's heading for screen readers.
    expect(await phone.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await heading(phone)).toBe('Areas');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
  });

  it('gives a supervisor a read-only staff list, here in Spanish on a phone', async () => {
    const sup = await e2e.open({ width: 360, height: 640 });
    await sup.goto(e2e.url);
    await signIn(sup, 'supervisor');
    await sup.getByRole('heading', { level: 1, name: /^Welcome, / }).waitFor();
    await sup.getByLabel('Language').selectOption('es');
    await sup.getByRole('heading', { level: 1, name: /^Bienvenido\/a, / }).waitFor();
    await sup.getByRole('button', { name: 'Menú', exact: true }).click();
    const links = await sup
      .getByRole('navigation', { name: 'Menú principal' })
      .getByRole('link')
      .allTextContents();
    expect(links).toEqual([
      'Inicio',
      'Casos',
      'Tareas',
      'Derivaciones',
      'Sincronización',
      'Panel',
      'Alertas',
      'Mapa',
      'Dónde mirar primero',
      'Directorio de servicios',
      'Posibles duplicados',
      'Usuarios',
      'Instituciones',
      'Zonas',
      'Su cuenta',
    ]);
    await sup
      .getByRole('navigation', { name: 'Menú principal' })
      .getByRole('link', { name: 'Usuarios' })
      .click();
    await sup.getByRole('heading', { level: 1, name: 'Usuarios' }).waitFor();
    expect(await sup.getByRole('link', { name: 'Usuario nuevo' }).count()).toBe(0);
    await sup.getByRole('list', { name: 'Usuarios' }).getByRole('link').first().click();
    await sup.getByText('Nombre de usuario').waitFor();
    expect(await sup.getByRole('button', { name: 'Guardar' }).count()).toBe(0);
    expect(await sup.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(sup, 'user-es-supervisor-360');
    // Pages the role does not open are "not found", not an error screen.
    await sup.goto(`${e2e.url}/admin/audit`);
    await sup.getByRole('heading', { level: 1, name: 'Página no encontrada' }).waitFor();
  });
});
