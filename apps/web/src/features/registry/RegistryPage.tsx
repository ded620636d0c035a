import { Card, Col, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canAdminister, useMe } from '../../auth/me';
import { ImportRegistry } from './ImportRegistry';
import { ImportSpreadsheet } from './ImportSpreadsheet';
import { OrgTree } from './OrgTree';
import { RegistrySearch } from './RegistrySearch';
import { UnitPeople } from './UnitPeople';
import type { UnitRow } from './registry-api';
import './registry.css';

/** /registry — browse the organisation tree, find a unit or person, import the registry (admin). */
export function RegistryPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [unit, setUnit] = useState<Pick<UnitRow, 'id' | 'name'> | null>(null);
  return (
    <Space orientation="vertical" size="middle" className="registry-page">
      <Typography.Title level={2} className="registry-title">
        {t('registry:title')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('registry:tree')} size="small">
            <Space orientation="vertical" className="registry-stack">
              <RegistrySearch onPick={setUnit} />
              <OrgTree selected={unit?.id ?? null} onSelect={setUnit} />
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={unit ? t('registry:people.title', { unit: unit.name }) : t('registry:people.title', { unit: '…' })}>
            {unit ? <UnitPeople unitId={unit.id} /> : <Typography.Text type="secondary">{t('registry:people.pick')}</Typography.Text>}
          </Card>
        </Col>
        {me.data && canAdminister(me.data) ? (
          <>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('registry:sheet.title')}>
                <ImportSpreadsheet />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('registry:import.title')}>
                <ImportRegistry />
              </Card>
            </Col>
          </>
        ) : null}
      </Row>
    </Space>
  );
}
