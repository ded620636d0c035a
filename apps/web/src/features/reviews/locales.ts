// Strings of the reviews feature (namespace 'reviews'), Vietnamese first.
export const reviewsLocales = {
  vi: {
    title: 'reviews',
  },
  en: {
    title: 'reviews',
  },
};
