import type ExcelJS from 'exceljs';

/** The writable side of the zip entry a streaming sheet writes into (a readable-stream PassThrough). */
interface EntryStream {
  _writableState?: { length: number; needDrain: boolean };
  once(event: 'drain', listener: () => void): unknown;
}

/**
 * exceljs's streaming sheet writes its rows into the zip entry without heeding backpressure (its
 * StreamBuf ignores what `write()` answers), so rows read from the database faster than the
 * deflater packs them pile up as XML in memory: ≈30 MB per 100,000 rows. These read exceljs's
 * internals (`_stream.pipes[0]`), which the unit test `sheet-backpressure` pins.
 */
function entryOf(sheet: ExcelJS.Worksheet): EntryStream | undefined {
  return (sheet as unknown as { _stream?: { pipes?: EntryStream[] } })._stream?.pipes?.[0];
}

/** Bytes of the sheet's XML written but not yet taken by the zip; undefined before the entry is piped. */
export function pendingSheetBytes(sheet: ExcelJS.Worksheet): number | undefined {
  return entryOf(sheet)?._writableState?.length;
}

/** Waits until the zip has taken the rows written so far, so memory stays flat whatever the sheet's length. */
export async function sheetDrained(sheet: ExcelJS.Worksheet): Promise<void> {
  const entry = entryOf(sheet);
  if (!entry?._writableState?.needDrain) return;
  await new Promise<void>((resolve) => entry.once('drain', resolve));
}
