// Links between dashboard views and to their CSV downloads, keeping the filters. Pure.
import type { DashboardTarget } from './access';
import { filtersQuery, type DashboardFilters } from './filters';
import type { TableId } from './tables';

export function csvHref(target: DashboardTarget, filters: DashboardFilters, table: TableId): string {
  const { level, ...ids } = target;
  return `/api/dashboard/csv?${filtersQuery(target.level === 'district' ? filters : { ...filters, siteId: undefined }, { view: level, ...ids, table })}`;
}

export function withFilters(path: string, filters: DashboardFilters): string {
  return `${path}?${filtersQuery({ ...filters, siteId: undefined })}`;
}
