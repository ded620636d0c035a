// Strings of the audit feature (namespace 'audit'), Vietnamese first.
export const auditLocales = {
  vi: {
    title: 'audit',
  },
  en: {
    title: 'audit',
  },
};
