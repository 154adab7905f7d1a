import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, shot, signIn, startE2E } from './harness.ts';

interface Manifest {
  name: string;
  icons: { src: string; sizes: string; type: string }[];
  start_url: string;
  display: string;
}

describe('installable app that opens offline', () => {
  let e2e: E2E;

  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => e2e?.close());

  it('has a manifest with name and icons that exist', async () => {
    const res = await fetch(`${e2e.url}/manifest.webmanifest`);
    expect(res.status).toBe(200);
    const manifest = (await res.json()) as Manifest;
    expect(manifest.name).toBe('Pathfinder');
    expect(manifest.display).toBe('standalone');
    expect(manifest.icons.map((i) => i.sizes)).toEqual(
      expect.arrayContaining(['192x192', '512x512']),
    );
    for (const icon of manifest.icons) {
      const file = await fetch(`${e2e.url}${icon.src}`);
      expect(file.status, icon.src).toBe(200);
      expect(file.headers.get('content-type')).toContain(icon.type);
    }
  });

  it('registers the service worker and reloads the shell with no network', async () => {
    const page = await e2e.open({ width: 360, height: 640 });
    const csp: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
    });
    await page.goto(e2e.url);
    await page.locator('#username').waitFor();
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${e2e.url}/`);
    // The worker takes control (autoUpdate claims clients); reload to be sure.
    await page.reload();
    await page.locator('#username').waitFor();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await signIn(page, 'inspector');
    await page.getByRole('heading', { level: 1, name: /^Welcome, / }).waitFor();

    await page.context().setOffline(true);
    await page.reload();
    // This browser now keeps the inspector's encrypted offline data: the password opens it.
    await page.getByRole('heading', { level: 1, name: 'Open offline data' }).waitFor();
    expect(await page.locator('.brand').textContent()).toBe('Pathfinder');
    expect(await page.getByText('Offline', { exact: true }).isVisible()).toBe(true);
    await shot(page, 'offline-360');

    // Back online: the app notices by itself and finds the session still open.
    await page.context().setOffline(false);
    await page.getByRole('heading', { level: 1, name: /^Welcome, / }).waitFor();
    expect(csp).toEqual([]);
  });
});
