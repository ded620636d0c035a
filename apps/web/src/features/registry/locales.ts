// Strings of the registry feature (namespace 'registry'), Vietnamese first.
export const registryLocales = {
  vi: {
    title: 'registry',
  },
  en: {
    title: 'registry',
  },
};
