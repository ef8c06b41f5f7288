/**
 * File storage (platform): uploaded files by opaque key, the image checks every upload goes through, and the
 * download answer. Modules keep their own table of what a file is and whom it belongs to.
 */
export { configureFileStore, diskFileStore, type FileStore, fileStore } from './file-store.js';
export { checkImage, IMAGE_MAX_BYTES, type ImageType, sniffImage, stripImageMetadata } from './images.js';
export { checkPdf, PDF_MAX_BYTES } from './pdf.js';
export { STORED_FILE, STORED_FILE_RESPONSES, sendStoredFile } from './send.js';
