// Accent- and case-insensitive matching of Vietnamese names without a PostgreSQL extension
// (`unaccent` is not guaranteed on every server): the column is folded with translate() and the
// search text with the same table in JS, so "ha noi" finds "Hà Nội" and "dang" finds "Đặng".

const ACCENTED =
  'áàảãạăắằẳẵặâấầẩẫậéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵđ' +
  'ÁÀẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÉÈẺẼẸÊẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÚÙỦŨỤƯỨỪỬỮỰÝỲỶỸỴĐ';
const PLAIN =
  'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd' +
  'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd';

const PLAIN_OF = new Map([...ACCENTED].map((ch, i) => [ch, PLAIN[i]!]));

/** The search text folded as `foldedSql` folds a column: NFC, accents off, ASCII lower case. */
export function foldAccents(text: string): string {
  return [...text.normalize('NFC')].map((ch) => PLAIN_OF.get(ch) ?? ch).join('').toLowerCase();
}

/** SQL: the column folded like `foldAccents` (lower() after translate(), so a C-locale server folds the same). */
export function foldedSql(column: string): string {
  return `lower(translate(${column}, '${ACCENTED}', '${PLAIN}'))`;
}

/** An ILIKE pattern for "contains `text`", its wildcards escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
