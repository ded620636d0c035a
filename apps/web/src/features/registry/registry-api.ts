import { useQuery } from '@tanstack/react-query';
import { api, query } from '../../lib/api-client';
import type { ApiError } from '../../lib/api-error';
import type { ApiItem, ApiSchema } from '../../lib/api-types';
import { useAction } from '../../lib/use-action';

/** A unit as GET /org/units lists it. */
export type UnitRow = ApiItem<'UnitListPage'>;

/** A person as GET /org/people lists it. */
export type PersonRow = ApiItem<'PersonListPage'>;

/** A person as GET /org/units/:id/people lists it: what the reader may see. */
export type UnitPersonRow = ApiItem<'UnitPersonPage'>;

/** The children of a unit, or the top units of my scope when no parent is given. */
export function fetchUnitChildren(parentId: string | null): Promise<ApiSchema<'UnitListPage'>> {
  return api.get<ApiSchema<'UnitListPage'>>(`/org/units${query({ parentId, limit: 500 })}`);
}

export function useUnitSearch(q: string) {
  return useQuery<ApiSchema<'UnitListPage'>, ApiError>({
    queryKey: ['org', 'units', 'search', q],
    queryFn: () => api.get(`/org/units${query({ q, limit: 20 })}`),
    enabled: q.trim().length > 0,
  });
}

export function usePeopleSearch(q: string) {
  return useQuery<ApiSchema<'PersonListPage'>, ApiError>({
    queryKey: ['org', 'people', 'search', q],
    queryFn: () => api.get(`/org/people${query({ q, limit: 20 })}`),
    enabled: q.trim().length > 0,
  });
}

export function useUnitPeople(unitId: string | null) {
  return useQuery<ApiSchema<'UnitPersonPage'>, ApiError>({
    queryKey: ['org', 'unit-people', unitId],
    queryFn: () => api.get(`/org/units/${encodeURIComponent(unitId!)}/people${query({ limit: 500 })}`),
    enabled: unitId !== null,
  });
}

export type ImportResult = ApiSchema<'ImportResult'>;

/** POST /org/import: all or nothing; the tree and lists are read again after it. */
export function useImportRegistry() {
  return useAction<unknown, ImportResult>((body, key) => api.post<ImportResult>('/org/import', body, { idempotencyKey: key }), { invalidate: [['org']] });
}

export type SpreadsheetLang = 'vi' | 'en';

/** GET /org/import/template: a plain link, so the browser downloads it with the session cookie. */
export function templateUrl(format: 'xlsx' | 'csv', lang: SpreadsheetLang, sheet?: 'units' | 'people'): string {
  return `/api/v1/org/import/template${query({ format, lang, sheet })}`;
}

const SPREADSHEET_TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
};

/** POST /org/import/spreadsheet with the file as the body; errors name sheet!cell in `lang`. */
export function useImportSpreadsheet(onProgress: (percent: number) => void) {
  return useAction<{ file: File; lang: SpreadsheetLang }, ImportResult>(
    ({ file, lang }, key) => {
      const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
      const typed = new Blob([file], { type: SPREADSHEET_TYPES[extension] ?? file.type });
      return api.upload<ImportResult>(`/org/import/spreadsheet${query({ lang })}`, typed, { idempotencyKey: key, onProgress });
    },
    { invalidate: [['org']] },
  );
}
