import i18next, { type ResourceLanguage } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { authLocales } from '../auth/locales';
import { auditLocales } from '../features/audit/locales';
import { cyclesLocales } from '../features/cycles/locales';
import { inboxLocales } from '../features/inbox/locales';
import { registryLocales } from '../features/registry/locales';
import { reviewsLocales } from '../features/reviews/locales';
import { unitsLocales } from '../features/units/locales';
import { common } from './common';

// Every string a person sees comes from these catalogs: one namespace per feature, Vietnamese
// first, English one click away. The choice is remembered on the device.
export type Language = 'vi' | 'en';
export const LANGUAGES: Language[] = ['vi', 'en'];
const STORAGE_KEY = 'rc.language';

const namespaces = {
  common,
  auth: authLocales,
  inbox: inboxLocales,
  reviews: reviewsLocales,
  units: unitsLocales,
  registry: registryLocales,
  cycles: cyclesLocales,
  audit: auditLocales,
};

function resources() {
  const out: Record<Language, Record<string, ResourceLanguage[string]>> = { vi: {}, en: {} };
  for (const [ns, catalog] of Object.entries(namespaces)) for (const lng of LANGUAGES) out[lng][ns] = catalog[lng] as ResourceLanguage[string];
  return out;
}

export function storedLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'vi';
}

export function rememberLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: resources(),
  lng: storedLanguage(),
  fallbackLng: 'vi',
  defaultNS: 'common',
  ns: Object.keys(namespaces),
  interpolation: { escapeValue: false },
  returnNull: false,
  // A key with no message would show the key itself (`page.history`): said loudly, and the
  // browser tests fail on it (test/web/support/browser.ts).
  saveMissing: true,
  missingKeyHandler: (_languages, namespace, key) => console.error(`missing message ${namespace}:${key}`),
});
document.documentElement.lang = storedLanguage();
