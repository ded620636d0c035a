import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { rememberLanguage, type Language } from '../i18n/i18n';

/** One click to the other language; the choice is kept on this device. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const next: Language = i18n.language === 'vi' ? 'en' : 'vi';
  return (
    <Button
      icon={<GlobalOutlined />}
      aria-label={`${t('language')}: ${t('switchTo')}`}
      data-testid="language-switch"
      onClick={() => {
        rememberLanguage(next);
        void i18n.changeLanguage(next);
      }}
    >
      {t('switchTo')}
    </Button>
  );
}
