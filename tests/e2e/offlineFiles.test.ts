import { createHash, randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_PNG } from '../helpers/routeCases.ts';
import {
  apiFrom,
  DEMO_PASSWORD,
  type E2E,
  menu,
  openCaseByApi,
  shot,
  signIn,
  signInDevice,
  startE2E,
} from './harness.ts';

async function sha256From(page: Page, path: string): Promise<string> {
  return page.evaluate(async (path) => {
    const bytes = await (await fetch(`/api/v1${path}`)).arrayBuffer();
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
  }, path);
}

describe('offline files and scope: a photo taken offline reaches the case once, after a drop', () => {
  let e2e: E2E;
  let device: Page;
  let other: Page;
  let kilnId: string;
  // A 600 KB PNG: three parts of 256 KiB on the wire.
  const photo = Buffer.concat([TINY_PNG, randomBytes(600_000)]);
  const photoSha = createHash('sha256').update(photo).digest('hex');

  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => e2e?.close());

  it('holds the agency’s cases on the device', async () => {
    other = await e2e.open();
    await other.goto(e2e.url);
    await signIn(other, 'labsupervisor');
    await other.getByRole('heading', { level: 1, name: /^Welcome, / }).waitFor();
    await openCaseByApi(other, 'Supervised', 'low');

    device = await signInDevice(e2e, 'inspector', { width: 360, height: 800 });
    kilnId = await openCaseByApi(device, 'Kiln', 'high');
    await menu(device, 'Sync');
    await device.getByRole('button', { name: 'Sync now' }).click();
    await device.getByText(/^2 cases, 0 changes waiting/).waitFor();
  });

  it('keeps a photo taken offline, encrypted, over a reload', async () => {
    await device.context().setOffline(true);
    await device.getByText('Offline', { exact: true }).waitFor();
    await menu(device, 'Cases');
    await device.getByRole('link', { name: 'Kiln' }).click();
    const files = device.getByRole('region', { name: 'Files taken on this device' });
    await files.getByLabel('File', { exact: true }).setInputFiles({
      name: 'kiln.png',
      mimeType: 'image/png',
      buffer: photo,
    });
    await files.getByRole('button', { name: 'Keep the file and send it' }).click();
    await files.getByText('The file is kept on this device').waitFor();
    await files.getByText('Waiting to be sent').waitFor();
    await shot(device, 'offline-files-360');
    // Nothing runs off the side of a 360 px phone, the offline header included.
    expect(
      await device.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      ),
    ).toBe(0);
    // Nothing of the photo is readable in IndexedDB without the key.
    const clear = await device.evaluate(async () => {
      const names = (await indexedDB.databases()).map((d) => d.name ?? '');
      const name = names.find((n) => n.startsWith('pathfinder')) ?? names[0] ?? '';
      return new Promise<boolean>((resolve) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => {
          const req = open.result.transaction('files').objectStore('files').getAll();
          req.onsuccess = () => resolve(JSON.stringify(req.result).includes('kiln.png'));
        };
      });
    });
    expect(clear).toBe(false);

    await device.reload();
    await device.getByRole('heading', { level: 1, name: 'Open offline data' }).waitFor();
    await device.getByLabel('Password').fill(DEMO_PASSWORD);
    await device.getByRole('button', { name: 'Open' }).click();
    await device.getByRole('heading', { level: 1, name: 'Kiln' }).waitFor();
    await device.getByText('kiln.png', { exact: true }).waitFor();
  });

  it('sends it when the network returns, resuming after a dropped part, and stores it once', async () => {
    // The second part is lost on the way once: the upload must resume, not restart or double.
    let parts = 0;
    await device.context().route('**/api/v1/uploads/*', async (route) => {
      if (route.request().method() === 'PATCH' && ++parts === 2) return route.abort('failed');
      return route.continue();
    });
    await device.context().setOffline(false);
    await device.getByText('Offline', { exact: true }).waitFor({ state: 'detached' });
    await menu(device, 'Sync');
    const syncNow = device.getByRole('button', { name: 'Sync now' });
    await device
      .getByText(/0 files waiting to be sent/)
      .waitFor({ timeout: 5_000 })
      .catch(async () => {
        // The drop stopped the first sync: the next one resumes (the button does not wait 15 s).
        await syncNow.click();
        await device.getByText(/0 files waiting to be sent/).waitFor();
      });
    expect(parts).toBeGreaterThanOrEqual(4);

    const list = await apiFrom<{ items: { id: string; fileName: string; sha256: string }[] }>(
      other,
      'GET',
      `/cases/${kilnId}/attachments`,
    );
    expect(list.items.map((f) => f.fileName)).toEqual(['kiln.png']);
    expect(list.items[0]?.sha256).toBe(photoSha);
    expect(await sha256From(other, `/cases/${kilnId}/attachments/${list.items[0]?.id}`)).toBe(
      photoSha,
    );
  });

  it('narrows what the device keeps to the cases assigned to me', async () => {
    const scope = device.getByRole('region', { name: 'What this device keeps' });
    await scope.getByRole('radio', { name: 'Only the cases assigned to me' }).check();
    await scope.getByRole('button', { name: 'Change what this device keeps' }).click();
    await device
      .getByRole('dialog', { name: 'Change what this device keeps?' })
      .getByRole('button', { name: 'Change what this device keeps' })
      .click();
    await device.getByText(/^1 case, 0 changes waiting/).waitFor();
    // Offline, the device has only that one.
    await device.context().setOffline(true);
    await device.getByText('Offline', { exact: true }).waitFor();
    await menu(device, 'Cases');
    await device.getByRole('heading', { level: 1, name: 'Cases on this device' }).waitFor();
    await device.getByRole('link', { name: 'Kiln' }).waitFor();
    expect(await device.getByRole('link', { name: 'Supervised' }).count()).toBe(0);
  });
});
