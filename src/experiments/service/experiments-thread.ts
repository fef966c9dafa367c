/**
 * The experiments' worker thread (see experiments-worker.ts): the heavy reads run there, with its own
 * connection, so neither a long query nor the thread's start-up lands on the serving thread per request.
 */
import { TaskThread } from '../../platform/task-thread.js';
import type { Store } from '../../store/store.js';
import { runExperimentsTask, type ExperimentsTask } from './experiments-worker.js';

/** Runs experiments tasks off the calling thread. */
export class ExperimentsThread extends TaskThread<ExperimentsTask> {
  constructor(store: Store, url: string) {
    super({
      callerUrl: import.meta.url,
      module: 'experiments-worker',
      label: 'experiments worker',
      databaseUrl: url,
      inThread: (task) => runExperimentsTask(store.experiments, task),
    });
  }
}
