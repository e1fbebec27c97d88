import { api, type JobId, type JobStarted, type JobView } from "../generated/api";

/** How often a running job is asked how far it has got. */
const POLL_MS = 150;

/**
 * Starts a job and resolves with its final view (done, failed or cancelled), telling `onProgress`
 * how far it has got meanwhile. Rejects only if the job cannot be started or watched.
 */
export async function runJob(start: () => Promise<JobStarted>, onProgress: (v: JobView) => void): Promise<JobView> {
  const { job_id } = await start();
  for (;;) {
    const view = await api.job_status({ job_id });
    onProgress(view);
    if (view.state !== "running") return view;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

export function cancelJob(job_id: JobId): Promise<JobView> {
  return api.cancel_job({ job_id });
}

/** 0–100 for a progress bar. */
export function percent(v: JobView | null): number {
  return v && v.total > 0 ? Math.round((v.done * 100) / v.total) : 0;
}
