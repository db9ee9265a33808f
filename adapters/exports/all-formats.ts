import { ExportFormats } from '../../src/core/digest/export-formats.ts';
import { xlsxFormat } from './xlsx-format.ts';

/** Every export format: the core's (markdown, html, json, csv, polis) and XLSX, written as a zip stream. */
export function allExportFormats(): ExportFormats {
  return new ExportFormats().register(xlsxFormat);
}
