// Measurements taking turns, a slice at a time. On a VM the machine's speed is not steady: a
// bare readDoc loop over the same texts ran at ~540 articles/s for a few seconds, then ~880, then
// ~480, switching every 2–10 s (session 12, 250-text slices), so a floor pass and a pipeline run
// made one after the other compare two different machines. Here they run at once in processes of
// their own, warmed up, and take turns (runInTurns in measure.ts): a run ingests a slice of
// articles (TURN_GROUPS group commits), then the floor reads the same articles' texts, then the
// next measurement, and so on. Each is timed over its own turns only, so all see the same seconds
// of the machine.
//
// The floor reads as many texts as it is told, then waits for the next word. A pipeline run is
// exactly the one `ingestItems` runs straight through (same groups, same store, same order), and
// is paused, not drained, between its turns: when a slice's articles are written it says so and
// the parent stops the whole process (SIGSTOP), groups in flight and all, until its next turn
// (SIGCONT). Until session 16 its article source waited between slices for the slice before to be
// written, so every turn began with one worker idle until its first group was read and ended with
// one idle while the other wrote the last group: a two-thread run kept 1.83 cores busy in turns
// against 1.93 straight through, a cost no ingest pays but at its very start and end.
//
// The floor, which waits for its next word between turns, is stopped there too (since session
// 17): what V8 still had to do after its turn (concurrent marking, sweeping, compiling on its
// helper threads) otherwise ran during the next measurement's turn, the two-thread run's, the
// one that needs both cores. Stopped, it does that work in its own next turn, beside itself.

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
/** Child → parent (a paused run's turns come with no seconds: the parent, which pauses it, times them). */
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

  /**
   * A slice of a run that is paused between turns is done: say so and go on; the parent stops
   * this process there until its next turn (see TurnChild). The last one ends its turns.
   */
  reached(turn: Omit<Turn, 'seconds'>, last = false): void {
    send({ turn: { ...turn, seconds: 0 }, last });
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

/** Children stopped between their turns, to be killed should the bench end abruptly (a stopped process holds its signals). */
const stoppable = new Set<ChildProcess>();
let killOnExit = false;
function armKillOnExit(): void {
  if (killOnExit) return;
  killOnExit = true;
  process.on('exit', () => {
    for (const c of stoppable) c.kill('SIGKILL');
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      for (const c of stoppable) c.kill('SIGKILL');
      process.kill(process.pid, sig);
    });
  }
}

/** The parent's handle on a child taking turns (run-child.js in turns mode). */
export class TurnChild {
  private readonly child: ChildProcess;
  private readonly inbox = new Mailbox<FromChild>();
  private failure: Error | null = null;
  private stderr = '';
  private started = false;
  /** Each turn's first article (counted from 0), articles and seconds. */
  private readonly turns: { from: number; articles: number; seconds: number }[] = [];
  /** Whether the child is stopped (SIGSTOP) until its next turn. */
  private stopped = false;

  /**
   * `paused`: the child runs straight through once told to start, and is stopped (SIGSTOP) after
   * each turn it reports and continued (SIGCONT) for the next; its turns are timed here.
   */
  constructor(
    readonly what: string,
    nodeFlags: string[],
    args: object,
    private readonly paused = false,
  ) {
    if (process.platform === 'win32') throw new Error('bench: taking turns needs POSIX signals (SIGSTOP, SIGCONT)');
    this.child = fork(RUN_CHILD_SCRIPT, [JSON.stringify(args)], { execArgv: nodeFlags, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    // (every child is stopped between its turns: see the top of this file)
    armKillOnExit();
    stoppable.add(this.child);
    this.child.on('exit', () => stoppable.delete(this.child));
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
    if (!this.paused) {
      // (continued, then told: it times its turn from the word on)
      this.resume();
      this.child.send({ go: articles } satisfies ToChild);
      const m = await this.receive();
      if ('turn' in m && m.last !== true) this.stop();
      return this.turnDone(m, null);
    }
    if (!this.started) this.child.send({ go: articles } satisfies ToChild);
    else this.resume();
    this.started = true;
    const t0 = performance.now();
    const m = await this.receive();
    // (stopped at once: what it does before the signal lands counts in this turn's seconds, and
    // its articles in the next turn's)
    if ('turn' in m && m.last !== true) this.stop();
    return this.turnDone(m, (performance.now() - t0) / 1000);
  }

  private stop(): void {
    this.child.kill('SIGSTOP');
    this.stopped = true;
  }

  private resume(): void {
    if (!this.stopped) return;
    this.child.kill('SIGCONT');
    this.stopped = false;
  }

  private turnDone(m: FromChild, seconds: number | null): Turn & { last: boolean } {
    if (!('turn' in m)) throw new Error(`bench: ${this.what} sent ${JSON.stringify(m)} for a turn`);
    const turn = { ...m.turn, seconds: seconds ?? m.turn.seconds, last: m.last === true };
    const prev = this.turns.at(-1);
    this.turns.push({ from: prev ? prev.from + prev.articles : 0, articles: turn.articles, seconds: turn.seconds });
    return turn;
  }

  /** Wall seconds of all its turns. */
  get seconds(): number {
    return this.turns.reduce((s, t) => s + t.seconds, 0);
  }

  /** Articles/s over each fifth of `n` articles, from the turns starting in it. */
  fifths(n: number): number[] {
    const out: number[] = [];
    for (let k = 0; k < 5; k++) {
      const inIt = this.turns.filter((t) => Math.floor((5 * t.from) / Math.max(1, n)) === k);
      const secs = inIt.reduce((s, t) => s + t.seconds, 0);
      if (secs > 0) out.push(inIt.reduce((s, t) => s + t.articles, 0) / secs);
    }
    return out;
  }

  /**
   * Its result, after its last turn. A run sends it once its corpus ends; the floor, which reads
   * as many texts as it is asked, is told to end (`tellEnd`).
   */
  async result<T>(tellEnd = false): Promise<T> {
    this.resume();
    if (tellEnd) this.child.send({ end: true } satisfies ToChild);
    const m = await this.receive();
    if (!('result' in m)) throw new Error(`bench: ${this.what} sent ${JSON.stringify(m)} for its result`);
    return m.result as T;
  }

  kill(): void {
    this.child.kill();
    // (a stopped child takes the signal once continued)
    this.child.kill('SIGCONT');
  }
}
