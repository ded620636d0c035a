import { Segmented, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { TASK_KINDS, type TaskKind } from '../../../../../libs/domain/enums';
import type { CycleOption, TaskStatus } from './inbox-api';

export interface Filters {
  status: TaskStatus;
  kind: TaskKind | undefined;
  cycleId: string | undefined;
}

/** Open/done, kind of task and cycle; kept in the page's address so a reload or a link keeps them. */
export function TaskFilters({ value, onChange, cycles }: { value: Filters; onChange: (next: Filters) => void; cycles: CycleOption[] }) {
  const { t } = useTranslation();
  return (
    <div className="inbox-filters">
      <Segmented<TaskStatus>
        aria-label={t('inbox:status')}
        value={value.status}
        onChange={(status) => onChange({ ...value, status })}
        options={[
          { value: 'open', label: t('inbox:open') },
          { value: 'done', label: t('inbox:done') },
        ]}
      />
      <Select<TaskKind | undefined>
        aria-label={t('inbox:filterKind')}
        className="inbox-select"
        allowClear
        placeholder={t('inbox:allKinds')}
        value={value.kind}
        onChange={(kind) => onChange({ ...value, kind: kind ?? undefined })}
        options={TASK_KINDS.map((k) => ({ value: k, label: t(`taskKind.${k}`) }))}
      />
      <Select<string | undefined>
        aria-label={t('inbox:filterCycle')}
        className="inbox-select"
        allowClear
        placeholder={t('inbox:allCycles')}
        value={value.cycleId}
        onChange={(cycleId) => onChange({ ...value, cycleId: cycleId ?? undefined })}
        options={cycles.map((c) => ({ value: c.id, label: c.title ?? String(c.year) }))}
      />
    </div>
  );
}
