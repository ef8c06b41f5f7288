import { invalid } from '../http/errors.js';

/** A PDF upload's limit (slides run larger than a photo). */
export const PDF_MAX_BYTES = 10 * 1024 * 1024;

/** Checks a PDF by content (`%PDF-` at the start), at most 10 MB; a Chinese 400 naming `field` otherwise. */
export function checkPdf(bytes: Buffer, field: string): { contentType: 'application/pdf' } {
  if (bytes.length < 5 || bytes.toString('latin1', 0, 5) !== '%PDF-') throw invalid(field, '只能上传 PDF 文件');
  if (bytes.length > PDF_MAX_BYTES) throw invalid(field, `PDF 文件不能超过${PDF_MAX_BYTES / 1024 / 1024}MB`);
  return { contentType: 'application/pdf' };
}
