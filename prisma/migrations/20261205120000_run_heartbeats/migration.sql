-- The runs table is the queue (no pg-boss): a QUEUED run is claimed by a worker, which then says it is alive by a
-- heartbeat; the reaper fails RUNNING runs whose worker has been silent longer than a grace period.
ALTER TABLE "runs" ADD COLUMN "worker_id" TEXT,
ADD COLUMN "heartbeat_at" TIMESTAMPTZ(3);

-- Runs that were RUNNING when this migration ran were held by the old advisory-lock leases: give them a heartbeat
-- now, so that the reaper judges them by the new rule (their worker, if it is a new one, beats; else they are reaped).
UPDATE "runs" SET "heartbeat_at" = now() WHERE "status" = 'RUNNING';

-- CreateIndex
CREATE INDEX "runs_status_heartbeat_at_idx" ON "runs"("status", "heartbeat_at");

-- runStatusChanged catches up after a lost LISTEN connection by reading the status events since then.
CREATE INDEX "run_events_kind_created_at_idx" ON "run_events"("kind", "created_at");

-- The old queue's own schema (pg-boss 10 kept its jobs there); every run it held is in "runs" as well.
DROP SCHEMA IF EXISTS "pgboss" CASCADE;
