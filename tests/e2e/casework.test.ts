import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes } from '../../src/web/lib/formatBytes.ts';
import { a11yProblems, type E2E, openCaseByApi, shot, signIn, startE2E } from './harness.ts';

/** A 1×1 PNG: small, and really a PNG (the server checks the first bytes). */
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
/** Looks like a Windows program: the browser must refuse it before sending anything. */
const PROGRAM = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(256, 0x90)]);

describe('casework in the browser: my cases, tasks, files, assignment', () => {
  let e2e: E2E;
  let page: Page;
  let caseId = '';
  let caseUrl = '';
  /** Attachment uploads the browser sent (a refused file must not add one). */
  let uploads = 0;

  beforeAll(async () => {
    e2e = await startE2E();
    page = await e2e.open({ width: 1024, height: 900 });
    page.on('request', (request) => {
      if (request.method() === 'POST' && /\/attachments\b/.test(request.url())) uploads += 1;
    });
  });
  afterAll(async () => e2e?.close());

  it('lists a case the inspector opened under "My cases", not under "Unassigned"', async () => {
    await page.goto(e2e.url);
    await signIn(page, 'inspector');
    await page.getByRole('heading', { level: 1, name: /Demo Labour Inspector/ }).waitFor();
    caseId = await openCaseByApi(page, 'Asha Brickfield', 'high');
    caseUrl = `${e2e.url}/cases/${caseId}`;

    const nav = page.getByRole('navigation', { name: 'Main menu' });
    await nav.getByRole('link', { name: 'Cases' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    expect(await page.getByRole('radio', { name: 'My cases' }).isChecked()).toBe(true);
    const list = page.getByRole('list', { name: 'Cases' });
    const row = list.getByRole('listitem').filter({ hasText: 'Asha Brickfield' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Assigned to inspector');

    await page.getByRole('radio', { name: 'Unassigned' }).check();
    await page.waitForURL(/scope=none/);
    await page.getByText('Nothing found.').waitFor();
    expect(await row.count()).toBe(0);

    await page.getByRole('radio', { name: "All of my agency's" }).check();
    await page.waitForURL(/scope=all/);
    await row.waitFor();

    // The area filter offers the inspector's district (and the areas in it).
    await page.getByLabel('Area', { exact: true }).selectOption('NPL-D-BHAKTAPUR');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/area=NPL-D-BHAKTAPUR/);
    await row.waitFor();
    expect(await page.getByRole('radio', { name: "All of my agency's" }).isChecked()).toBe(true);
    expect(await a11yProblems(page)).toEqual([]);

    // The filters are in the URL: going back restores the previous list.
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('area='));
    // The form follows the URL after React's next effect: wait for it rather than race it.
    await expect.poll(() => page.getByLabel('Area', { exact: true }).inputValue()).toBe('');
    await shot(page, 'caseload-scope');

    // Search before create can be narrowed to an area too.
    await page.getByRole('link', { name: 'New case' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Asha');
    await page.getByLabel('Area', { exact: true }).selectOption('NPL-D-BHAKTAPUR');
    const [search] = await Promise.all([
      page.waitForRequest((r) => r.url().includes('/api/v1/persons?')),
      page.getByRole('button', { name: 'Search persons' }).click(),
    ]);
    expect(new URL(search.url()).searchParams.get('area')).toBe('NPL-D-BHAKTAPUR');
    await page
      .getByRole('list', { name: 'Persons found' })
      .or(page.getByText(/No registered person/))
      .waitFor();
  });

  it('shows the case’s task on the Tasks page, and marks overdue tasks in words', async () => {
    const nav = page.getByRole('navigation', { name: 'Main menu' });
    await nav.getByRole('link', { name: 'Tasks' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tasks' }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Only mine' }).isChecked()).toBe(true);
    const tasks = page.getByRole('list', { name: 'Open tasks' });
    const task = tasks.getByTestId('open-task').filter({ hasText: 'Asha Brickfield' });
    await task.waitFor();
    expect(await task.textContent()).toContain('First response');
    expect(await task.textContent()).not.toContain('Overdue');

    await page.getByRole('checkbox', { name: 'Only overdue' }).check();
    await page.waitForURL(/overdue=true/);
    await page.getByText('No open task.').waitFor();

    // The first response was due yesterday: now it is overdue.
    const yesterday = new Date(e2e.node.clock.now().getTime() - 86_400_000).toISOString();
    await e2e.node.deps.db
      .updateTable('task')
      .set({ due_at: yesterday })
      .where('case_id', '=', caseId)
      .execute();
    await page.reload();
    await task.waitFor();
    await task.getByText('Overdue', { exact: true }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Only overdue' }).isChecked()).toBe(true);
    expect(await a11yProblems(page)).toEqual([]);
    await shot(page, 'tasks-overdue');

    await task.getByRole('link', { name: 'Asha Brickfield' }).click();
    await page.getByRole('heading', { level: 1, name: 'Asha Brickfield' }).waitFor();
    expect(page.url()).toBe(caseUrl);
  });

  it('fits the Tasks page on a 360-pixel phone', async () => {
    const phone = await e2e.open({ width: 360, height: 780 });
    await phone.goto(e2e.url);
    await signIn(phone, 'inspector');
    await phone.getByRole('heading', { level: 1, name: /Demo Labour Inspector/ }).waitFor();
    await phone.goto(`${e2e.url}/tasks`);
    await phone.getByTestId('open-task').first().waitFor();
    const overflow = await phone.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(phone, 'tasks-phone-360');
  });

  it('attaches a photo, downloads it, refuses a program, and removes the file', async () => {
    const assignment = page.getByRole('region', { name: 'Assigned to' });
    expect(await assignment.getByTestId('assignee').textContent()).toBe(
      'Demo Labour Inspector (inspector) — you',
    );
    expect(await assignment.getByRole('button', { name: 'Take this case' }).count()).toBe(0);

    const files = page.getByRole('region', { name: 'Files' });
    await files.getByText('No file yet.').waitFor();
    const form = page.getByRole('form', { name: 'Attach a file' });
    const input = form.getByLabel('File', { exact: true });
    expect(await input.getAttribute('accept')).toContain('image/png');
    await form.getByText(/Allowed: .*PNG.*; at most 10 MB\./).waitFor();

    await input.setInputFiles({ name: 'kiln.png', mimeType: 'image/png', buffer: TINY_PNG });
    await form.getByRole('button', { name: 'Upload the file' }).click();
    await form.getByText('The file was attached.').waitFor();
    const list = page.getByRole('list', { name: 'Files on this case' });
    const item = list.getByTestId('attachment').filter({ hasText: 'kiln.png' });
    await item.waitFor();
    const text = (await item.textContent()) ?? '';
    expect(text).toContain(formatBytes(TINY_PNG.length, 'en'));
    expect(text).toContain('PNG');
    expect(text).toContain('by inspector');
    expect(uploads).toBe(1);
    await page.locator('.timeline').getByText('File attached').waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      item.getByRole('link', { name: 'Download kiln.png' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('kiln.png');
    expect(readFileSync(await download.path()).equals(TINY_PNG)).toBe(true);

    // A program is refused in the browser, with the allowed types named, and never sent.
    await input.setInputFiles({
      name: 'setup.exe',
      mimeType: 'application/x-msdownload',
      buffer: PROGRAM,
    });
    const refusal = form.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(
      /^This kind of file cannot be attached\. Allowed: .*PNG/,
    );
    await form.getByRole('button', { name: 'Upload the file' }).click();
    await refusal.waitFor();
    expect(uploads).toBe(1);
    expect(await a11yProblems(page)).toEqual([]);
    await shot(page, 'case-files');

    const remove = item.getByRole('button', { name: 'Remove kiln.png' });
    await remove.click();
    const dialog = page.getByRole('dialog', { name: 'Remove the file?' });
    await dialog.getByText('this cannot be undone').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await item.count()).toBe(1);
    await remove.click();
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await files.getByText('The file was removed.').waitFor();
    await files.getByText('No file yet.').waitFor();
    await page.locator('.timeline').getByText('File removed').waitFor();
  });

  it('lets a supervisor leave the case unassigned; a stale page gets a conflict', async () => {
    const supervisor = await e2e.open({ width: 1024, height: 900 });
    await supervisor.goto(e2e.url);
    await signIn(supervisor, 'labsupervisor');
    await supervisor.getByRole('heading', { level: 1, name: /Welcome/ }).waitFor();
    await supervisor.goto(caseUrl);
    await supervisor.getByRole('heading', { level: 1, name: 'Asha Brickfield' }).waitFor();
    const assignment = supervisor.getByRole('region', { name: 'Assigned to' });
    expect(await assignment.getByTestId('assignee').textContent()).toBe(
      'Demo Labour Inspector (inspector)',
    );
    const choose = assignment.getByLabel('Assign to');
    expect(await choose.locator('option').allTextContents()).toEqual([
      'Nobody (unassigned)',
      'Demo Labour Inspection Supervisor (labsupervisor)',
      'Demo Labour Inspector (inspector)',
    ]);
    await choose.selectOption({ label: 'Nobody (unassigned)' });
    await assignment.getByRole('button', { name: 'Save' }).click();
    await assignment.getByText('The assignment was saved.').waitFor();
    expect(await assignment.getByTestId('assignee').textContent()).toBe('Unassigned');
    await shot(supervisor, 'case-assignment-supervisor');
    await supervisor.locator('.timeline').getByText('Case assigned — left unassigned').waitFor();
    expect(await a11yProblems(supervisor)).toEqual([]);

    await supervisor.goto(`${e2e.url}/cases?scope=none`);
    const list = supervisor.getByRole('list', { name: 'Cases' });
    const row = list.getByRole('listitem').filter({ hasText: 'Asha Brickfield' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Unassigned');
    expect(await supervisor.getByRole('radio', { name: 'Unassigned' }).isChecked()).toBe(true);
    await shot(supervisor, 'caseload-unassigned');

    // The inspector takes it back; the supervisor's old page then meets a version conflict.
    await supervisor.goto(caseUrl);
    await assignment.getByTestId('assignee').getByText('Unassigned').waitFor();
    await page.reload();
    const mine = page.getByRole('region', { name: 'Assigned to' });
    await mine.getByRole('button', { name: 'Take this case' }).click();
    await mine.getByText('Demo Labour Inspector (inspector) — you').waitFor();

    await choose.selectOption({ label: 'Demo Labour Inspection Supervisor (labsupervisor)' });
    await assignment.getByRole('button', { name: 'Save' }).click();
    await assignment.getByText(/Someone else changed this record/).waitFor();
    await assignment.getByRole('button', { name: 'Reload' }).click();
    await expect
      .poll(() => assignment.getByTestId('assignee').textContent())
      .toBe('Demo Labour Inspector (inspector)');
    expect(await choose.inputValue()).not.toBe('');
  });
});
