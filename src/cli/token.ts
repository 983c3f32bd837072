/**
 * npm run -s token -- --role provincial_officer --province 68 [--sub name] [--app app-id] [--hours 8]
 *
 * Prints a bearer token the service accepts, signed with the key the service uses with the same
 * environment: JWT_SECRET (HS256), JWT_PRIVATE_KEY (RS256), or in development the secret the
 * service keeps in DATA_DIR/dev-jwt-secret. Tokens of the identity provider (OIDC_ISSUER) come from
 * the provider, never from here.
 *
 * stdout carries the token and nothing else, so `TOKEN=$(npm run -s token -- …)` captures it.
 * Exit codes: 0 printed (or `--help`); 2 wrong usage (one line saying why, then the usage, on
 * stderr); 78 the environment does not allow minting (as the service's own exit code 78); 1 anything
 * else. Never a stack trace.
 */
import { parseArgs } from 'node:util';
import { Claims, Role } from '../auth/claims.ts';
import { mintToken, resolveKey } from '../auth/keys.ts';
import { ConfigError, loadConfig } from '../config.ts';

/** `text` in lines of at most `width` characters, the lines after the first indented by `indent` spaces. */
function wrap(text: string, width: number, indent: number): string {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && `${lines[last]} ${word}`.length <= width) lines[last] = `${lines[last]} ${word}`;
    else lines.push(word);
  }
  return lines.join(`\n${' '.repeat(indent)}`);
}

const USAGE = `usage: npm run -s token -- --role ROLE [options]

Prints a bearer token the service accepts (signed with JWT_SECRET, JWT_PRIVATE_KEY, or in
development the secret in DATA_DIR/dev-jwt-secret); run it with the service's environment.

  --role ROLE       ${wrap(`one of: ${Role.options.join(', ')}`, 72, 20)}
  --province NN     a current province's code, for provincial roles and reporters (e.g. 68)
  --unit CODE       a department_officer's department (e.g. so-tai-chinh)
  --commune NNNNN   a commune_officer's commune, one of today's in its province (e.g. 24781)
  --sub NAME        who acts (default: the role and province, e.g. provincial_officer-68)
  --app ID          the client application (default: cli)
  --hours N         lifetime in hours (default: 8)
  -h, --help        print this and exit

example: TOKEN=$(npm run -s token -- --role provincial_officer --province 68)
`;

/** Wrong usage: said in one line, followed by the usage; exit 2. */
class UsageError extends Error {}
/** The environment does not allow minting here; exit 78. */
class EnvironmentError extends Error {}

const OPTIONS = {
  role: { type: 'string' },
  province: { type: 'string' },
  unit: { type: 'string' },
  commune: { type: 'string' },
  sub: { type: 'string' },
  app: { type: 'string' },
  hours: { type: 'string', default: '8' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (err) {
    // node:util's messages are one line, but advise '--' for positionals, which this command has none of.
    const message = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
    throw new UsageError(
      message.replace(/\. To specify a positional argument.*$/, '').replace(/^\w/, (c) => c.toLowerCase()),
    );
  }
}

function run(args: string[]): void {
  const values = parse(args);
  if (values.help === true) {
    process.stdout.write(USAGE);
    return;
  }
  if (values.role === undefined) throw new UsageError(`--role is required: one of ${Role.options.join(', ')}`);
  const role = Role.safeParse(values.role);
  if (!role.success)
    throw new UsageError(`--role ${JSON.stringify(values.role)}: must be one of ${Role.options.join(', ')}`);
  const hours = Number(values.hours);
  if (!/^\d*\.?\d+$/.test(values.hours) || !(hours > 0))
    throw new UsageError(`--hours ${JSON.stringify(values.hours)}: must be a positive number of hours, such as 8`);
  const claims = {
    sub: values.sub ?? `${role.data}${values.province ? `-${values.province}` : ''}`,
    role: role.data,
    ...(values.province ? { province: values.province } : {}),
    ...(values.unit ? { unit: values.unit } : {}),
    ...(values.commune ? { commune: values.commune } : {}),
    app: values.app ?? 'cli',
  };
  const check = Claims.safeParse({ ...claims, exp: 1 });
  if (!check.success)
    throw new UsageError(
      check.error.issues.map((i) => `${i.path.length > 0 ? `--${i.path.join('.')}: ` : ''}${i.message}`).join('; '),
    );

  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new EnvironmentError(`invalid configuration: ${err.problems.join('; ')}`);
    throw err;
  }
  if (config.auth.kind === 'provider-only')
    throw new EnvironmentError(
      'no local key: set JWT_SECRET, or JWT_PUBLIC_KEY with JWT_PRIVATE_KEY, to mint tokens here ' +
        "(the identity provider's tokens come from the provider)",
    );
  if (config.auth.kind === 'rs256' && config.auth.privateKey === undefined)
    throw new EnvironmentError(
      'JWT_PRIVATE_KEY: required to mint RS256 tokens here (the service itself needs only JWT_PUBLIC_KEY)',
    );
  const key = resolveKey(config.auth, config.store === 'memory' ? null : config.dataDir);
  process.stdout.write(`${mintToken(key, claims, Math.round(hours * 3600))}\n`);
}

try {
  run(process.argv.slice(2));
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof UsageError) {
    process.stderr.write(`token: ${message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`token: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    process.exitCode = err instanceof EnvironmentError ? 78 : 1;
  }
}
