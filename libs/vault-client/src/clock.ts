/** Time as the client sees it, injectable so retries and token renewal can be tested without waiting. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Runs `task` after `ms`; returns a function that cancels it. Never keeps the process alive. */
  schedule(task: () => void, ms: number): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()),
  schedule: (task, ms) => {
    const timer = setTimeout(task, ms).unref();
    return () => clearTimeout(timer);
  },
};
