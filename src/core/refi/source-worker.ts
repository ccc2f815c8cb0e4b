// The worker thread of source-preparers.ts: opens the archive it is given, then prepares each
// source it is sent and sends back what prepareSource made of it (or the error, as text).
import { parentPort, workerData } from 'node:worker_threads';
import { openArchive, type ArchiveLimits } from './archive';
import { prepareSource, type SourceJob } from './source-preparation';

const { archiveBytes, limits } = workerData as { archiveBytes: Uint8Array; limits: ArchiveLimits };
const archive = openArchive(archiveBytes, limits);
const port = parentPort!;

port.on('message', ({ id, job }: { id: number; job: SourceJob }) => {
  try {
    const prepared = prepareSource(job, archive);
    port.postMessage({ id, prepared }, 'spans' in prepared ? [prepared.spans.buffer as ArrayBuffer] : []);
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
