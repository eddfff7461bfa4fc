/**
 * Figures observed by a test file, printed as one line at the end. A latency over the budget is reported, not
 * failed: the hard limit of each wait is what fails a test, so CI load adds jitter to the figures without
 * making the suite flaky. Notes are figures with no budget (a recovery time, a request count).
 */
export class LatencyReport {
  private readonly samples: { what: string; ms: number }[] = [];
  private readonly notes: string[] = [];

  constructor(
    private readonly title: string,
    private readonly budgetMs = 1_000,
    readonly hardLimitMs = 3_000,
  ) {}

  record(what: string, ms: number): void {
    this.samples.push({ what, ms });
  }

  note(text: string): void {
    this.notes.push(text);
  }

  summary(): string {
    const parts = [...this.notes];
    if (this.samples.length > 0) {
      const over = this.samples.filter(({ ms }) => ms > this.budgetMs).map(({ what }) => what);
      parts.unshift(
        `budget ${this.budgetMs} ms, hard limit ${this.hardLimitMs} ms: ${this.samples.map(({ what, ms }) => `${what} ${ms} ms`).join(', ')}`,
        `over budget: ${over.join(', ') || 'none'}`,
      );
    }
    return `${this.title}: ${parts.join('; ')}\n`;
  }
}
