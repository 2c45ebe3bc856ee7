// A placement's probe series as growth reads it: its scores on its group's measure as
// compact text, "day:KIND:score" joined by commas (day = days since 2000-01-01), by
// date then kind (a third of json_agg's time on a large district). The one expression
// both the fact worker's probe_series rows (./rollup-refresh.ts) and a live read
// (./growth-queries.ts) use. No "server-only": the worker's scripts import it too.
import { Prisma } from '@/lib/generated/prisma/client';

/** The series of the probes `p` (aggregate; '' without any). */
export const probeScoresSql = Prisma.sql`COALESCE(string_agg((p."administeredOn" - DATE '2000-01-01')::text || ':' || p.kind::text || ':' || (p.score::float8)::text, ','
  ORDER BY p."administeredOn", p.kind), '')`;
