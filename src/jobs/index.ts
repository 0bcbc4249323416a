/**
 * Crash-safe jobs (JOBDIR): pause and resume a crawl, survive `kill -9` and service-worker
 * shutdowns, and write every item to the feeds exactly once. Setting JOBDIR is all a user does;
 * these exports are for custom stores, pipelines that need stable item ids, and tests.
 * See docs/jobs.md.
 * @see https://docs.scrapy.org/en/latest/topics/jobs.html
 * @module
 */
export { JobScheduler, defaultScheduler } from './job-scheduler.ts';
export { JobSpiderMiddleware } from './job-spider-middleware.ts';
export { jobItemId } from './item-ids.ts';
export { JobStateError, isJobStateError } from './job-state-error.ts';
export { UnpersistableRequestError, isUnpersistableRequestError } from './unpersistable-request-error.ts';
export { RequestCodec } from './request-codec.ts';
export type { JobStore, JobStoreFactory, JobSnapshot, JobCommit, JobMeta, StoredRequest, JournaledItem } from './job-store.ts';
export { JOB_FORMAT_VERSION } from './job-store.ts';
export type { JobFeedSink } from './job-feed-sink.ts';
