// The views the snapshot keeper keeps whether or not anyone asked yet today: what a
// leader sees first on each district page (its default filters). Each built from the same
// spec function the page uses, so the page finds the keeper's snapshot by the same key.
import 'server-only';
import { db } from '@/lib/db';
import { dashboardContext, districtViewSpec } from '@/lib/dashboard/queries';
import { equityContext, equityViewSpec } from '@/lib/equity/view';
import { metricsPolicy } from '@/lib/metrics/scope';
import { costViewSpec, resolveCostWindow } from '@/lib/review/costs';
import { resolveWeek } from '@/lib/review/week';
import { weeklyReviewSpec } from '@/lib/review/weekly';
import type { ViewSpec } from './served';

export async function defaultViews(): Promise<ViewSpec<unknown>[]> {
  const specs: ViewSpec<unknown>[] = [];
  const dashboard = await dashboardContext({ level: 'district' }, {});
  if (dashboard.filters) specs.push(districtViewSpec({ ...dashboard, filters: dashboard.filters }));
  const equity = await equityContext({});
  if (equity.filters) specs.push(equityViewSpec({ ...equity, filters: equity.filters }));
  const policy = await metricsPolicy(db);
  specs.push(weeklyReviewSpec({ week: resolveWeek(undefined, policy.today).week, policy }));
  const costs = await resolveCostWindow({}, policy.today);
  if (costs.cycle) specs.push(costViewSpec({ cycleId: costs.cycle.id, from: costs.from, to: costs.to, policy }));
  return specs;
}
