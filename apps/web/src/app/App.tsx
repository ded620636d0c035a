import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiError } from '../lib/api-error';
import { routes } from './routes';

const router = createBrowserRouter(routes);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Reads are retried only when the failure may pass (network, 5xx); a 4xx is an answer.
      retry: (count, error) => error instanceof ApiError && error.retryable && count < 2,
      refetchOnWindowFocus: true,
    },
  },
});

/** The nonce the server put in the page, for the styles Ant Design writes (strict CSP). */
function cspNonce(): string | undefined {
  const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
  return nonce && nonce !== '__CSP_NONCE__' ? nonce : undefined;
}

// The brand red, except around a focused field: a red outline there reads as an error.
const FOCUS = { activeBorderColor: '#1f4e79', hoverBorderColor: '#1f4e79', activeShadow: '0 0 0 2px rgba(31, 78, 121, 0.15)' };
const theme = {
  // Ant Design's greys, placeholders, link blue and error red fall under WCAG AA's 4.5:1 on white
  // (axe-core, test/web/accessibility.web.test.ts): darker ones, same look.
  token: {
    colorPrimary: '#b71c1c',
    colorLink: '#1f4e79',
    colorError: '#c62828',
    colorSuccess: '#2e7d32',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextQuaternary: 'rgba(0, 0, 0, 0.56)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
  },
  components: { Input: FOCUS, InputNumber: FOCUS, DatePicker: FOCUS, Select: { activeBorderColor: FOCUS.activeBorderColor, hoverBorderColor: FOCUS.hoverBorderColor, activeOutlineColor: 'rgba(31, 78, 121, 0.15)' } },
};

export function App() {
  const { i18n } = useTranslation();
  const vietnamese = i18n.language === 'vi';
  dayjs.locale(vietnamese ? 'vi' : 'en');
  return (
    <ConfigProvider locale={vietnamese ? viVN : enUS} csp={{ nonce: cspNonce() }} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
