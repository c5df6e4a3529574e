// Background jobs of the server, run one at a time in the order they were queued: document changes
// from the API (add, replace, remove) and index rebuilds (healing a damaged index, a changed corpus).
// A job is looked up by its id (GET /api/jobs/:id); the last JOBS_KEPT jobs are remembered.

import { randomUUID } from 'node:crypto';
import type { StructureReport } from '../ingest/report.ts';

export type JobState = 'queued' | 'running' | 'done' | 'failed';
export type JobAction = 'add' | 'replace' | 'remove' | 'rebuild';

/** The document a job added, replaced or removed. */
export interface JobDocument {
  id: string;
  file: string;
  title?: string;
  jurisdiction?: string;
  year?: number;
  kind?: string;
  /** Records of the document in the new index (absent after a removal). */
  records?: number;
}

/** What a finished job reports (besides its state). */
export interface JobResult {
  document?: JobDocument;
  /** The structure report of the new document. */
  report?: StructureReport;
  /** Warnings of the document (its report's, with the shrinkage guard's) and of the build. */
  warnings?: string[];
  /** The index build the job produced. */
  buildId?: string;
}

/** GET /api/jobs/:id. The names id, state, document, report and error are an API contract. */
export interface JobView extends JobResult {
  id: string;
  state: JobState;
  action: JobAction;
  /** Why the job failed (Chinese / English). */
  error?: string;
  queuedAt: string;
  startedAt?: string;
  finishedAt?: string;
}

export const JOBS_KEPT = 500;

export class JobQueue {
  /** Called with a job whenever it is queued, starts or ends (the cluster mirrors jobs to the other workers). */
  onChange: ((job: JobView) => void) | null = null;
  private readonly jobs = new Map<string, JobView>();
  private tail: Promise<void> = Promise.resolve();
  private queued = 0;
  private runningJob: JobView | null = null;

  /** Queues `run`; its result (or thrown error's message) becomes the job's. */
  enqueue(action: JobAction, run: (job: JobView) => Promise<JobResult>, document?: JobDocument): JobView {
    const job: JobView = { id: randomUUID(), state: 'queued', action, queuedAt: new Date().toISOString(), ...(document ? { document } : {}) };
    this.jobs.set(job.id, job);
    this.forgetOld();
    this.queued++;
    this.onChange?.(job);
    this.tail = this.tail.then(async () => {
      this.queued--;
      this.runningJob = job;
      job.state = 'running';
      job.startedAt = new Date().toISOString();
      this.onChange?.(job);
      try {
        Object.assign(job, await run(job));
        job.state = 'done';
      } catch (err) {
        job.error = err instanceof Error ? err.message : String(err);
        job.state = 'failed';
      } finally {
        job.finishedAt = new Date().toISOString();
        this.runningJob = null;
        this.onChange?.(job);
      }
    });
    return job;
  }

  get(id: string): JobView | undefined {
    return this.jobs.get(id);
  }

  /** The job running now, if any. */
  get running(): JobView | null {
    return this.runningJob;
  }

  /** Jobs waiting behind the running one. */
  get pending(): number {
    return this.queued;
  }

  /** Resolves when every job queued so far has finished. */
  idle(): Promise<void> {
    return this.tail;
  }

  private forgetOld(): void {
    for (const [id, j] of this.jobs) {
      if (this.jobs.size <= JOBS_KEPT) break;
      if (j.state === 'done' || j.state === 'failed') this.jobs.delete(id);
    }
  }
}
