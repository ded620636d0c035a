import { Alert, type FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../lib/api-error';
import { showFieldErrors } from '../lib/form-errors';
import { localMessage } from '../lib/server-messages';

/**
 * Shows a failed request in words a person reads: with a form, each problem lands next to the
 * field it names and only the rest is shown here.
 */
export function ErrorAlert({ error, form }: { error: ApiError | null | undefined; form?: FormInstance }) {
  const { t, i18n } = useTranslation();
  const [unplaced, setUnplaced] = useState<string[]>([]);

  useEffect(() => {
    setUnplaced(error && form ? showFieldErrors(form, error, i18n.language) : (error?.errors ?? []).map((e) => `${e.path}: ${localMessage(e.message, i18n.language)}`));
  }, [error, form, i18n.language]);

  if (!error) return null;
  const title =
    error.status === 0
      ? t('error.network')
      : error.status >= 500
        ? t('error.server', { status: error.status })
        : error.status === 401
          ? t('error.unauthenticated')
          : (error.detail ?? error.title ?? t('error.generic'));
  const placedAll = error.errors.length > 0 && unplaced.length === 0;
  return (
    <Alert
      className="error-alert"
      type="error"
      showIcon
      role="alert"
      title={placedAll ? t('error.fields') : title}
      description={unplaced.length > 0 ? <ul>{unplaced.map((line) => <li key={line}>{line}</li>)}</ul> : undefined}
    />
  );
}
