import { PassThrough } from 'node:stream';
import { writeXlsxTemplate } from '../apps/api/org/spreadsheet/template-writer.js';
import type { PersonImport, RegistryImport, UnitImport } from '../libs/domain/org/import-rules.js';
import type { LaunchTarget } from './cycle-launch.js';
import { duration, type Measurement } from './measure.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A province the size of Nam Dinh (DOMAIN.md): 15 districts → 61 grassroots each → 5 cells each,
 * about 5,500 units; `people` members spread over the cells, every unit with a secretary.
 */
export function provinceRegistry(root: string, people: number): RegistryImport {
  const units: UnitImport[] = [{ id: root, parentId: null, name: `Tỉnh ${root}`, kind: 'province' }];
  for (let d = 1; d <= 15; d++) {
    const district = `${root}-d${d}`;
    units.push({ id: district, parentId: root, name: `Huyện ${d}`, kind: 'district' });
    for (let g = 1; g <= 61; g++) {
      const grassroots = `${district}-g${g}`;
      units.push({ id: grassroots, parentId: district, name: `Đảng bộ xã ${d}.${g}`, kind: 'grassroots' });
      for (let c = 1; c <= 5; c++) units.push({ id: `${grassroots}-c${c}`, parentId: grassroots, name: `Chi bộ ${d}.${g}.${c}`, kind: 'cell' });
    }
  }
  const persons: PersonImport[] = units.map((u) => ({ id: `${u.id}-bt`, name: `Bí thư ${u.name}`, unitId: u.id, position: 'secretary' }));
  const cells = units.filter((u) => u.kind === 'cell');
  for (let i = 0; persons.length < people; i++) {
    const cell = cells[i % cells.length]!;
    persons.push({ id: `${cell.id}-m${i}`, name: `Đảng viên Nguyễn Văn ${i}`, unitId: cell.id, position: 'member' });
  }
  return { units, people: persons };
}

async function xlsxOf(registry: RegistryImport): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeXlsxTemplate(out, 'vi', {
    units: registry.units.map((u) => ({ id: u.id, parentId: u.parentId ?? '', name: u.name, kind: u.kind })),
    people: registry.people.map((p) => ({ id: p.id, name: p.name, unitId: p.unitId, position: p.position })),
  });
  return Buffer.concat(chunks);
}

async function post(target: LaunchTarget, path: string, body: Buffer | string, contentType: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${target.baseUrl}/api/v1${path}`, { method: 'POST', headers: { authorization: `Bearer ${target.token}`, 'content-type': contentType }, body: typeof body === 'string' ? body : new Uint8Array(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${text.slice(0, 500)}`);
  return performance.now() - started;
}

/**
 * (h) a province's registry as one XLSX upload (POST /org/import/spreadsheet), next to the
 * engine's ceiling: a province of the same shape as one JSON POST /org/import. Both create
 * every record (two provinces with their own ids).
 */
export async function measureSpreadsheetImport(target: LaunchTarget, people: number): Promise<Measurement[]> {
  const sheet = provinceRegistry('bench-xlsx', people);
  const json = provinceRegistry('bench-json', people);
  const started = performance.now();
  const file = await xlsxOf(sheet);
  const built = performance.now() - started;
  const records = sheet.units.length + sheet.people.length;
  const shape = `${sheet.units.length} units + ${sheet.people.length} people`;
  const body = JSON.stringify(json);
  return [
    duration('(h) XLSX template written (exceljs streaming writer, in the bench)', records, built, `${shape}; ${(file.length / 2 ** 20).toFixed(1)} MiB`),
    duration('(h) XLSX import, one POST /org/import/spreadsheet', records, await post(target, '/org/import/spreadsheet', file, XLSX_TYPE), `${shape}; read, converted, checked, stored`),
    duration('(h) ceiling: the same shape as JSON, one POST /org/import', records, await post(target, '/org/import', body, 'application/json'), `${shape}; ${(Buffer.byteLength(body) / 2 ** 20).toFixed(1)} MiB of JSON`),
  ];
}
