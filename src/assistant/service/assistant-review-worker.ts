/**
 * The assistant review thread: opens its own connection and runs the console's heavier reads (session
 * summaries, question grouping) so that neither their queries (better-sqlite3 is synchronous) nor the grouping
 * holds up the serving thread. Only a connection and the one repository: the serving side opened (and migrated)
 * the store before it started this thread.
 */
import { workerData } from 'node:worker_threads';
import { serveTasks } from '../../platform/task-thread.js';
import { connect } from '../../store/connect.js';
import { AssistantReviewRepository } from '../../store/repositories/assistant-review-repository.js';
import { runReviewTask } from './assistant-review-reads.js';

serveTasks(workerData, (url) => new AssistantReviewRepository(connect(url).db), runReviewTask);
