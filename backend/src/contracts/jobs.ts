/** `/api/admin/jobs/:id` (and its SSE `/events`, `/cancel`) — one API over every background job. */

export type JobState = 'waiting' | 'active' | 'completed' | 'failed' | 'cancelled';

/**
 * A background job. `details` is the job's latest progress report (its own fields beside `percent`), `result` what
 * it returned; both are typed per job kind by the caller (`JobView<ImportProgress, ImportResult>`).
 */
export interface JobView<TDetails = Record<string, unknown>, TResult = unknown> {
  id: string;
  name: string;
  queue: string;
  state: JobState;
  progress: number;
  details?: TDetails;
  result?: TResult;
  error?: string;
  createdAt: string;
  finishedAt?: string;
}
