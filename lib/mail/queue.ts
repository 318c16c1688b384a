/**
 * Mail jobs run after the request that queued them has been answered, in this process. A job
 * covers the whole "look up the account, issue a link, send it" step, so neither the answer's
 * text nor its timing says whether an address has an account, and a slow SMTP server holds up
 * nobody. A failed job is logged and dropped; the person can ask again (as after a lost mail).
 */

type Job = { label: string; run: () => Promise<void> };

/** Enough to keep a slow SMTP server from piling up connections. */
const CONCURRENCY = 4;

const holder = globalThis as unknown as {
  __authPortalMailQueue?: { waiting: Job[]; running: Set<Promise<void>> };
};

function queue() {
  holder.__authPortalMailQueue ??= { waiting: [], running: new Set() };
  return holder.__authPortalMailQueue;
}

function startNext(): void {
  const q = queue();
  while (q.running.size < CONCURRENCY && q.waiting.length > 0) {
    const job = q.waiting.shift()!;
    const running: Promise<void> = job
      .run()
      .catch((err: unknown) => console.error(`[mail-queue] ${job.label} failed:`, err))
      .finally(() => {
        q.running.delete(running);
        startNext();
      });
    q.running.add(running);
  }
}

/** Queues the job; it starts once the current turn of the event loop (the answer) is done. */
export function queueMailJob(label: string, run: () => Promise<void>): void {
  queue().waiting.push({ label, run });
  setImmediate(startNext);
}

/** Waits for queued and running jobs (on shutdown), at most `timeoutMs`. */
export async function drainMailQueue(timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const q = queue();
  while ((q.waiting.length > 0 || q.running.size > 0) && Date.now() < deadline) {
    startNext();
    const timer = new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())).unref());
    await Promise.race([Promise.allSettled([...q.running]), timer]);
  }
}
