import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ERROR_RESPONSES } from '../http/errors.js';
import { fileStore } from './file-store.js';

/** A stored file's 200 response (an image or a PDF, sent as it is, never serialised). */
export const STORED_FILE = z.string().meta({ description: '文件（图片或 PDF）', format: 'binary' });
/** Every stored-file download's responses: the file, or an error as JSON like any other route's. */
export const STORED_FILE_RESPONSES = { 200: STORED_FILE, ...ERROR_RESPONSES };

/**
 * Sends a stored file. The caller has already found its row inside the account's scope (a 404 otherwise) and
 * knows its type from that row (checked by content at upload): the browser is told not to guess another
 * (nosniff), not to keep it in a shared cache (private), and to show it in place (inline) under its name.
 */
export async function sendStoredFile(
  reply: FastifyReply,
  key: string,
  contentType: string,
  fileName?: string,
): Promise<void> {
  const bytes = await fileStore().read(key);
  reply
    .type(contentType)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, max-age=3600')
    .header('content-disposition', fileName ? `inline; filename*=UTF-8''${encodeURIComponent(fileName)}` : 'inline');
  await reply.send(bytes);
}
