import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Lease } from '../lease.ts';

/**
 * A session-level PostgreSQL advisory lock on a connection of its own: held while that connection
 * lives, released by `release()` or by the server when the connection (or the process) dies.
 */
export class AdvisoryLease implements Lease {
  private client: pg.Client | null = null;
  /** The lock's 64-bit key, from the lease's name (schema-qualified, so schemas do not share it). */
  private readonly key: string;

  constructor(
    private readonly connectionString: string,
    name: string,
  ) {
    this.key = BigInt.asIntN(
      64,
      BigInt(`0x${createHash('sha256').update(name).digest('hex').slice(0, 16)}`),
    ).toString();
  }

  async tryAcquire(onLost: () => void): Promise<boolean> {
    if (this.client !== null) return true;
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('error', () => undefined);
    await client.connect();
    try {
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS ok', [this.key]);
      if (rows[0]?.ok !== true) {
        await client.end();
        return false;
      }
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    this.client = client;
    client.on('end', () => {
      if (this.client !== client) return;
      this.client = null;
      onLost();
    });
    return true;
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client === null) return;
    await client.query('SELECT pg_advisory_unlock($1::bigint)', [this.key]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
