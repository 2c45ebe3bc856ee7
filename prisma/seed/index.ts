// Seeds the tutoring program's database with a realistic district.
//   tsx prisma/seed/index.ts [--scale demo|large] [--if-empty] [--reset] [--today YYYY-MM-DD] [--open-today]
// (--open-today, for browser tests: today is a school day whatever the date, and the
// demo tutor has sessions today.)
// Deterministic for a given scale and today (default: today in the district's
// time zone). Runs in one transaction: a failure leaves the database as it was.
import { hash } from '@node-rs/argon2';
import pg from 'pg';
import { describeDbError, requireDatabaseUrl } from '../../lib/db/url';
import { refreshAllWithPg } from '../../lib/metrics/rollup-refresh';
import { parseIsoDate, type IsoDate } from '../../lib/dates';
import { localToday } from './calendar';
import { buildDistrict } from './district';
import { TIME_ZONE, type SeedContext } from './model';
import { randomFor } from './random';
import { isScaleName, SCALES, type ScaleName } from './scale';
import { printSummary } from './summary';
import { writeDistrict } from './write';

const USAGE =
  'usage: tsx prisma/seed/index.ts [--scale demo|large] [--if-empty] [--reset] [--today YYYY-MM-DD] [--open-today]';
const DEMO_PASSWORD = 'demo1234';

interface Options {
  scale: ScaleName;
  ifEmpty: boolean;
  reset: boolean;
  today: IsoDate;
  openToday: boolean;
}

class UsageError extends Error {}

/**
 * The benchmark district is a whole school year of history (36 weeks, about a
 * million attendance rows), so by default it is the most recent year that has
 * ended: "today" becomes the July 1st after it.
 */
function afterLastCompletedSchoolYear(today: IsoDate): IsoDate {
  const year = Number(today.slice(0, 4));
  return `${Number(today.slice(5, 7)) >= 7 ? year : year - 1}-07-01`;
}

function parseOptions(args: readonly string[]): Options {
  const options: Options = {
    scale: 'demo',
    ifEmpty: false,
    reset: false,
    today: localToday(TIME_ZONE),
    openToday: false,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split('=', 2) : [arg, undefined];
    const value = (): string => {
      const next = inline ?? args[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    if (flag === '--if-empty') options.ifEmpty = true;
    else if (flag === '--reset') options.reset = true;
    else if (flag === '--open-today') options.openToday = true;
    else if (flag === '--scale') {
      const scale = value();
      if (!isScaleName(scale)) throw new UsageError(`unknown scale "${scale}" (demo or large)`);
      options.scale = scale;
    } else if (flag === '--today') {
      const today = value();
      try {
        options.today = parseIsoDate(today);
      } catch {
        throw new UsageError(`--today must be a date like 2026-11-23 (got "${today}")`);
      }
    } else throw new UsageError(`unknown option "${arg}"`);
  }
  if (options.ifEmpty && options.reset) throw new UsageError('--if-empty and --reset cannot be used together');
  const todayGiven = args.some((arg) => arg === '--today' || arg.startsWith('--today='));
  if (options.scale === 'large' && !todayGiven) options.today = afterLastCompletedSchoolYear(options.today);
  return options;
}

async function countSites(client: pg.PoolClient): Promise<number> {
  try {
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM "site"');
    return rows[0]?.n ?? 0;
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') {
      throw new Error('the database has no tables yet: apply the migrations first (npm run db:migrate)');
    }
    throw error;
  }
}

/** Every app table; audit_event refuses DELETE but not TRUNCATE. */
async function truncateAll(client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename`,
  );
  if (rows.length > 0)
    await client.query(`TRUNCATE ${rows.map((row) => `"${row.name}"`).join(', ')} RESTART IDENTITY CASCADE`);
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

async function seed(client: pg.PoolClient, options: Options): Promise<number> {
  const started = performance.now();
  await client.query('BEGIN');
  // Two seeds started at once would both see an empty database.
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('tutoring-seed'))`);
  const sites = await countSites(client);
  if (sites > 0 && !options.reset) {
    await client.query('ROLLBACK');
    if (options.ifEmpty) {
      console.log('Database already has data; seed skipped.');
      return 0;
    }
    console.error(
      `The database already has data (${sites} sites). Run with --reset to replace it, or --if-empty to skip.`,
    );
    return 1;
  }
  if (options.reset) await truncateAll(client);

  const scale = SCALES[options.scale];
  console.error(`Seeding the ${scale.name} district for ${options.today}…`);
  const ctx: SeedContext = {
    scale,
    today: options.today,
    openToday: options.openToday,
    passwordHash: await hash(DEMO_PASSWORD),
    random: (...purpose) => randomFor('tutoring-seed', scale.name, options.today, ...purpose),
    ids: randomFor('tutoring-seed', scale.name, options.today, 'ids'),
  };
  const { district, history } = buildDistrict(ctx);
  const built = seconds(started);
  console.error(
    `Built in memory in ${built}: ${district.groups.length} groups; ${history.moved} students moved between groups, ${history.joinedLate} joined late.`,
  );
  await writeDistrict(client, ctx, district);
  await client.query('COMMIT');
  const written = seconds(started);
  await client.query('ANALYZE');
  // The triggers marked every (group, week) written: build the dashboards' rollup now,
  // so nobody's first page view waits for it (the app's fact worker would otherwise).
  const pairs = await refreshAllWithPg(client);
  console.error(`Dashboard facts built: ${pairs} (group, week) pairs (${seconds(started)} in all).`);
  await printSummary(client, district, options.today, `Done in ${written} (built in ${built}).`);
  return 0;
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  const pool = new pg.Pool({ connectionString: requireDatabaseUrl(), max: 1 });
  const client = await pool.connect();
  try {
    return await seed(client, options);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
    await pool.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Seed failed: ${describeDbError(error)}`);
    process.exit(1);
  },
);
