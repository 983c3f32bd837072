import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from './support/service.ts';

const root = join(import.meta.dirname, '..');

describe('the page build', () => {
  it('is current: building web/ again gives the committed web/dist byte for byte (run npm run build:web when this fails)', () => {
    const out = mkdtempSync(join(tmpdir(), 'cam-web-'));
    try {
      const r = spawnSync(
        process.execPath,
        [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts'],
        { cwd: root, env: { ...process.env, WEB_OUT_DIR: out }, encoding: 'utf8' },
      );
      expect(r.status, r.stderr).toBe(0);
      const files = (dir: string): string[] =>
        readdirSync(dir, { recursive: true, withFileTypes: true })
          .filter((f) => f.isFile())
          .map((f) => join(f.parentPath, f.name).slice(dir.length + 1))
          .sort();
      const committed = join(root, 'web', 'dist');
      expect(files(out)).toEqual(files(committed));
      for (const f of files(out))
        expect(readFileSync(join(out, f)).equals(readFileSync(join(committed, f))), f).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});

/** Debian's Chromium (apt-get install chromium), or CHROMIUM_PATH. */
const executable = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => p !== undefined && p !== '' && existsSync(p),
);
if (executable === undefined)
  console.log('browser test skipped: no Chromium here (apt-get install chromium, or set CHROMIUM_PATH)');
else console.log(`browser test runs in ${executable}`);

describe.skipIf(executable === undefined)(
  'the officials’ page in a real browser (Chromium via playwright-core)',
  () => {
    let dir: string;
    let service: RunningService;
    let browser: Browser;
    let page: Page;
    /** Screenshots go to SCREENSHOT_DIR (docs/images when refreshing the docs), else a temp folder. */
    const shots = process.env.SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), 'cam-shots-'));

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'cam-page-'));
      // npm run demo, exactly as a newcomer runs it, into this data folder.
      const demo = spawnSync(process.execPath, ['dist/src/cli/demo.js'], {
        cwd: root,
        env: { ...process.env, DATA_DIR: dir, NODE_ENV: 'development' },
        encoding: 'utf8',
      });
      expect(demo.status, demo.stderr).toBe(0);
      expect(demo.stdout).toMatch(/demo: [\d,]+ records written/);
      // It says which records come from the seed documents and which are invented.
      expect(demo.stdout).toMatch(/from the seed documents: .* INVENTED in their shape/);
      // A development machine: no configured key, so the page offers the development sign-in.
      service = await startService(dir, { NODE_ENV: 'development', JWT_SECRET: '' });
      browser = await chromium.launch({
        executablePath: executable,
        headless: true,
        args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
      });
      page = await browser.newPage({
        // The service worker (tested in web-offline.test.ts) would answer what this test cuts off with page.route.
        serviceWorkers: 'block',
        acceptDownloads: true,
        viewport: { width: 1360, height: 1000 },
        locale: 'vi-VN',
        timezoneId: 'Asia/Ho_Chi_Minh',
      });
      mkdirSync(shots, { recursive: true });
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      service?.child.kill('SIGTERM');
      await service?.exited;
      rmSync(dir, { recursive: true, force: true });
    });

    /** The API's answer, called with the page's own token. */
    const api = <T>(path: string): Promise<T> =>
      page.evaluate(
        async (p) =>
          (
            await fetch(p, {
              headers: {
                authorization: `Bearer ${(globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('cam.dev-token')}`,
              },
            })
          ).json(),
        path,
      ) as Promise<T>;
    const figure = (key: string) => page.locator(`[data-figure="${key}"] .figure-value`);
    /** axe-core's findings on the page as it is now, the serious and critical ones: rule, impact and where. */
    const seriousAccessibilityProblems = async (): Promise<string[]> => {
      await page.addScriptTag({ content: readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8') });
      type Finding = { id: string; impact: string | null; nodes: { target: unknown[] }[] };
      const found = await page.evaluate(
        async () =>
          (await (globalThis as unknown as { axe: { run(): Promise<{ violations: Finding[] }> } }).axe.run())
            .violations,
      );
      return found
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
    };
    const vi = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
    /** Types part of a commune's name in a form's picker and picks the option named `name`. */
    const pickCommune = async (form: Locator, typed: string, name: string): Promise<void> => {
      const combo = form.locator('[data-field="place.communeCode"] input[role="combobox"]');
      await combo.fill('');
      await combo.pressSequentially(typed);
      await form.locator('[role="option"]', { hasText: name }).first().click();
      expect(await combo.inputValue()).toBe(name);
      expect(await combo.getAttribute('aria-expanded')).toBe('false');
    };

    it('signs in, shows a province’s dashboard with the API’s figures, travels to a business date, downloads the XLSX', async () => {
      await page.goto(service.base);
      expect(await page.getAttribute('html', 'lang')).toBe('vi');
      await page.locator('#dev-sign-in').waitFor();
      await page.selectOption('#dev-role', 'provincial_officer');
      await page.selectOption('#dev-province', '68');
      await page.click('#dev-sign-in');
      await page.waitForURL(/#\/tinh\/68\/\d{4}/);

      // Lâm Đồng 2026 as the API computes it, shown the Vietnamese way.
      await page.selectOption('#year', '2026');
      await page.waitForURL(/#\/tinh\/68\/2026/);
      await figure('meetings').waitFor();
      type D = { totals: Record<string, { total: number; peak: number }> };
      const d = await api<D>('/provinces/68/campaigns/2026/dashboard');
      expect(await figure('meetings').textContent()).toBe(vi(d.totals.meetings?.total ?? -1));
      // Money short where space is short (4,34 tỷ ₫), the exact sum on hover.
      const disbursed = d.totals.disbursedVnd?.total ?? -1;
      expect(await figure('disbursedVnd').getAttribute('title')).toBe(`${vi(disbursed)} ₫`);
      expect(await figure('disbursedVnd').textContent()).toEqual(
        disbursed >= 1e9
          ? `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(disbursed / 1e9)} tỷ ₫`
          : expect.any(String),
      );
      expect(await page.locator('canvas').count()).toBe(7);
      // The header names the role in Vietnamese; weeks read "Tuần 14 (30/03)"; every chart is an image
      // described by its title, with its figures in a table under it.
      await page.locator('.who', { hasText: 'Cán bộ Liên minh HTX tỉnh' }).waitFor();
      expect(await page.locator('canvas[role="img"][aria-label]').count()).toBe(7);
      // Seven charts and the map of the communes, each with its table.
      expect(await page.locator('details.data table.data').count()).toBe(8);
      const weekRows = await page
        .locator('details.data table.data', { has: page.locator('caption', { hasText: 'Theo tuần' }) })
        .locator('tbody th')
        .allTextContents();
      expect(weekRows.length).toBeGreaterThan(0);
      for (const w of weekRows) expect(w).toMatch(/^Tuần \d{1,2} \(\d{2}\/\d{2}\)$/);
      expect(await seriousAccessibilityProblems()).toEqual([]);
      await page.screenshot({ path: join(shots, 'page-campaign.png'), fullPage: true });

      // The officer's own province only, named in the header; its data entry is headed by its name.
      await page.locator('.who', { hasText: 'Lâm Đồng' }).waitFor();
      expect(await page.locator('#province option').allTextContents()).toEqual(['68 · Lâm Đồng']);

      // 2024: the pre-2025 units Lâm Đồng took over, its own first; old Lâm Đồng has no campaign, and says
      // where Đắk Nông's records are.
      await page.selectOption('#year', '2024');
      await page.waitForURL(/#\/tinh\/68\/2024/);
      expect(await page.locator('#province option').allTextContents()).toEqual([
        '68 · Lâm Đồng (nay thuộc Lâm Đồng)',
        '60 · Bình Thuận (nay thuộc Lâm Đồng)',
        '67 · Đắk Nông (nay thuộc Lâm Đồng)',
      ]);
      await page.locator('#taken-over a', { hasText: 'Đắk Nông (67)' }).waitFor();
      await page.selectOption('#province', '67');
      await page.waitForURL(/#\/tinh\/67\/2024/);
      await page.locator('h1', { hasText: 'Đắk Nông (nay thuộc Lâm Đồng)' }).waitFor();
      const dn = await api<D>('/provinces/67/campaigns/2024/dashboard');
      expect(await figure('meetings').textContent()).toBe(vi(dn.totals.meetings?.total ?? -1));

      // Time travel by business date: what had been held by 31/3/2024.
      await page.fill('#as-of', '31/03/2024');
      await page.dispatchEvent('#as-of', 'change');
      await page.waitForURL(/asOf=2024-03-31/);
      await page.locator('#clock', { hasText: 'Số liệu đến ngày 31/03/2024' }).waitFor();
      const march = await api<D>('/provinces/67/campaigns/2024/dashboard?asOf=2024-03-31');
      expect(march.totals.meetings?.total).toBeLessThan(dn.totals.meetings?.total ?? 0);
      expect(await figure('meetings').textContent()).toBe(vi(march.totals.meetings?.total ?? -1));

      // The dashboard as a workbook, with the figures of the page.
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#dl-dashboard-xlsx')]);
      expect(download.suggestedFilename()).toBe('bang-dieu-khien-67-2024.xlsx');
      const file = join(dir, 'download.xlsx');
      await download.saveAs(file);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const row = wb
        .getWorksheet('Tổng hợp')
        ?.getRows(1, 40)
        ?.find((r) => r.getCell(1).value === 'Hội nghị, tọa đàm, lễ phát động, đối thoại');
      expect(row?.getCell(4).value).toBe(march.totals.meetings?.total);
    }, 90_000);

    it('records a meeting from a form checked in the browser, once however often it is sent, imports a filled template, and shows both on the dashboard', async () => {
      await page.goto(`${service.base}/#/tinh/68/2026`);
      await page.locator('#to-entry').click();
      await page.waitForURL(/#\/nhap-lieu\/68\/2026/);
      const form = page.locator('form[data-operation="recordOutreachMeeting"]');
      await form.waitFor();
      type D = { totals: Record<string, { total: number }> };
      const before = (await api<D>('/provinces/68/campaigns/2026/dashboard')).totals.meetings?.total ?? -1;
      const error = (field: string) => form.locator(`[data-field="${field}"] .field-error`).first();

      // Checked in the browser by the OpenAPI schema: nothing is sent.
      await form.locator('[name="date"]').fill('30/02/2026');
      await form.locator('button[type=submit]').click();
      expect(await error('date').textContent()).toBe('ngày phải có thật, dạng dd/mm/yyyy');
      expect(await error('place.communeCode').textContent()).toBe('bắt buộc phải nhập');
      expect(await error('topics').textContent()).toBe('bắt buộc phải nhập');

      const fill = async (date: string, format: string, topic: string, attendees: string): Promise<void> => {
        await form.locator('[name="date"]').fill(date);
        // The commune is picked by its name, typed without accents; the form sends its code.
        await pickCommune(form, 'quang khe', 'Xã Quảng Khê');
        expect(await form.locator('[name="place.communeCode"]').inputValue()).toBe('24631');
        await form.locator('[name="format"]').selectOption(format);
        await form.locator(`input[name="topics"][value="${topic}"]`).check();
        await form.locator('[name="attendees"]').fill(attendees);
        await form.locator('[name="organisedBy"]').fill('Liên minh HTX tỉnh Lâm Đồng');
      };
      // Filled in properly and sent twice (a double click): recorded once.
      await fill('02/04/2026', 'conference', 'cooperative-law-2023', '75');
      await form.locator('button[type=submit]').dblclick();
      await form.locator('.form-saved', { hasText: 'Đã ghi' }).waitFor();
      expect(await error('date').textContent()).toBe('');

      // A rule the service checks, shown next to the field it concerns, in Vietnamese.
      await fill('30/12/2025', 'seminar', 'other', '20');
      await form.locator('button[type=submit]').click();
      await form
        .locator('[data-field="date"] .field-error', { hasText: 'Ngày 30/12/2025 không thuộc năm 2026 của kế hoạch' })
        .waitFor();
      await page.screenshot({ path: join(shots, 'page-entry.png'), fullPage: true });

      // Money typed the Vietnamese way.
      await page.selectOption('#entry-kind', 'approveSupport');
      const approval = page.locator('form[data-operation="approveSupport"]');
      await approval.locator('[name="amount"]').fill('1500000');
      await approval.locator('[name="amount"]').blur();
      expect(await approval.locator('[name="amount"]').inputValue()).toBe('1.500.000');

      // Every daily record has its form, built from its command's schema.
      const kinds = await page
        .locator('#entry-kind option')
        .evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
      expect(kinds.length).toBeGreaterThanOrEqual(15);
      // A national honour is the national alliance's to record: not offered to a provincial officer.
      expect(kinds).not.toContain('recordHonour');
      for (const k of kinds) {
        await page.selectOption('#entry-kind', k);
        const f = page.locator(`form[data-operation="${k}"]`);
        await f.waitFor();
        expect(await f.locator('input, select, textarea').count(), k).toBeGreaterThan(0);
      }
      await page.selectOption('#entry-kind', 'recordOutreachMeeting');

      // The spreadsheet kept in Excel: the template, then a filled file checked (nothing written), then
      // recorded row by row — the wrong row listed by row and column; the template's example row
      // (row 2, marked "Dòng mẫu") is left as it is and never recorded.
      await page.selectOption('#import-kind', 'meetings');
      const [template] = await Promise.all([page.waitForEvent('download'), page.click('#import-template')]);
      expect(template.suggestedFilename()).toBe('mau-nhap-meetings-68-2026.xlsx');
      const filled = new ExcelJS.Workbook();
      await filled.xlsx.readFile(await template.path());
      const sheet = filled.worksheets[0] as ExcelJS.Worksheet;
      sheet.getRow(3).values = [
        '03/04/2026',
        'Xã Quảng Khê',
        '',
        'Hội nghị',
        'Chuyển đổi số',
        60,
        3,
        'Liên minh HTX tỉnh Lâm Đồng',
        '',
        'Hội nghị chuyển đổi số',
      ];
      sheet.getRow(4).values = [
        '31/04/2026',
        'Xã Quảng Khê',
        '',
        'Hội nghị',
        'Khác',
        'ba mươi',
        0,
        'Liên minh HTX tỉnh Lâm Đồng',
        '',
        '',
      ];
      await page.setInputFiles('#import-file', {
        name: 'hoi-nghi.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: Buffer.from(await filled.xlsx.writeBuffer()),
      });
      await page.click('#import-check');
      await page.locator('#import-status', { hasText: 'Kiểm tra 2 dòng (bỏ qua dòng mẫu): 2 lỗi ở 1 dòng' }).waitFor();
      // Every problem of the row at once, by the column's heading.
      expect(await page.locator('#import-problem-table tbody tr').allTextContents()).toEqual([
        '4Số người tham dự: "ba mươi" không phải một sốNgày (dd/mm/yyyy): phải là một ngày có thật trên lịch',
      ]);
      await page.check('#import-rows');
      await page.click('#import-apply');
      await page.locator('#import-status', { hasText: 'Đã ghi 1/2 dòng' }).waitFor();

      // The dashboard shows the new meetings at once: the form's and the file's, each once.
      await page.locator('#to-dashboard').click();
      await page.waitForURL(/#\/tinh\/68\/2026/);
      await figure('meetings').waitFor();
      expect(await figure('meetings').textContent()).toBe(vi(before + 2));
      expect((await api<D>('/provinces/68/campaigns/2026/dashboard')).totals.meetings?.total).toBe(before + 2);
      expect(await seriousAccessibilityProblems()).toEqual([]);
    }, 90_000);

    it('picks every record a form refers to by its name, number or date, never by an id, and shows rows for a decision honouring several', async () => {
      await page.goto(`${service.base}/#/nhap-lieu/68/2026?loai=shortlistNomination`);
      const form = page.locator('form[data-operation="shortlistNomination"]');
      await form.waitFor();
      // A nomination by its cooperative's name: the list is the campaign's, loaded from the service.
      type Page<T> = { items: T[] };
      type Nomination = { nominationId: string; cooperativeId: string; status: string };
      type Coop = { cooperativeId: string; name: string; registrationNumber?: string };
      const nominations = (await api<Page<Nomination>>('/provinces/68/campaigns/2026/nominations?limit=200')).items;
      const coops = (await api<Page<Coop>>('/provinces/68/cooperatives?include=predecessors&limit=200')).items;
      const pick = form.locator('select[name="path.nominationId"]');
      await pick.locator('option', { hasText: '—' }).first().waitFor({ state: 'attached' });
      await expect.poll(() => pick.locator('option').count()).toBe(nominations.length + 1);
      const open = nominations.find((n) => n.status === 'nominated');
      if (open !== undefined) {
        const name = coops.find((c) => c.cooperativeId === open.cooperativeId)?.name ?? '?';
        const text = (await pick.locator(`option[value="${open.nominationId}"]`).textContent()) ?? '';
        expect(text).toContain(name);
        await pick.selectOption(open.nominationId);
        await form.locator('[name="shortlistedOn"]').fill('15/04/2026');
        await form.locator('button[type=submit]').click();
        await form.locator('.form-saved', { hasText: 'Đã ghi' }).waitFor();
        const after = await api<{ status: string }>(`/provinces/68/campaigns/2026/nominations/${open.nominationId}`);
        expect(after.status).toBe('shortlisted');
      }

      // No form asks for an id: every field named after a record is a list to pick from.
      const kinds = await page
        .locator('#entry-kind option')
        .evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
      for (const k of kinds) {
        await page.selectOption('#entry-kind', k);
        const f = page.locator(`form[data-operation="${k}"]`);
        await f.waitFor();
        const typed = await f
          .locator('input[type="text"], input:not([type]), textarea')
          .evaluateAll((els) => els.map((e) => (e as unknown as { name: string }).name));
        expect(
          typed.filter((n) => /(cooperative|activity|approval|meeting|nomination|task|petition)Ids?$/.test(n)),
          k,
        ).toEqual([]);
      }

      // A cooperative found by typing part of its name, a plan activity by its title.
      await page.selectOption('#entry-kind', 'recordOutreachMeeting');
      const meeting = page.locator('form[data-operation="recordOutreachMeeting"]');
      const first = coops[0];
      if (first !== undefined) {
        await meeting.locator('.picks label.choice').first().waitFor();
        await meeting.locator('[data-field="cooperativeIds"] input[type="search"]').fill(first.name.slice(4, 12));
        const shown = meeting.locator('.picks label.choice:not([hidden])', { hasText: first.name });
        expect(await shown.count()).toBeGreaterThan(0);
      }
      type Campaign = { activities: { id: string; title: string }[] };
      const plan = await api<Campaign>('/provinces/68/campaigns/2026');
      const activities = await meeting.locator('select[name="activityId"] option').allTextContents();
      expect(activities).toEqual(expect.arrayContaining(plan.activities.map((a) => a.title)));

      // A decision honouring several: one row each, a row added by a button, sent as a list.
      await page.selectOption('#entry-kind', 'awardHonour');
      const honour = page.locator('form[data-operation="awardHonour"]');
      await honour.locator('[name="decision.date"]').fill('11/04/2026');
      await honour.locator('[name="kind"]').selectOption('certificate-of-merit');
      await honour.locator('[name="awardedBy"]').fill('Chủ tịch Liên minh HTX tỉnh Lâm Đồng');
      await honour.locator('[name="recipients.0.kind"]').selectOption('collective');
      await honour.locator('[name="recipients.0.name"]').fill('HTX Nông nghiệp Quảng Sơn');
      await honour.locator('button.add-row').click();
      await honour.locator('[name="recipients.1.kind"]').selectOption('individual');
      await honour.locator('button[type=submit]').click();
      expect(await honour.locator('[data-field="recipients.1.name"] .field-error').textContent()).toBe(
        'bắt buộc phải nhập',
      );
      await honour.locator('[name="recipients.1.name"]').fill('Nguyễn Văn An');
      await honour.locator('button[type=submit]').click();
      await honour.locator('.form-saved', { hasText: 'Đã ghi' }).waitFor();
      const honours = await api<Page<{ recipients: { kind: string; name: string }[] }>>(
        '/provinces/68/campaigns/2026/honours',
      );
      expect(honours.items.at(-1)?.recipients).toEqual([
        { kind: 'collective', name: 'HTX Nông nghiệp Quảng Sơn' },
        { kind: 'individual', name: 'Nguyễn Văn An' },
      ]);
      await page.setViewportSize({ width: 360, height: 800 });
      await page.screenshot({ path: join(shots, 'page-entry-honour-360.png'), fullPage: true });
      await page.setViewportSize({ width: 1360, height: 1000 });
    }, 120_000);

    it('offers a year with no campaign its launch as the first step, and launches it with a target written as a range', async () => {
      await page.goto(`${service.base}/#/tinh/68/2027`);
      await page.locator('#first-step', { hasText: 'Chưa có kế hoạch' }).waitFor();
      await page.click('#launch');
      await page.waitForURL(/#\/nhap-lieu\/68\/2027\?loai=launchCampaign/);
      const form = page.locator('form[data-operation="launchCampaign"]');
      await form.waitFor();
      // The year is the page's: not asked.
      expect(await form.locator('[name="year"]').count()).toBe(0);
      await form.locator('[name="plan.number"]').fill('15/KH-LMHTX');
      await form.locator('[name="plan.date"]').fill('20/02/2027');
      await form.locator('[name="theme"]').fill('Hợp tác xã vì sự phát triển bền vững');
      await form.locator('[name="activities.0.id"]').fill('tham-dinh');
      await form.locator('[name="activities.0.kind"]').selectOption('loan-appraisal');
      await form.locator('[name="activities.0.title"]').fill('Thẩm định cho vay từ 02 đến 03 HTX');
      await form.locator('[name="activities.0.window.from"]').fill('01/03/2027');
      await form.locator('[name="activities.0.window.to"]').fill('30/11/2027');
      await form.locator('[name="activities.0.targets.0.metric"]').selectOption('loans-appraised');
      await form.locator('[name="activities.0.targets.0.value"]').fill('2');
      await form.locator('[name="activities.0.targets.0.upTo"]').fill('3');
      await form.locator('button[type=submit]').click();
      await form.locator('.form-saved', { hasText: 'Đã ghi' }).waitFor();
      type D = { targets: { asWritten: string; target: number }[] };
      const d = await api<D>('/provinces/68/campaigns/2027/dashboard');
      expect(d.targets).toEqual([expect.objectContaining({ asWritten: 'từ 2 đến 3', target: 2 })]);
      await page.click('#to-dashboard');
      await page.locator('h1', { hasText: 'năm 2027' }).waitFor();
      expect(await page.locator('#first-step').count()).toBe(0);
    }, 60_000);

    it('offers the communes of the map of the form’s date: old names before 1/7/2025, today’s after, a commune no longer on the map cleared', async () => {
      await page.goto(`${service.base}/#/nhap-lieu/68/2025?loai=recordOutreachMeeting`);
      const form = page.locator('form[data-operation="recordOutreachMeeting"]');
      await form.waitFor();
      const combo = form.locator('[data-field="place.communeCode"] input[role="combobox"]');
      const status = form.locator('[data-field="place.communeCode"] .picker-status');
      await form.locator('[name="date"]').fill('15/04/2025');
      await status.filter({ hasText: 'trước ngày 01/07/2025' }).waitFor();
      // Before the reform: the old wards, each with its district; typed with or without accents.
      await combo.pressSequentially('phuong 1');
      const options = await form.locator('[role="option"]').allTextContents();
      expect(options).toContain('Phường 1 (Thành phố Đà Lạt)');
      expect(options).toContain('Phường 1 (Thành phố Bảo Lộc)');
      expect(await combo.getAttribute('aria-expanded')).toBe('true');
      expect(await seriousAccessibilityProblems()).toEqual([]);
      // Picked by the keyboard: arrows, then Enter.
      const index = options.indexOf('Phường 1 (Thành phố Đà Lạt)');
      for (let i = 0; i <= index; i++) await combo.press('ArrowDown');
      expect(await combo.getAttribute('aria-activedescendant')).toBe(
        await form.locator('[role="option"]').nth(index).getAttribute('id'),
      );
      await combo.press('Enter');
      expect(await combo.inputValue()).toBe('Phường 1 (Thành phố Đà Lạt)');
      expect(await form.locator('[name="place.communeCode"]').inputValue()).toBe('24784');
      expect(await seriousAccessibilityProblems()).toEqual([]);

      // The date moves past 1/7/2025: today's communes, and the old ward picked is cleared, saying what it became.
      await form.locator('[name="date"]').fill('15/08/2025');
      await form.locator('[name="date"]').dispatchEvent('change');
      await status
        .filter({ hasText: 'không có trên bản đồ hành chính ngày 15/08/2025 (nay thuộc Phường Xuân Hương - Đà Lạt)' })
        .waitFor();
      expect(await form.locator('[name="place.communeCode"]').inputValue()).toBe('');
      expect(await combo.inputValue()).toBe('');
      await pickCommune(form, 'Xuân Hương', 'Phường Xuân Hương - Đà Lạt');
      expect(await form.locator('[name="place.communeCode"]').inputValue()).toBe('24781');
      await combo.fill('');
      await combo.pressSequentially('phuong 1');
      expect(await form.locator('[role="option"]').allTextContents()).not.toContain('Phường 1 (Thành phố Đà Lạt)');
      await combo.press('Escape');
      expect(await seriousAccessibilityProblems()).toEqual([]);

      // Offline: the form says so plainly and still works; the list is loaded again on going back to the field.
      await page.route('**/reference/communes?*', (route) => route.abort('internetdisconnected'));
      await page.goto(`${service.base}/#/nhap-lieu/60/2025?loai=recordOutreachMeeting`);
      const offline = page.locator('form[data-operation="recordOutreachMeeting"]');
      const offlineStatus = offline.locator('[data-field="place.communeCode"] .picker-status');
      await offlineStatus.filter({ hasText: 'Không tải được danh sách xã, phường' }).waitFor();
      await offline.locator('button[type=submit]').click();
      expect(await offline.locator('[data-field="place.communeCode"] .field-error').textContent()).toBe(
        'bắt buộc phải nhập',
      );
      await page.unroute('**/reference/communes?*');
      await offline.locator('[data-field="place.communeCode"] input[role="combobox"]').focus();
      await offlineStatus.filter({ hasText: 'xã, phường của Bình Thuận trước ngày 01/07/2025' }).waitFor();

      // The service's problem naming the commune shows on the picker.
      await page.goto(`${service.base}/#/nhap-lieu/68/2026?loai=recordOutreachMeeting`);
      const form2026 = page.locator('form[data-operation="recordOutreachMeeting"]');
      await form2026.locator('[name="date"]').fill('10/04/2026');
      await form2026.locator('[name="format"]').selectOption('conference');
      await form2026.locator('input[name="topics"][value="other"]').check();
      await form2026.locator('[name="attendees"]').fill('10');
      await form2026.locator('[name="organisedBy"]').fill('Liên minh HTX tỉnh Lâm Đồng');
      // An old ward's code, as a stale page would send it: not a commune on the map of 10/04/2026.
      await form2026
        .locator('[name="place.communeCode"]')
        .evaluate((el) => ((el as unknown as { value: string }).value = '24784'));
      await form2026.locator('button[type=submit]').click();
      await form2026
        .locator('[data-field="place.communeCode"] .field-error', {
          hasText: 'Phường 1 không còn từ ngày 01/07/2025 (nay thuộc Phường Xuân Hương - Đà Lạt)',
        })
        .waitFor();
      expect(
        await form2026.locator('[data-field="place.communeCode"] input[role="combobox"]').getAttribute('aria-invalid'),
      ).toBe('true');
      expect(await form2026.locator('[data-field="date"] .field-error').textContent()).toBe('');
    }, 60_000);

    it('lists the province’s communes of today across years, with a total, sorted, linked from the dashboard, and drills down into one', async () => {
      type T = {
        total: { meetings: number; attendees: number };
        today: { kind: string; code: string | null; name: string; meetings: number }[];
      };
      // From the dashboard's commune card: today's communes, over the dashboard's year.
      await page.goto(`${service.base}/#/tinh/68/2026`);
      await page.locator('#to-communes').click();
      await page.waitForURL(/#\/xa\/68\?from=2026&to=2026/);
      await page.locator('#communes tbody tr').first().waitFor();
      const year = await api<T>('/provinces/68/communes?from=2026&to=2026');
      expect(await page.locator('#communes tbody tr').count()).toBe(year.today.length);
      expect(await page.locator('#communes tfoot td').first().textContent()).toBe(vi(year.total.meetings));

      // From the nav, every year: sorted by meetings, the old communes' meetings counted under today's.
      await page.click('#nav-communes');
      await page.waitForURL(/#\/xa\/68$/);
      const all = await api<T>('/provinces/68/communes');
      await page.locator('#communes caption', { hasText: /2024–\d{4}/ }).waitFor();
      expect(await page.locator('#communes tfoot td').first().textContent()).toBe(vi(all.total.meetings));
      const rows = page.locator('#communes tbody tr');
      expect(await rows.count()).toBe(all.today.length);
      const most = [...all.today].sort((a, b) => b.meetings - a.meetings)[0];
      expect(await rows.first().locator('th').textContent()).toContain(most?.name ?? '?');
      expect(await page.locator('#communes thead th[aria-sort="descending"]').textContent()).toBe('Hội nghị');
      const khe = all.today.find((r) => r.code === '24631');
      expect(await page.locator('#communes tr[data-code="24631"] td').first().textContent()).toBe(
        vi(khe?.meetings ?? -1),
      );
      for (const kind of ['split', 'unmapped'])
        expect(await page.locator(`#communes tr[data-kind="${kind}"]`).count()).toBe(
          all.today.filter((r) => r.kind === kind).length,
        );
      await page.click('button[data-sort="name"]');
      const names = await rows.locator('th').allTextContents();
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'vi')));
      expect(await seriousAccessibilityProblems()).toEqual([]);
      await page.screenshot({ path: join(shots, 'page-communes.png'), fullPage: true });

      // One commune: the old wards that formed it, its meetings by year and as recorded (old names included).
      await page.locator('#communes tr[data-code="24611"] a').click();
      await page.waitForURL(/#\/xa\/68\/24611/);
      await page.locator('#commune-meetings').waitFor();
      type C = { meetings: unknown[]; byYear: { year: number; meetings: number }[]; total: { meetings: number } };
      const one = await api<C>('/provinces/68/communes/24611');
      expect(await page.locator('h1').textContent()).toBe('Phường Bắc Gia Nghĩa — Lâm Đồng');
      expect(await page.locator('#formed-from li').allTextContents()).toContain(
        'Phường Nghĩa Đức (Thành phố Gia Nghĩa)',
      );
      expect(await page.locator('#commune-meetings tbody tr').count()).toBe(one.meetings.length);
      expect(await page.locator('#commune-years tbody tr').count()).toBe(one.byYear.length);
      expect(await page.locator('#commune-recorded tbody td').allTextContents()).toContain(
        'Phường Nghĩa Đức (Thành phố Gia Nghĩa)',
      );
      expect(await figure('meetings').textContent()).toBe(vi(one.total.meetings));
      expect(await seriousAccessibilityProblems()).toEqual([]);
      await page.screenshot({ path: join(shots, 'page-commune.png'), fullPage: true });

      // The dashboard of 2024 names communes as recorded, and says what each is today.
      await page.goto(`${service.base}/#/tinh/67/2024`);
      const communes = page.locator('details.data table.data', {
        has: page.locator('caption', { hasText: 'Hội nghị theo xã, phường' }),
      });
      await communes.waitFor({ state: 'attached' });
      expect(await communes.locator('tbody th').allTextContents()).toContain(
        'Phường Nghĩa Đức (Thành phố Gia Nghĩa) → nay: Phường Bắc Gia Nghĩa',
      );
    }, 60_000);

    it('ranks the 34 provinces for the national alliance, pre-2025 units rolled up', async () => {
      await page.click('text=Đăng xuất');
      await page.locator('#dev-sign-in').waitFor();
      await page.selectOption('#dev-role', 'national_officer');
      await page.click('#dev-sign-in');
      await page.waitForURL(/#\/toan-quoc\/\d{4}/);
      await page.selectOption('#year', '2026');
      await page.locator('#ranking tbody tr').first().waitFor();
      type N = { rolledUp: { current: { id: string; name: string }; totals: Record<string, { total: number }> }[] };
      const n = await api<N>('/national/dashboards/2026');
      // Provinces with records are ranked; the others are folded into one line, not drawn empty.
      const withRecords = n.rolledUp.filter((r) => Object.values(r.totals).some((s) => (s?.total ?? 0) > 0)).length;
      expect(await page.locator('#ranking tbody tr').count()).toBe(withRecords);
      if (withRecords < 34)
        expect(await page.locator('#no-records summary').textContent()).toBe(
          `${34 - withRecords} tỉnh, thành phố chưa có số liệu năm 2026`,
        );
      expect(await seriousAccessibilityProblems()).toEqual([]);
      const top = [...n.rolledUp].sort((a, b) => (b.totals.meetings?.total ?? 0) - (a.totals.meetings?.total ?? 0))[0];
      const first = page.locator('#ranking tbody tr').first();
      expect(await first.locator('td').nth(1).textContent()).toContain(top?.current.name ?? '?');
      // Each row links to the province's dashboard.
      expect(await first.locator('td a').first().getAttribute('href')).toBe(
        `#/tinh/${top?.current.id.split(':')[1] ?? '?'}/2026`,
      );
      expect(await first.locator('td').nth(3).textContent()).toBe(vi(top?.totals.meetings?.total ?? -1));
      await page.screenshot({ path: join(shots, 'page-national.png'), fullPage: true });
      // 2024: Đắk Nông (67) is counted under Lâm Đồng.
      await page.selectOption('#year', '2024');
      await page.locator('#ranking tbody tr[data-province="68"] td', { hasText: 'Đắk Nông' }).waitFor();
      await page.click('#ranking tbody tr[data-province="68"] a:text("Đắk Nông")');
      await page.waitForURL(/#\/tinh\/67\/2024/);
      await page.locator('h1', { hasText: 'Đắk Nông (nay thuộc Lâm Đồng)' }).waitFor();
    }, 60_000);

    it('draws the provinces and a province’s communes coloured by a chosen figure, with their tables, at 360 px too', async () => {
      // The national view, as the national alliance: the 34 provinces.
      await page.goto(service.base);
      await page.locator('#dev-sign-in, button:has-text("Đăng xuất")').first().waitFor();
      if (await page.locator('button:has-text("Đăng xuất")').count()) await page.click('text=Đăng xuất');
      await page.locator('#dev-sign-in').waitFor();
      await page.selectOption('#dev-role', 'national_officer');
      await page.click('#dev-sign-in');
      await page.waitForURL(/#\/toan-quoc\/\d{4}/);
      await page.goto(`${service.base}/#/toan-quoc/2026`);
      await page.locator('h1', { hasText: 'Toàn quốc — năm 2026' }).waitFor();
      const country = page.locator('#province-map');
      await country.waitFor();
      await country.scrollIntoViewIfNeeded();
      await country.locator('svg.map path').first().waitFor();
      expect(await country.locator('svg.map path').count()).toBe(34);
      expect(await country.locator('svg.map').getAttribute('aria-label')).toContain('Bản đồ các tỉnh, thành phố');
      type N = { rolledUp: { current: { id: string }; totals: Record<string, { total: number }> }[] };
      const n = await api<N>('/national/dashboards/2026');
      const ranked = n.rolledUp.filter((r) => Object.values(r.totals).some((s) => (s?.total ?? 0) > 0));
      expect(await country.locator('table.data tbody tr').count()).toBe(ranked.length);
      const top = [...ranked].sort((a, b) => (b.totals.meetings?.total ?? 0) - (a.totals.meetings?.total ?? 0))[0];
      const topCode = top?.current.id.split(':')[1] ?? '?';
      const topArea = country.locator(`svg.map path[data-code="${topCode}"]`);
      expect(await topArea.locator('title').textContent()).toContain(`${vi(top?.totals.meetings?.total ?? -1)}`);
      expect(await topArea.getAttribute('fill')).toBe('#1f5aa6');
      // Another figure: the map and its table follow.
      await country.locator('select').selectOption('publications');
      expect(await country.locator('svg.map').getAttribute('aria-label')).toContain('tin, bài');
      await topArea.focus();
      expect(await country.locator('.map-info').textContent()).toContain('tin, bài');
      expect(await seriousAccessibilityProblems()).toEqual([]);
      await page.screenshot({ path: join(shots, 'page-national-map.png'), fullPage: true });

      // Đà Nẵng's communes: Đặc khu Hoàng Sa, far out at sea, in a framed box of its own.
      await page.goto(`${service.base}/#/tinh/48/2026`);
      await page.locator('h1', { hasText: 'năm 2026' }).waitFor();
      const daNang = page.locator('#commune-map');
      await daNang.waitFor();
      await daNang.scrollIntoViewIfNeeded();
      await daNang.locator('svg.map path').first().waitFor();
      expect(await daNang.locator('svg.map rect.map-inset').count()).toBe(1);
      expect(await daNang.locator('svg.map path[data-code="20333"] title').textContent()).toContain('Đặc khu Hoàng Sa');
      expect(await daNang.locator('p.hint', { hasText: 'Khung nét đứt: Đặc khu Hoàng Sa' }).count()).toBe(1);
      await daNang.screenshot({ path: join(shots, 'page-commune-map-inset.png') });

      // A province's communes: Lâm Đồng 2026, coloured by meetings, by attendees.
      await page.click('text=Đăng xuất');
      await page.locator('#dev-sign-in').waitFor();
      await page.selectOption('#dev-role', 'provincial_viewer');
      await page.selectOption('#dev-province', '68');
      await page.click('#dev-sign-in');
      await page.waitForURL(/#\/tinh\/68\/\d{4}/);
      await page.goto(`${service.base}/#/tinh/68/2026`);
      await page.locator('h1', { hasText: 'năm 2026' }).waitFor();
      const communes = page.locator('#commune-map');
      await communes.waitFor();
      await communes.scrollIntoViewIfNeeded();
      await communes.locator('svg.map path').first().waitFor();
      expect(await communes.locator('svg.map path').count()).toBe(124);
      type D = { byCommuneToday: { kind: string; code: string | null; meetings: number; attendees: number }[] };
      const d = await api<D>('/provinces/68/campaigns/2026/dashboard');
      expect(await communes.locator('table.data tbody tr').count()).toBe(d.byCommuneToday.length);
      const most = d.byCommuneToday.find((r) => r.kind === 'commune');
      if (most?.code) {
        const area = communes.locator(`svg.map path[data-code="${most.code}"]`);
        expect(await area.locator('title').textContent()).toContain(vi(most.meetings));
        await communes.locator('select').selectOption('attendees');
        expect(await area.locator('title').textContent()).toContain(vi(most.attendees));
      }
      expect(await seriousAccessibilityProblems()).toEqual([]);

      // On a 360 px wide screen: the map fits, nothing scrolls sideways.
      await page.setViewportSize({ width: 360, height: 740 });
      await page.reload();
      await communes.waitFor();
      await communes.scrollIntoViewIfNeeded();
      await communes.locator('svg.map path').first().waitFor();
      const box = await communes.locator('svg.map').boundingBox();
      expect((box?.x ?? 999) + (box?.width ?? 999)).toBeLessThanOrEqual(360);
      const scrollWidth = await page.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
            .scrollWidth,
      );
      expect(scrollWidth).toBeLessThanOrEqual(360);
      await page.screenshot({ path: join(shots, 'page-commune-map-360.png'), fullPage: false });
      await page.setViewportSize({ width: 1360, height: 1000 });
      await communes.scrollIntoViewIfNeeded();
      await communes.screenshot({ path: join(shots, 'page-commune-map.png') });
    }, 90_000);
  },
);
