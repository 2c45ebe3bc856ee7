// A Prisma client that records EXPLAIN (ANALYZE, BUFFERS) of every raw query it runs
// (the metrics queries are raw SQL), for the benchmarks' output: a regression in a plan
// shows in docs/ beside the figure it slows.
import { Prisma, type PrismaClient } from '../lib/generated/prisma/client';

export interface ExplainedQuery {
  /** The query's first line of SQL, trimmed, as a label. */
  label: string;
  ms: number;
  plan: string;
}

/** `db` with $queryRaw explained first (the plan's own run is separate from the timed one). */
export function explainingClient(db: PrismaClient, sink: ExplainedQuery[]): PrismaClient {
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property !== '$queryRaw') return Reflect.get(target, property, receiver);
      return async (first: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => {
        const sql = first instanceof Prisma.Sql ? first : Prisma.sql(first, ...values);
        const plan = await target.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(
          `EXPLAIN (ANALYZE, BUFFERS) ${sql.text}`,
          ...sql.values,
        );
        const text = plan.map((r) => r['QUERY PLAN']).join('\n');
        const ms = Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1] ?? NaN);
        sink.push({ label: sql.text.replace(/\s+/g, ' ').trim().slice(0, 90), ms, plan: text });
        return target.$queryRaw(sql);
      };
    },
  });
}
