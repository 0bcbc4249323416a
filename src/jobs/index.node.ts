/**
 * The Node side of crash-safe jobs: JOBDIR is a directory holding `job.sqlite` (node:sqlite,
 * Node >= 22.13), and FEEDS files are written at committed offsets.
 * @module
 */
import type { JobStoreFactory } from './job-store.ts';
import { FileJobFeeds } from './file-job-feeds.node.ts';
import { SqliteJobStore } from './sqlite-job-store.node.ts';

export { SqliteJobStore, JOB_DB_FILE } from './sqlite-job-store.node.ts';
export { FileJobFeeds } from './file-job-feeds.node.ts';

/** The Node JOBDIR_STORE: SQLite for the frontier, files for the feeds. */
export const NODE_JOB_STORE: JobStoreFactory = {
  open: (jobdir) => new SqliteJobStore(jobdir),
  feedSink: (crawler) => (Object.keys(crawler.settings.getDict('FEEDS')).length > 0 ? new FileJobFeeds(crawler) : undefined),
};
