import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { unavailable } from './requirement.js';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * The PostgreSQL server `.ci/services.sh` starts (DPRK_TEST_POSTGRES_URL, or .ci/services.env).
 * Without one the PostgreSQL tests skip on a developer machine, and fail in CI (CI=true).
 */
export function postgresUrl(): string | undefined {
  let url = process.env.DPRK_TEST_POSTGRES_URL;
  const file = join(ROOT, '.ci/services.env');
  if (!url && existsSync(file)) url = /^DPRK_TEST_POSTGRES_URL=(.+)$/m.exec(readFileSync(file, 'utf8'))?.[1]?.trim();
  if (url) return url;
  unavailable('PostgreSQL history tests', 'no PostgreSQL: no DPRK_TEST_POSTGRES_URL', 'run .ci/services.sh (it writes .ci/services.env)');
  return undefined;
}

/** A fresh, empty database on that server for one test; `drop` removes it. */
export async function freshDatabase(base: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `dprk_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
