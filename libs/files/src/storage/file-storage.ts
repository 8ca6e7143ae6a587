import type { EntityManager } from 'typeorm';

/** The bytes a read returns: all of them, or the inclusive range asked for. */
export interface ByteRange {
  start: number;
  /** Inclusive, as in HTTP's Range. */
  end: number;
}

/**
 * Where the bytes of uploaded files live, content-addressed by SHA-256. The `file_blob` row (size,
 * who refers to it) is written by UploadsService in every case; a driver only keeps the bytes.
 * `put` runs inside the upload's transaction: the database driver commits the bytes with the row,
 * an external store writes them at once: an upload rolled back after that leaves an object no row names
 * (the same content uploaded again reuses it; nothing lists such objects for removal).
 */
export interface FileStorage {
  readonly name: string;
  put(m: EntityManager, sha256: string, content: Buffer): Promise<void>;
  read(sha256: string, range?: ByteRange): Promise<Buffer>;
  /** After the rows of these blobs were deleted and committed. */
  remove(sha256s: string[]): Promise<void>;
}

export const FILE_STORAGE = Symbol('FILE_STORAGE');
