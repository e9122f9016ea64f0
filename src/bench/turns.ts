// Measurements taking turns, a slice at a time. On a VM the machine's speed is not steady: a
// bare readDoc loop over the same texts ran at ~540 articles/s for a few seconds, then ~880, then
// ~480, switching every 2–10 s (session 12, 250-text slices), so a floor pass and a pipeline run
// made one after the other compare two different machines. Here they run at once in processes of
// their own, warmed up, and take turns (runInTurns in measure.ts): a run ingests a slice of
// articles (TURN_GROUPS group commits), then the floor reads the same articles' texts, then the
// next measurement, and so on. Each is timed over its own turns only, so all see the same seconds
// of the machine. A run is exactly the one `ingestItems` runs (same groups, same store, same
// order): its article source waits between slices for its turn, after the slice before is written.

import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The script every bench measurement runs in a process of its own (straight through, or taking turns). */
export const RUN_CHILD_SCRIPT = fileURLToPath(new URL('./run-child.js', import.meta.url));

/** Messages as they arrive, handed to one receiver at a time: queued until asked for, or straight to a receiver waiting. */
class Mailbox<T> {
  private readonly queued: T[] = [];
  private waiting: ((m: T) => void) | null = null;

  deliver(m: T): void {
    const w = this.waiting;
    if (w) {
      this.waiting = null;
      w(m);
    } else this.queued.push(m);
  }

  /** A message waiting now, if any. */
  take(): T | undefined {
    return this.queued.shift();
  }

  next(): Promise<T> {
    const m = this.queued.shift();
    return m !== undefined ? Promise.resolve(m) : new Promise((r) => (this.waiting = r));
  }

  /** Hand `m` to a receiver waiting now, if there is one (a failure wakes it). */
  wake(m: T): void {
    const w = this.waiting;
    this.waiting = null;
    w?.(m);
  }
}

/** One turn's work: articles done, the wall seconds they took (and tokens, for the floor). */
export interface Turn {
  articles: number;
  seconds: number;
  tokens?: number;
}

/** Parent → child: do the next turn (`articles` of them; the pipeline's are its own slice), or end. */
type ToChild = { go: number } | { end: true };
/** Child → parent. */
type FromChild = { ready: true } | { turn: Turn; last?: boolean } | { result: unknown } | { error: string };

/** The child's side: wait for the parent's word, report turns and the result. */
export class TurnTaker {
  private readonly inbox = new Mailbox<ToChild>();
  private t0 = 0;
  /** Wall seconds of every turn so far. */
  seconds = 0;

  constructor() {
    process.on('message', (m: ToChild) => this.inbox.deliver(m));
  }

  static available(): boolean {
    return typeof process.send === 'function';
  }

  /** Ready (warmed up): the next message says what to do. */
  async ready(): Promise<ToChild> {
    send({ ready: true });
    return this.started(await this.inbox.next());
  }

  /** This turn is done: report it and wait for the next word (the clock stops while waiting). */
  async done(turn: Omit<Turn, 'seconds'>, last = false): Promise<ToChild | null> {
    const seconds = (performance.now() - this.t0) / 1000;
    this.seconds += seconds;
    send({ turn: { ...turn, seconds }, last });
    if (last) return null;
    return this.started(await this.inbox.next());
  }

  private started(m: ToChild): ToChild {
    this.t0 = performance.now();
    return m;
  }

  /** Send the result, then let this process end. */
  async result(r: unknown): Promise<void> {
    await sent({ result: r });
    process.disconnect();
  }

  async error(message: string): Promise<void> {
    await sent({ error: message });
    process.disconnect();
  }
}

function send(m: FromChild): void {
  process.send!(m);
}

function sent(m: FromChild): Promise<void> {
  return new Promise((resolve) => process.send!(m, undefined, undefined, () => resolve()));
}

/** The parent's handle on a child taking turns (run-child.js in turns mode). */
export class TurnChild {
  private readonly child: ChildProcess;
  private readonly inbox = new Mailbox<FromChild>();
  private failure: Error | null = null;
  private stderr = '';

  constructor(
    readonly what: string,
    nodeFlags: string[],
    args: object,
  ) {
    this.child = fork(RUN_CHILD_SCRIPT, [JSON.stringify(args)], { execArgv: nodeFlags, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
    this.child.on('message', (m: FromChild) => this.deliver(m));
    // (a failed send: the child is gone, and its exit says why)
    this.child.on('error', (err) => this.fail(new Error(`bench: ${this.what}: ${err.message} ${this.stderr}`)));
    this.child.on('exit', (code) => {
      if (!this.failure) this.fail(new Error(`bench: ${this.what} exited (${code}) ${this.stderr}`));
    });
  }

  private deliver(m: FromChild): void {
    if ('error' in m) return this.fail(new Error(`bench: ${this.what} failed: ${m.error}`));
    this.inbox.deliver(m);
  }

  private fail(err: Error): void {
    this.failure = err;
    this.inbox.wake({ error: err.message });
  }

  private async receive(): Promise<FromChild> {
    const m = this.inbox.take() ?? (this.failure ? null : await this.inbox.next());
    if (!m || 'error' in m) throw this.failure ?? new Error(`bench: ${this.what} failed`);
    return m;
  }

  async ready(): Promise<void> {
    const m = await this.receive();
    if (!('ready' in m)) throw new Error(`bench: ${this.what} sent ${JSON.stringify(m)} before it was ready`);
  }

  /** One turn of up to `articles` articles (the pipeline takes its own slice). */
  async turn(articles: number): Promise<Turn & { last: boolean }> {
    this.child.send({ go: articles } satisfies ToChild);
    const m = await this.receive();
    if (!('turn' in m)) throw new Error(`bench: ${this.what} sent ${JSON.stringify(m)} for a turn`);
    return { ...m.turn, last: m.last === true };
  }

  /**
   * Its result, after its last turn. A run sends it once its corpus ends; the floor, which reads
   * as many texts as it is asked, is told to end (`tellEnd`).
   */
  async result<T>(tellEnd = false): Promise<T> {
    if (tellEnd) this.child.send({ end: true } satisfies ToChild);
    const m = await this.receive();
    if (!('result' in m)) throw new Error(`bench: ${this.what} sent ${JSON.stringify(m)} for its result`);
    return m.result as T;
  }

  kill(): void {
    this.child.kill();
  }
}
