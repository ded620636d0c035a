// Strings of the inbox feature (namespace 'inbox'), Vietnamese first.
export const inboxLocales = {
  vi: {
    title: 'inbox',
  },
  en: {
    title: 'inbox',
  },
};
