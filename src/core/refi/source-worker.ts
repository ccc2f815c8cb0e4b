// The worker thread of source-workers.ts: reads each element under <Sources> it is sent from the
// shared project.qde and, for a text source, imports it (source-import.ts) when it can tell
// everything that needs: its coders are the project's users. The transcript's path is the one its
// name asks for; the import redoes the source on the main thread when another source has taken it.
import { parentPort, workerData } from 'node:worker_threads';
import { openArchive } from './archive';
import { transcriptPath } from './import-files';
import { Reader, readSourceElement, SOURCE_DEPTH } from './read-project';
import { ArchiveEntries, importedBuffers, importSource, outlineSource, sourceText } from './source-import';
import type { SourceAnswer, SourceProject, SourceRequest, SourceResult, SourceWorkerData } from './source-workers';
import { parseXmlBytes, XmlError } from './xml';

const { archiveBytes, limits, stopped } = workerData as SourceWorkerData;
const entries = new ArchiveEntries(openArchive(archiveBytes, limits));
const port = parentPort!;
/** Sent before the first source is asked for. */
let project: SourceProject | undefined;

port.on('message', (request: SourceRequest) => {
  if ('drain' in request) return port.postMessage({ drained: true } satisfies SourceAnswer);
  if ('project' in request) {
    project = request.project;
    return;
  }
  const { id, start, end } = request;
  let answer: SourceAnswer;
  try {
    if (Atomics.load(stopped, 0) === 1) throw new Error('The import has ended.');
    if (project === undefined) throw new Error('A source was asked for before its project.');
    answer = { id, result: read(project, start, end) };
  } catch (error) {
    answer = { id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(answer, 'result' in answer && 'imported' in answer.result && answer.result.imported !== undefined ? importedBuffers(answer.result.imported) : []);
});

function read({ projectBytes, projectFile, context }: SourceProject, start: number, end: number): SourceResult {
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
  const outline = outlineSource(source, text);
  const imported = typeof text === 'string' && outline.users.every((user) => context.coders.has(user)) ? importSource(source, text, transcriptPath(outline.header, new Set()), context) : undefined;
  return { reading: reader.detached(), outline, imported };
}
