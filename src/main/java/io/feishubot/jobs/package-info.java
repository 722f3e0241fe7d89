/**
 * Deferred commands: a {@link io.feishubot.jobs.Job} is acknowledged with the delivery, handed to a
 * {@link io.feishubot.jobs.JobDispatcher} and run once by a {@link io.feishubot.jobs.JobRunner}
 * under a lease in the idempotency store.
 */
package io.feishubot.jobs;
