-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "run_status" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "api_token_role" AS ENUM ('READER', 'SUBMITTER', 'ADMIN');

-- CreateTable
CREATE TABLE "workflows" (
    "id" UUID NOT NULL,
    "name" TEXT,
    "tags" TEXT[],
    "content_hash" TEXT NOT NULL,
    "task_count" INTEGER NOT NULL,
    "edge_count" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workflows_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workflow_contents" (
    "workflow_id" UUID NOT NULL,
    "format" TEXT NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "workflow_contents_pkey" PRIMARY KEY ("workflow_id")
);

-- CreateTable
CREATE TABLE "clusters" (
    "id" UUID NOT NULL,
    "name" TEXT,
    "tags" TEXT[],
    "content_hash" TEXT NOT NULL,
    "processor_count" INTEGER NOT NULL,
    "link_count" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "clusters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cluster_contents" (
    "cluster_id" UUID NOT NULL,
    "format" TEXT NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "cluster_contents_pkey" PRIMARY KEY ("cluster_id")
);

-- CreateTable
CREATE TABLE "scheduler_plugins" (
    "name" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "package" TEXT NOT NULL,
    "description" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "options_schema" JSON NOT NULL,
    "capabilities" JSON,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "scheduler_plugins_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "schedule_runs" (
    "id" UUID NOT NULL,
    "workflow_id" UUID NOT NULL,
    "cluster_id" UUID NOT NULL,
    "scheduler" TEXT NOT NULL,
    "scheduler_version" TEXT NOT NULL,
    "options" JSON NOT NULL DEFAULT '{}',
    "status" "run_status" NOT NULL DEFAULT 'QUEUED',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "makespan" DOUBLE PRECISION,
    "metrics" JSON,
    "info" JSON,
    "error" TEXT,
    "last_event_sequence" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "schedule_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "schedule_run_assignments" (
    "run_id" UUID NOT NULL,
    "format" TEXT NOT NULL,
    "task_count" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "schedule_run_assignments_pkey" PRIMARY KEY ("run_id")
);

-- CreateTable
CREATE TABLE "run_events" (
    "run_id" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "fraction" DOUBLE PRECISION,
    "message" TEXT,
    "data" JSON,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "run_events_pkey" PRIMARY KEY ("run_id","sequence")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "role" "api_token_role" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_keys" (
    "key" TEXT NOT NULL,
    "workflow_id" UUID NOT NULL,
    "request_hash" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "workflows_created_at_id_idx" ON "workflows"("created_at", "id");

-- CreateIndex
CREATE INDEX "workflows_content_hash_idx" ON "workflows"("content_hash");

-- CreateIndex
CREATE INDEX "workflows_tags_idx" ON "workflows" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "clusters_created_at_id_idx" ON "clusters"("created_at", "id");

-- CreateIndex
CREATE INDEX "clusters_content_hash_idx" ON "clusters"("content_hash");

-- CreateIndex
CREATE INDEX "clusters_tags_idx" ON "clusters" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "schedule_runs_created_at_id_idx" ON "schedule_runs"("created_at", "id");

-- CreateIndex
CREATE INDEX "schedule_runs_makespan_id_idx" ON "schedule_runs"("makespan", "id");

-- CreateIndex
CREATE INDEX "schedule_runs_workflow_id_created_at_id_idx" ON "schedule_runs"("workflow_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "schedule_runs_workflow_id_makespan_id_idx" ON "schedule_runs"("workflow_id", "makespan", "id");

-- CreateIndex
CREATE INDEX "schedule_runs_cluster_id_created_at_id_idx" ON "schedule_runs"("cluster_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "schedule_runs_scheduler_created_at_id_idx" ON "schedule_runs"("scheduler", "created_at", "id");

-- CreateIndex
CREATE INDEX "schedule_runs_status_created_at_id_idx" ON "schedule_runs"("status", "created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "idempotency_keys_workflow_id_idx" ON "idempotency_keys"("workflow_id");

-- CreateIndex
CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys"("created_at");

-- AddForeignKey
ALTER TABLE "workflow_contents" ADD CONSTRAINT "workflow_contents_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "workflows"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cluster_contents" ADD CONSTRAINT "cluster_contents_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "schedule_runs" ADD CONSTRAINT "schedule_runs_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "workflows"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "schedule_runs" ADD CONSTRAINT "schedule_runs_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "schedule_run_assignments" ADD CONSTRAINT "schedule_run_assignments_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "schedule_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_events" ADD CONSTRAINT "run_events_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "schedule_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "workflows"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Encoded documents (workflow-codec, mostly float64 arrays that do not compress) are stored out of line without
-- compression: pglz spent seconds on a 58 MB workflow for nothing (docs/store.md). Prisma's schema language cannot
-- express column storage and its schema diff ignores it.
ALTER TABLE "workflow_contents" ALTER COLUMN "data" SET STORAGE EXTERNAL;
ALTER TABLE "cluster_contents" ALTER COLUMN "data" SET STORAGE EXTERNAL;
ALTER TABLE "schedule_run_assignments" ALTER COLUMN "data" SET STORAGE EXTERNAL;
