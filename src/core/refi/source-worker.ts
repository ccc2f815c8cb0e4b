// The worker thread of source-workers.ts: reads the elements under <Sources> it is sent from the
// shared project.qde (step 1 of source-import.ts), keeps each text source until the import asks
// for it (step 2) or lets it go, and answers each request in turn (an error as text).
import { parentPort, workerData } from 'node:worker_threads';
import { openArchive } from './archive';
import { Reader, readSourceElement, type RefiTextSource } from './read-project';
import { ArchiveEntries, importSource, outlineSource, sourceText, type CodingContext } from './source-import';
import type { SourceAnswer, SourceRequest, SourceWorkerData } from './source-workers';
import { parseXmlBytes, XmlError } from './xml';

const { archiveBytes, limits, projectBytes, projectFile } = workerData as SourceWorkerData;
const entries = new ArchiveEntries(openArchive(archiveBytes, limits));
const port = parentPort!;
/** Text sources read, with their text, until imported or let go. */
const held = new Map<number, { readonly source: RefiTextSource; readonly text: string }>();
let context: CodingContext | undefined;

/** An element under <Sources> sits two levels below the root. */
const SOURCE_DEPTH = 2;

port.on('message', (request: SourceRequest) => {
  if (request.kind === 'context') context = request.context;
  else if (request.kind === 'forget') held.delete(request.source);
  else {
    let answer: SourceAnswer;
    try {
      answer = request.kind === 'read' ? { id: request.id, reading: read(request.source, request.start, request.end) } : { id: request.id, imported: importHeld(request.source, request.documentPath) };
    } catch (error) {
      answer = { id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    port.postMessage(answer);
  }
});

function read(index: number, start: number, end: number) {
  let element;
  try {
    element = parseXmlBytes(projectBytes.subarray(start, end), projectFile, undefined, SOURCE_DEPTH);
  } catch (error) {
    if (error instanceof XmlError) return { unreadable: error.message };
    throw error;
  }
  const reader = new Reader([]);
  const source = readSourceElement(element, reader);
  if (source === undefined) return { reading: reader.detached() };
  const text = sourceText(source, entries);
  if (typeof text === 'string') held.set(index, { source, text });
  return { reading: reader.detached(), outline: outlineSource(source, text) };
}

function importHeld(index: number, documentPath: string) {
  const { source, text } = held.get(index)!;
  held.delete(index);
  return importSource(source, text, documentPath, context!);
}
