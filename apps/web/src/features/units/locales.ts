// Strings of the units feature (namespace 'units'), Vietnamese first.
export const unitsLocales = {
  vi: {
    title: 'units',
  },
  en: {
    title: 'units',
  },
};
