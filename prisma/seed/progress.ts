// Progress on stderr: one line rewritten in place on a terminal, a plain line
// every 10 % otherwise (CI logs, pipes).

const REDRAW_MS = 100;

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export class Progress {
  private label = '';
  private total = 0;
  private done = 0;
  private detail = '';
  private lastDraw = 0;
  private lastTenth = 0;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  private get interactive(): boolean {
    return this.stream.isTTY === true;
  }

  start(label: string, total: number): void {
    this.label = label;
    this.total = Math.max(1, total);
    this.done = 0;
    this.detail = '';
    this.lastDraw = 0;
    this.lastTenth = 0;
    this.draw(true);
  }

  advance(count: number, detail?: string): void {
    this.done += count;
    if (detail !== undefined) this.detail = detail;
    this.draw(false);
  }

  finish(): void {
    this.done = this.total;
    this.draw(true);
    if (this.interactive) this.stream.write('\n');
  }

  private line(): string {
    const percent = Math.floor((this.done / this.total) * 100);
    const detail = this.detail ? ` · ${this.detail}` : '';
    return `${this.label} ${formatCount(this.done)}/${formatCount(this.total)} (${percent}%)${detail}`;
  }

  private draw(force: boolean): void {
    if (this.interactive) {
      const now = Date.now();
      if (!force && now - this.lastDraw < REDRAW_MS) return;
      this.lastDraw = now;
      this.stream.write(`\r\x1b[2K${this.line()}`);
      return;
    }
    const tenth = Math.floor((this.done / this.total) * 10);
    if (tenth === this.lastTenth) return;
    this.lastTenth = tenth;
    this.stream.write(`${this.line()}\n`);
  }
}

export { formatCount };
