import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';

// pdfmake's Roboto covers the Vietnamese letters (ă, ơ, ư, đ and the stacked tone marks).
const fontDir = join(dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')), 'build', 'fonts', 'Roboto');
pdfmake.setFonts({
  Roboto: {
    normal: join(fontDir, 'Roboto-Regular.ttf'),
    bold: join(fontDir, 'Roboto-Medium.ttf'),
    italics: join(fontDir, 'Roboto-Italic.ttf'),
    bolditalics: join(fontDir, 'Roboto-MediumItalic.ttf'),
  },
});
// Documents are built from our own data only: no file or URL is ever fetched while rendering.
pdfmake.setLocalAccessPolicy((path: string) => path.startsWith(fontDir));
pdfmake.setUrlAccessPolicy(() => false);

/** Renders a document definition (A4 unless it says otherwise) to PDF bytes. */
export function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  return pdfmake.createPdf({ pageSize: 'A4', pageMargins: [56, 48, 48, 48], defaultStyle: { font: 'Roboto', fontSize: 10 }, ...doc }).getBuffer();
}
