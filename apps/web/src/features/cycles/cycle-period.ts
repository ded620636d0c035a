import type { TFunction } from 'i18next';
import type { CyclePeriod } from '../../../../../libs/domain/cycle-period';

/** A cycle's period with its year as users read it: "Quý 2/2026", "Cả năm 2026". A cycle without one is a year cycle. */
export function periodText(t: TFunction, year: number, period: CyclePeriod | undefined): string {
  const p = period ?? { kind: 'year' };
  switch (p.kind) {
    case 'year':
      return t('cycles:period.yearOf', { year });
    case 'quarter':
      return t('cycles:period.quarterOf', { quarter: p.quarter, year });
    case 'term':
      return t('cycles:period.termOf', { year });
    case 'ad_hoc':
      return t('cycles:period.adHocOf', { title: p.title, year });
  }
}
