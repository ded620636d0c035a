import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { pendingSheetBytes, sheetDrained } from '../../apps/api/documents/sheet-backpressure.js';

const ROWS = 40_000;
const BATCH = 500;

/**
 * Writes rows as the report export does (batches of 500) into a client slower than exceljs,
 * and returns the most XML that ever waited in the zip entry.
 */
async function largestPile(waitForZip: boolean): Promise<number> {
  const slowClient = new Writable({ write: (_chunk, _encoding, done) => void setTimeout(done, 1) });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: slowClient, useStyles: false, useSharedStrings: false });
  const sheet = book.addWorksheet('Đối tượng');
  let largest = 0;
  for (let i = 0; i < ROWS; i++) {
    sheet.addRow([`p-${i}`, `Nguyễn Văn Thành viên ${i}`, 'Đảng viên', `u-${i % 500}`, 'Chi bộ Khu phố 3', 'done', 'Hoàn thành tốt nhiệm vụ', 87.5]).commit();
    if (i % BATCH === BATCH - 1) {
      const pending = pendingSheetBytes(sheet);
      assert.notEqual(pending, undefined, "exceljs's sheet entry was not found: its internals changed");
      largest = Math.max(largest, pending!);
      if (waitForZip) await sheetDrained(sheet);
      else await nextTurn();
    }
  }
  sheet.commit();
  await book.commit();
  return largest;
}

describe('a streamed sheet waits for its zip entry', () => {
  it('keeps the XML waiting for the zip under 1 MiB for 40,000 rows, where not waiting piles up several', async () => {
    const waiting = await largestPile(true);
    const notWaiting = await largestPile(false);
    assert.ok(waiting < 2 ** 20, `waiting: ${waiting} bytes piled up`);
    assert.ok(notWaiting > 4 * 2 ** 20, `not waiting: only ${notWaiting} bytes piled up, so this test could not fail`);
  });
});
