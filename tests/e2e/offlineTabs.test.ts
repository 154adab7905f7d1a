import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type E2E, menu, signInDevice, startE2E } from './harness.ts';

describe('two tabs of one browser share the device’s store: they sync in turn', () => {
  let e2e: E2E;

  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => e2e?.close());

  it('never sends from two tabs at once when the network returns to both', async () => {
    const first = await signInDevice(e2e, 'inspector', { width: 412, height: 900 });
    await menu(first, 'Sync');
    await first.getByText(/Last synced/).waitFor();
    const second = await first.context().newPage();
    await second.goto(`${e2e.url}/sync`);
    // The second tab holds no key yet: the password opens the same store.
    await second.getByLabel('Password').fill(DEMO_PASSWORD);
    await second.getByRole('button', { name: 'Open' }).click();
    await second.getByText(/Last synced/).waitFor();

    // Each request of a sync (push, pull, or both at once) is held a moment on its way back: two
    // tabs syncing at once would overlap. (Reference data is read after, outside the turn: it
    // sends nothing, and its one record is written in one transaction.)
    let inFlight = 0;
    let most = 0;
    const senders = new Set<Page>();
    await first.context().route(/\/api\/v1\/sync(\/push|\/pull|\?|$)/, async (route) => {
      inFlight += 1;
      senders.add(route.request().frame().page());
      most = Math.max(most, inFlight);
      try {
        const response = await route.fetch();
        await new Promise((resolve) => setTimeout(resolve, 300));
        await route.fulfill({ response });
      } finally {
        inFlight -= 1;
      }
    });
    await first.context().setOffline(true);
    await first.getByText('Offline', { exact: true }).waitFor();
    await second.getByText('Offline', { exact: true }).waitFor();
    await first.context().setOffline(false);
    // Both tabs sync by themselves, the second once the first is done.
    await expect.poll(() => senders.size, { timeout: 15_000 }).toBe(2);
    await expect.poll(() => inFlight, { timeout: 15_000 }).toBe(0);
    expect(senders).toEqual(new Set([first, second]));
    expect(most).toBe(1);
  });
});
