// The part of unzipper (exceljs's own zip reader, 0.10) that the roster import uses: random access by the
// central directory of a zip held in memory.
declare module 'unzipper' {
  import type { Readable } from 'node:stream';

  export interface File {
    path: string;
    type: 'File' | 'Directory';
    uncompressedSize: number;
    stream(password?: string): Readable;
  }

  export interface CentralDirectory {
    files: File[];
  }

  const unzipper: {
    Open: { buffer(data: Buffer): Promise<CentralDirectory> };
  };
  export default unzipper;
}
