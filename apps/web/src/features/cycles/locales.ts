// Strings of the cycles feature (namespace 'cycles'), Vietnamese first.
export const cyclesLocales = {
  vi: {
    title: 'cycles',
  },
  en: {
    title: 'cycles',
  },
};
