import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch2026 } from './support/campaign.ts';
import { docxText } from './support/docx.ts';
import { startService, type RunningService } from './support/service.ts';

const executable = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => p !== undefined && p !== '' && existsSync(p),
);

describe.skipIf(executable === undefined)('the report documents screen (Chromium)', () => {
  let dir: string;
  let service: RunningService;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cam-documents-page-'));
    // A development machine: the page offers the development sign-in.
    service = await startService(dir, { NODE_ENV: 'development', JWT_SECRET: '' });
    const { token } = (await (
      await fetch(`${service.base}/dev/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'provincial_officer', province: '68' }),
      })
    ).json()) as { token: string };
    const post = (path: string, body: object) =>
      fetch(`${service.base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post('/provinces/68/campaigns', launch2026)).status).toBe(201);
    const meeting = await post('/provinces/68/campaigns/2026/outreach-meetings', {
      meetingId: randomUUID(),
      date: '2026-04-11',
      place: { communeCode: '24781' },
      format: 'conference',
      topics: ['cooperative-law-2023'],
      attendees: 1234,
      organisedBy: 'Liên minh HTX tỉnh',
    });
    expect(meeting.status).toBe(201);
    browser = await chromium.launch({
      executablePath: executable,
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
    });
    page = await browser.newPage({
      acceptDownloads: true,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      viewport: { width: 360, height: 780 },
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    service?.child.kill('SIGTERM');
    await service?.exited;
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the year-end narrative, previews the document with it and the figures, and downloads it as Word, on a 360 px screen', async () => {
    await page.goto(service.base);
    await page.locator('#dev-sign-in').waitFor();
    await page.selectOption('#dev-role', 'provincial_officer');
    await page.selectOption('#dev-province', '68');
    await page.click('#dev-sign-in');
    await page.locator('#nav-documents').waitFor();
    await page.goto(`${service.base}/#/van-ban/68/2026?loai=year-end&ngay=2026-12-20`);
    const preview = page.locator('#doc-preview article');
    await expect.poll(() => preview.innerText(), { timeout: 20_000 }).toContain('BÁO CÁO');
    expect(await preview.innerText()).toContain('LIÊN MINH HTX TỈNH LÂM ĐỒNG');
    expect(await preview.innerText()).toContain('1.234');

    await page.fill('#doc-results', 'Hội nghị tuyên truyền Luật Hợp tác xã thu hút đông đảo thành viên.');
    await page.fill('#doc-shortcomings', 'Một số phường chưa gửi số liệu đúng hạn.');
    await page.fill('#doc-number', '77/BC-LMHTX');
    await page.click('#doc-save');
    await expect.poll(() => page.locator('#doc-status').innerText()).toContain('Đã lưu');
    await expect
      .poll(() => preview.innerText(), { timeout: 20_000 })
      .toContain('Hội nghị tuyên truyền Luật Hợp tác xã thu hút đông đảo thành viên.');
    expect(await preview.innerText()).toContain('II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN');
    expect(await preview.innerText()).toContain('Số: 77/BC-LMHTX');
    // The screen fits a phone: nothing wider than the window but the document's own scrolling tables.
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
            .scrollWidth,
      ),
    ).toBeLessThanOrEqual(360);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#doc-docx')]);
    expect(download.suggestedFilename()).toBe('bao-cao-nam-68-2026.docx');
    const file = join(dir, 'bao-cao.docx');
    await download.saveAs(file);
    const { text } = await docxText(readFileSync(file));
    expect(text).toContain('Hội nghị tuyên truyền Luật Hợp tác xã thu hút đông đảo thành viên.');
    expect(text).toContain('Số: 77/BC-LMHTX');
    expect(text.split('\n')).toContain('1.234');

    // The narrative is kept: coming back shows it in the form.
    await page.reload();
    await expect
      .poll(() => page.locator('#doc-shortcomings').inputValue())
      .toBe('Một số phường chưa gửi số liệu đúng hạn.');
  }, 90_000);
});
