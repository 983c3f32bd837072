/**
 * npm run token -- --role provincial_officer --province 68 [--sub name] [--app app-id] [--hours 8]
 *
 * Prints a bearer token the service accepts, signed with the key the service uses with the same
 * environment: JWT_SECRET (HS256), JWT_PRIVATE_KEY (RS256), or in development the secret the
 * service keeps in DATA_DIR/dev-jwt-secret.
 */
import { parseArgs } from 'node:util';
import { Claims, Role } from '../auth/claims.ts';
import { mintToken, resolveKey } from '../auth/keys.ts';
import { ConfigError, loadConfig } from '../config.ts';

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    province: { type: 'string' },
    unit: { type: 'string' },
    commune: { type: 'string' },
    sub: { type: 'string' },
    app: { type: 'string' },
    hours: { type: 'string', default: '8' },
  },
});
try {
  const config = loadConfig();
  const role = Role.parse(values.role);
  const claims = {
    sub: values.sub ?? `${role}${values.province ? `-${values.province}` : ''}`,
    role,
    ...(values.province ? { province: values.province } : {}),
    ...(values.unit ? { unit: values.unit } : {}),
    ...(values.commune ? { commune: values.commune } : {}),
    ...(values.app ? { app: values.app } : { app: 'cli' }),
  };
  const check = Claims.safeParse({ ...claims, exp: 1 });
  if (!check.success) throw new Error(check.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const key = resolveKey(config.auth, config.store === 'memory' ? null : config.dataDir);
  process.stdout.write(`${mintToken(key, claims, Number(values.hours) * 3600)}\n`);
} catch (err) {
  const message = err instanceof ConfigError || err instanceof Error ? err.message : String(err);
  const usage = `npm run token -- --role ${Role.options.join('|')} [--province NN] [--unit so-tai-chinh] [--commune 24781] [--sub name] [--app id] [--hours 8]`;
  process.stderr.write(`${message}\nusage: ${usage}\n`);
  process.exitCode = 2;
}
