// Reading a REFI-QDA archive (.qdpx, a zip) without trusting it: every entry's name and sizes are
// checked from the zip's central directory before anything is inflated; only the entries the
// import asks for are inflated, each stopping as soon as it unpacks to more than it said. Nothing
// here writes a file: entry names are never used as paths on disk.
import { inflateRawSync } from 'node:zlib';
import { Unzip, unzipSync, type AsyncFlateStreamHandler, type UnzipDecoder, type UnzipFileInfo } from 'fflate';

export interface ArchiveLimits {
  /** Bytes of the .qdpx file itself. */
  readonly archiveBytes: number;
  readonly entries: number;
  /** Uncompressed bytes of one entry. */
  readonly entryBytes: number;
  /** Uncompressed bytes of all entries together. */
  readonly totalBytes: number;
  /** Uncompressed over compressed size, for entries larger than `ratioFloorBytes`. */
  readonly ratio: number;
  /** Small entries (a file of spaces) may compress very well; the ratio applies above this. */
  readonly ratioFloorBytes: number;
}

const MIB = 1024 * 1024;

/**
 * Generous for real projects (thousands of sources, a project.qde of a few hundred MB) and small
 * enough that a hostile archive cannot exhaust memory. XML and plain text compress some 5-30 times;
 * deflate cannot exceed about 1032 times, which only made-up data reaches.
 */
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  archiveBytes: 1024 * MIB,
  entries: 100_000,
  entryBytes: 512 * MIB,
  totalBytes: 2048 * MIB,
  ratio: 200,
  ratioFloorBytes: MIB,
};

/** An archive refused as a whole (damaged, too large, a zip bomb, ambiguous names). */
export class ArchiveError extends Error {}

export interface ArchiveEntry {
  readonly name: string;
  /** Declared uncompressed size. */
  readonly size: number;
}

/** An entry left out of the archive's usable entries, and why. */
export interface SkippedEntry {
  readonly name: string;
  readonly reason: string;
}

export interface Archive {
  /** The usable entries (safe names, not folders), in archive order. */
  readonly entries: readonly ArchiveEntry[];
  readonly skipped: readonly SkippedEntry[];
  /** Inflates the named entry (undefined for a name that is not a usable entry). */
  read(name: string): Uint8Array | undefined;
}

/** Why an entry name is unsafe to use, or undefined when it is a plain relative name. */
export function unsafeEntryName(name: string): string | undefined {
  if (name.includes('\0')) return 'its name holds a NUL character';
  if (name.includes('\\')) return 'its name holds a backslash';
  if (name.startsWith('/')) return 'its name is an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'its name starts with a drive letter';
  const parts = name.replace(/\/$/, '').split('/');
  if (parts.some((part) => part === '..')) return 'its name climbs out of the archive ("..")';
  if (parts.some((part) => part === '' || part === '.')) return 'its name has an empty or "." part';
  return undefined;
}

/**
 * Opens an archive: checks the central directory against `limits` (refusing the whole archive with
 * an ArchiveError when one is passed, or when two entries share a name) and sets aside entries with
 * unsafe names. Nothing is inflated until `read`.
 */
export function openArchive(bytes: Uint8Array, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Archive {
  if (bytes.length > limits.archiveBytes) {
    throw new ArchiveError(`The archive is ${formatBytes(bytes.length)}, more than the ${formatBytes(limits.archiveBytes)} Gloss imports.`);
  }
  const infos: UnzipFileInfo[] = [];
  try {
    unzipSync(bytes, {
      filter: (info) => {
        infos.push(info);
        if (infos.length > limits.entries) throw new ArchiveError(`The archive holds more than ${limits.entries} entries.`);
        return false;
      },
    });
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    throw new ArchiveError(`This is not a readable zip archive (${(error as Error).message}).`);
  }
  const entries: ArchiveEntry[] = [];
  const skipped: SkippedEntry[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (const info of infos) {
    if (seen.has(info.name)) throw new ArchiveError(`The archive holds two entries named "${printable(info.name)}": which one is meant cannot be told.`);
    seen.add(info.name);
    checkSizes(info, limits);
    total += info.originalSize;
    if (total > limits.totalBytes) {
      throw new ArchiveError(`The archive would unpack to more than ${formatBytes(limits.totalBytes)}; Gloss imports nothing from it.`);
    }
    const unsafe = unsafeEntryName(info.name);
    if (unsafe !== undefined) skipped.push({ name: printable(info.name), reason: `skipped: ${unsafe}` });
    else if (!info.name.endsWith('/')) entries.push({ name: info.name, size: info.originalSize });
  }
  const usable = new Map(entries.map((entry) => [entry.name, entry]));
  const located = locateEntries(bytes, usable);
  return {
    entries,
    skipped,
    read(name) {
      const entry = usable.get(name);
      return entry && inflateEntry(entry, located.get(name));
    },
  };
}

/** An entry's bytes as the archive stores them, and how. */
interface StoredEntry {
  readonly compression: number;
  readonly data: Uint8Array;
}

/**
 * Finds each usable entry's stored bytes by its local header, in one pass over the archive, without
 * inflating anything: each entry is then inflated on its own, when it is asked for.
 */
function locateEntries(bytes: Uint8Array, usable: ReadonlyMap<string, ArchiveEntry>): Map<string, StoredEntry> {
  const located = new Map<string, StoredEntry>();
  const unzip = new Unzip((file) => {
    if (!usable.has(file.name) || located.has(file.name)) return;
    file.ondata = () => undefined;
    file.start();
  });
  for (const compression of [0, 8]) {
    unzip.register(
      class KeepStored implements UnzipDecoder {
        static readonly compression = compression;
        ondata: AsyncFlateStreamHandler = () => undefined;
        private readonly chunks: Uint8Array[] = [];

        constructor(private readonly name: string) {}

        push(chunk: Uint8Array, final: boolean): void {
          this.chunks.push(chunk);
          if (final) located.set(this.name, { compression, data: concat(this.chunks, this.chunks.reduce((sum, c) => sum + c.length, 0)) });
        }
      },
    );
  }
  try {
    unzip.push(bytes, true);
  } catch (error) {
    throw new ArchiveError(`An entry of the archive is damaged (${(error as Error).message}).`);
  }
  return located;
}

/**
 * Inflates an entry, never past the size its central directory entry says (the size the limits were
 * checked against): an entry that would unpack to more stops the import at once, so a lying archive
 * costs no more time or memory than an honest one.
 */
function inflateEntry(entry: ArchiveEntry, stored: StoredEntry | undefined): Uint8Array {
  if (stored === undefined) throw new ArchiveError(`Entry "${printable(entry.name)}" could not be unpacked: the archive is damaged.`);
  let data: Uint8Array;
  if (stored.compression === 0) data = stored.data;
  else {
    try {
      // One byte more than declared is allowed to show that the entry lied, without unpacking the rest.
      data = inflateRawSync(stored.data, { maxOutputLength: entry.size + 1 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw lyingEntry(entry.name, entry.size);
      throw new ArchiveError(`Entry "${printable(entry.name)}" is damaged (${(error as Error).message}).`);
    }
  }
  if (data.length > entry.size) throw lyingEntry(entry.name, entry.size);
  return new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.length);
}

function lyingEntry(name: string, size: number): ArchiveError {
  return new ArchiveError(`Entry "${printable(name)}" unpacks to more than the ${size} bytes the archive says (a zip bomb?); Gloss imports nothing from it.`);
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const all = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return all;
}

function checkSizes(info: UnzipFileInfo, limits: ArchiveLimits): void {
  const name = printable(info.name);
  if (info.compression !== 0 && info.compression !== 8) {
    throw new ArchiveError(`Entry "${name}" uses compression method ${info.compression}; only stored and deflated entries are read.`);
  }
  if (info.originalSize > limits.entryBytes) {
    throw new ArchiveError(`Entry "${name}" unpacks to ${formatBytes(info.originalSize)}, more than the ${formatBytes(limits.entryBytes)} allowed for one file.`);
  }
  if (info.originalSize > limits.ratioFloorBytes && info.originalSize > limits.ratio * Math.max(1, info.size)) {
    throw new ArchiveError(
      `Entry "${name}" unpacks ${Math.round(info.originalSize / Math.max(1, info.size))} times larger than it is stored (a zip bomb?); Gloss imports nothing from this archive.`,
    );
  }
}

/** An entry name as it can be shown: control characters made visible. */
function printable(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function formatBytes(bytes: number): string {
  return bytes >= MIB ? `${Math.round(bytes / MIB)} MB` : `${bytes} bytes`;
}
