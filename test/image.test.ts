import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SERVICE_SECRET, freePort, serviceToken } from './support/service.ts';
import { launch2026 } from './support/campaign.ts';

/**
 * No Docker engine runs here, so the image is checked another way: the runtime stage of the
 * Dockerfile is read, its files are assembled as it lists them into a temporary folder (what the
 * build stage makes — the build in dist/, production dependencies only — or the build context),
 * and the service is started there by the image's own CMD and probed by its own HEALTHCHECK.
 */
interface Stage {
  name: string;
  lines: string[];
}

function stages(): Stage[] {
  const out: Stage[] = [];
  for (const raw of readFileSync(join(ROOT, 'Dockerfile'), 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const from = /^FROM\s+\S+(?:\s+AS\s+(\S+))?$/i.exec(line);
    if (from) out.push({ name: from[1] ?? String(out.length), lines: [] });
    else out.at(-1)?.lines.push(line);
  }
  return out;
}

/** `COPY [--from=stage] [--chown=…] SRC… DEST` */
function copies(stage: Stage): { from?: string; sources: string[]; dest: string }[] {
  return stage.lines
    .filter((l) => /^COPY\s/i.test(l))
    .map((l) => {
      const words = l.split(/\s+/).slice(1);
      const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
      const paths = words.filter((w) => !w.startsWith('--'));
      return { ...(from ? { from } : {}), sources: paths.slice(0, -1), dest: paths.at(-1) as string };
    });
}

const exec = (stage: Stage, instruction: string): string[] => {
  const line = stage.lines.find((l) => l.toUpperCase().startsWith(`${instruction} `));
  const json = line?.slice(line.indexOf('[')) ?? '[]';
  return JSON.parse(json) as string[];
};

/** A .dockerignore pattern that leaves `path` out of the build context (plain names and `*`). */
function ignored(path: string): boolean {
  const patterns = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  let out = false;
  for (const p of patterns) {
    const negate = p.startsWith('!');
    const re = new RegExp(
      `^${(negate ? p.slice(1) : p)
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*\*/g, '§')
        .replace(/\*/g, '[^/]*')
        .replace(/§/g, '.*')}(/|$)`,
    );
    if (re.test(path)) out = !negate;
  }
  return out;
}

/** Production dependencies as `npm prune --omit=dev` leaves them: each top-level package folder. */
function productionModules(into: string): void {
  const listed = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  for (const abs of listed.split('\n')) {
    const rel = relative(ROOT, abs.trim());
    if (!/^node_modules\/(@[^/]+\/)?[^/]+$/.test(rel)) continue;
    mkdirSync(dirname(join(into, rel)), { recursive: true });
    cpSync(join(ROOT, rel), join(into, rel), { recursive: true });
  }
}

const all = stages();
const runtime = all.at(-1) as Stage;
const build = all.find((s) => s.name === 'build') as Stage;
const workdir = runtime.lines.find((l) => /^WORKDIR\s/i.test(l))?.split(/\s+/)[1] ?? '/';
const env = Object.fromEntries(
  runtime.lines
    .filter((l) => /^ENV\s/i.test(l))
    .flatMap((l) =>
      l
        .split(/\s+/)
        .slice(1)
        .map((kv) => kv.split('=') as [string, string]),
    ),
);

let folder: string;
let child: ReturnType<typeof spawn> | undefined;
let base = '';
let childEnv: NodeJS.ProcessEnv = {};
let stderr = '';

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'cam-image-'));
  const app = join(folder, 'app');
  for (const c of copies(runtime)) {
    for (const src of c.sources) {
      const dest = join(app, relative(workdir, c.dest.startsWith('/') ? c.dest : join(workdir, c.dest)));
      mkdirSync(dirname(dest), { recursive: true });
      if (c.from === undefined) {
        cpSync(join(ROOT, src), dest, { recursive: true });
        continue;
      }
      expect(c.from, `COPY --from=${c.from}`).toBe('build');
      const inBuild = relative('/app', src);
      if (inBuild === 'node_modules') productionModules(app);
      else cpSync(join(ROOT, inBuild), dest, { recursive: true });
    }
  }
  const port = await freePort();
  childEnv = {
    PATH: process.env.PATH,
    ...env,
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: join(folder, 'data'),
    JWT_SECRET: SERVICE_SECRET,
    LOG_LEVEL: 'warn',
  };
  const [cmd, ...args] = exec(runtime, 'CMD');
  child = spawn(cmd === 'node' ? process.execPath : (cmd as string), args, {
    cwd: app,
    env: childEnv,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (d: Buffer) => void (stderr += d.toString()));
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the service from the image's files exited: ${stderr}`);
    if (
      await fetch(`${base}/health/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not ready: ${stderr}`);
}, 120_000);

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(folder, { recursive: true, force: true });
});

describe('the container image, assembled from the Dockerfile without Docker', () => {
  it('builds from sources it copies: every folder the build compiles, and both tsconfig files', () => {
    const copied = copies(build).flatMap((c) => c.sources);
    const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as {
      extends: string;
      include: string[];
    };
    for (const need of [
      ...tsconfig.include,
      'tsconfig.build.json',
      tsconfig.extends.replace(/^\.\//, ''),
      'package.json',
      'package-lock.json',
    ])
      expect(copied).toContain(need);
    for (const c of [...copies(build), ...copies(runtime)].filter((x) => x.from === undefined)) {
      for (const src of c.sources) expect(ignored(src), `.dockerignore leaves out ${src}`).toBe(false);
    }
    expect(ignored('node_modules')).toBe(true);
    expect(ignored('.git')).toBe(true);
  });

  it('runs the built JavaScript as a non-root user, with production dependencies only', () => {
    expect(exec(runtime, 'CMD').join(' ')).not.toMatch(/tsx|\.ts\b/);
    expect(runtime.lines.some((l) => /^USER\s+(?!root\b|0\b)\S+/i.test(l))).toBe(true);
    expect(runtime.lines.some((l) => /^RUN\s.*apt-get/i.test(l))).toBe(false);
    const modules = join(folder, 'app', 'node_modules');
    for (const dev of ['typescript', 'tsx', 'vitest', 'vite', 'testcontainers'])
      expect(existsSync(join(modules, dev)), dev).toBe(false);
    expect(existsSync(join(modules, 'better-sqlite3'))).toBe(true);
  });

  it("serves the officials' page at /", async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('lang="vi"');
  });

  it('takes a command and answers readiness, and its HEALTHCHECK passes', async () => {
    const token = serviceToken({ sub: 'officer-68', role: 'provincial_officer', province: '68', app: 'image-test' });
    const r = await fetch(`${base}/provinces/68/campaigns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(launch2026),
    });
    expect(r.status, await r.clone().text()).toBe(201);
    expect(((await (await fetch(`${base}/health/ready`)).json()) as { status: string }).status).toBe('ready');
    const check = exec(runtime, 'HEALTHCHECK');
    expect(check[0]).toBe('node');
    const probe = spawnSync(process.execPath, check.slice(1), { env: childEnv, timeout: 10_000 });
    expect(probe.status, probe.stderr.toString()).toBe(0);
  });
});
