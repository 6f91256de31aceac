/**
 * A worker thread whose caller waits for its one answer without an event loop (synth and the
 * analysis are synchronous, as cdktf's App.synth is): the worker posts the answer on a port and
 * raises a shared flag; the caller sleeps on the flag with Atomics.wait and reads the port.
 */
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker, workerData } from 'worker_threads';

interface Channel<D> {
  readonly data: D;
  /** Int32Array over a SharedArrayBuffer: 0 until the answer is on the port. */
  readonly signal: Int32Array;
  readonly port: MessagePort;
}

export interface BlockingWorker<A> {
  /** Blocks until the worker answers; undefined if it stopped without an answer. */
  answer(): A | undefined;
  /** Waits for the answer, so the worker is done with whatever it writes, then ends the thread. */
  stop(): void;
}

/** Starts `file` (compiled JavaScript) in a worker thread. Its output is discarded: workers here report through their answer. */
export function startBlockingWorker<D, A>(file: string, data: D): BlockingWorker<A> {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const channel: Channel<D> = { data, signal, port: port2 };
  const worker = new Worker(file, { workerData: channel, transferList: [port2], stdout: true, stderr: true });
  worker.unref();
  let answer: { value: A | undefined } | undefined;
  return {
    answer() {
      Atomics.wait(signal, 0, 0);
      answer ??= { value: receiveMessageOnPort(port1)?.message as A | undefined };
      return answer.value;
    },
    stop() {
      Atomics.wait(signal, 0, 0);
      void worker.terminate();
    },
  };
}

/**
 * The worker's side: its data and `answer`, which takes effect once. The worker must answer
 * whatever happens (its caller is blocked): if it exits without answering, `onExit` is sent.
 */
export function blockingWorkerSide<D, A>(onExit: A): { data: D; answer: (message: A) => void } {
  const { data, signal, port } = workerData as Channel<D>;
  let answered = false;
  const answer = (message: A) => {
    if (answered) return;
    answered = true;
    port.postMessage(message);
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  process.on('exit', () => answer(onExit));
  return { data, answer };
}
