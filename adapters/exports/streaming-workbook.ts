import { PassThrough } from 'node:stream';
import { Zip } from 'fflate';
import { CompressedSpool } from './compressed-spool.ts';
import { NativeDeflateEntry } from './native-deflate-entry.ts';
import {
  APP_PROPERTIES,
  contentTypes,
  coreProperties,
  escapeXml,
  HYPERLINK_REL,
  RELS_END,
  RELS_START,
  ROOT_RELS,
  SHEET_END,
  STYLE_IDS,
  STYLES,
  sheetStart,
  workbook,
  workbookRels,
} from './workbook-parts.ts';

/**
 * An XLSX workbook written as it goes: each row becomes SpreadsheetML text at once and is deflated into the zip,
 * so no sheet is ever held in memory. Strings are inline (no shared-string table to keep), numbers, booleans and
 * dates typed; a string is always a text cell, never a formula.
 */

export type CellStyle = 'instant' | 'day' | 'percent' | 'mean';
export type Cell = string | number | boolean | null | { value: number | Date; style: CellStyle } | { link: string };

const FLUSH_AT = 64 * 1024;
const MS_PER_DAY = 86_400_000;
/** 1970-01-01 as an Excel serial day (1900 date system). */
const EPOCH_SERIAL = 25_569;

const columnNames: string[] = [];
function column(index: number): string {
  let name = columnNames[index];
  if (name === undefined) {
    name = '';
    for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
    columnNames[index] = name;
  }
  return name;
}

const serial = (value: number | Date) =>
  typeof value === 'number' ? value : EPOCH_SERIAL + value.getTime() / MS_PER_DAY;

function textCell(ref: string, text: string, style: string): string {
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  const space = first <= 32 || last <= 32 ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${escapeXml(text)}</t></is></c>`;
}

interface OpenSheet {
  entry: NativeDeflateEntry;
  links: CompressedSpool;
  rels: CompressedSpool;
  index: number;
}

export class StreamingWorkbook {
  private readonly out = new PassThrough();
  private readonly zip: Zip;
  private readonly names: string[] = [];
  private sheet: OpenSheet | null = null;
  private xml = '';
  private row = 0;
  private linkCount = 0;
  private written = 0;

  constructor(
    private readonly creator: string,
    private readonly created: Date,
  ) {
    this.zip = new Zip((error, chunk, final) => {
      if (error) this.out.destroy(error);
      else {
        if (chunk.length) this.out.write(chunk);
        if (final) this.out.end();
      }
    });
  }

  /** The zip's bytes as they are made. */
  get output(): AsyncIterable<Uint8Array> {
    return this.out;
  }

  /** Rows on the current sheet, empty ones included. */
  get rows(): number {
    return this.row;
  }

  /** Bytes of SpreadsheetML on the current sheet so far, at most (a zip entry holds at most 4 GiB). */
  get sheetBytes(): number {
    return this.written + 3 * this.xml.length;
  }

  /** Ends the current sheet, if any, and starts another. */
  async addSheet(name: string, widths: readonly number[] = []): Promise<void> {
    await this.endSheet();
    this.names.push(name);
    const index = this.names.length;
    const entry = new NativeDeflateEntry(`xl/worksheets/sheet${index}.xml`, this.created);
    this.zip.add(entry);
    this.sheet = { entry, links: new CompressedSpool(), rels: new CompressedSpool(), index };
    this.row = 0;
    this.linkCount = 0;
    this.written = 0;
    this.xml = sheetStart(widths);
  }

  /** Appends a row; null cells and empty strings are left out, as is an empty row's content. */
  addRow(values: readonly Cell[]): void {
    const sheet = this.sheet;
    if (!sheet) throw new Error('addSheet before addRow');
    const r = ++this.row;
    if (values.length === 0) return;
    let xml = `<row r="${r}">`;
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (value === null || value === undefined || value === '') continue;
      const ref = column(i) + r;
      switch (typeof value) {
        case 'string':
          xml += textCell(ref, value, '');
          break;
        case 'number':
          if (Number.isFinite(value)) xml += `<c r="${ref}"><v>${value}</v></c>`;
          break;
        case 'boolean':
          xml += `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
          break;
        default:
          if ('link' in value) {
            const id = `rId${++this.linkCount}`;
            xml += textCell(ref, value.link, ` s="${STYLE_IDS.link}"`);
            sheet.links.add(`<hyperlink ref="${ref}" r:id="${id}"/>`);
            sheet.rels.add(
              `<Relationship Id="${id}" Type="${HYPERLINK_REL}" Target="${escapeXml(value.link)}" TargetMode="External"/>`,
            );
          } else xml += `<c r="${ref}" s="${STYLE_IDS[value.style]}"><v>${serial(value.value)}</v></c>`;
      }
    }
    this.xml += `${xml}</row>`;
    if (this.xml.length >= FLUSH_AT) this.flush();
  }

  /** Waits while zlib or the reader of the output is behind, so memory stays flat however many rows come. */
  async drained(): Promise<void> {
    await this.sheet?.entry.drained();
    const out = this.out;
    if (!out.writableNeedDrain || out.destroyed) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        out.off('drain', done).off('close', done);
        resolve();
      };
      out.on('drain', done).on('close', done);
    });
  }

  async finish(): Promise<void> {
    await this.endSheet();
    const sheets = this.names.length;
    await this.part('[Content_Types].xml', contentTypes(sheets));
    await this.part('_rels/.rels', ROOT_RELS);
    await this.part('docProps/app.xml', APP_PROPERTIES);
    await this.part('docProps/core.xml', coreProperties(this.creator, this.created));
    await this.part('xl/workbook.xml', workbook(this.names));
    await this.part('xl/_rels/workbook.xml.rels', workbookRels(sheets));
    await this.part('xl/styles.xml', STYLES);
    this.zip.end();
  }

  /** Stops writing: the output ends with this error. */
  abort(error: Error): void {
    this.sheet?.entry.terminate();
    this.out.destroy(error);
  }

  private flush(): void {
    if (!this.sheet || !this.xml) return;
    const bytes = Buffer.from(this.xml);
    this.written += bytes.length;
    this.xml = '';
    this.sheet.entry.write(bytes);
  }

  private async endSheet(): Promise<void> {
    const sheet = this.sheet;
    if (!sheet) return;
    this.xml += '</sheetData>';
    if (!sheet.links.empty) {
      this.xml += '<hyperlinks>';
      this.flush();
      for await (const block of sheet.links.read()) {
        sheet.entry.write(block);
        await sheet.entry.drained();
      }
      this.xml += '</hyperlinks>';
    }
    this.xml += SHEET_END;
    this.flush();
    this.sheet = null;
    await sheet.entry.end();
    if (!sheet.rels.empty) {
      const rels = new NativeDeflateEntry(`xl/worksheets/_rels/sheet${sheet.index}.xml.rels`, this.created);
      this.zip.add(rels);
      rels.write(Buffer.from(RELS_START));
      for await (const block of sheet.rels.read()) {
        rels.write(block);
        await rels.drained();
      }
      rels.write(Buffer.from(RELS_END));
      await rels.end();
    }
  }

  private async part(name: string, xml: string): Promise<void> {
    const entry = new NativeDeflateEntry(name, this.created);
    this.zip.add(entry);
    entry.write(Buffer.from(xml));
    await entry.end();
  }
}
