-- CreateEnum
CREATE TYPE "run_kind" AS ENUM ('SCHEDULE', 'TRAINING');

-- AlterTable
ALTER TABLE "schedule_runs" ADD COLUMN     "kind" "run_kind" NOT NULL DEFAULT 'SCHEDULE',
ALTER COLUMN "workflow_id" DROP NOT NULL,
ALTER COLUMN "cluster_id" DROP NOT NULL;

-- CreateTable
CREATE TABLE "model_versions" (
    "id" TEXT NOT NULL,
    "plugin" TEXT NOT NULL,
    "name" TEXT,
    "metadata" JSON NOT NULL,
    "config" JSON NOT NULL,
    "metrics" JSON NOT NULL,
    "data" BYTEA NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "training_run_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_versions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "model_versions_plugin_created_at_id_idx" ON "model_versions"("plugin", "created_at", "id");

-- CreateIndex
CREATE INDEX "model_versions_created_at_id_idx" ON "model_versions"("created_at", "id");

-- CreateIndex
CREATE INDEX "model_versions_training_run_id_idx" ON "model_versions"("training_run_id");

-- CreateIndex
CREATE INDEX "schedule_runs_kind_created_at_id_idx" ON "schedule_runs"("kind", "created_at", "id");

-- AddForeignKey
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_training_run_id_fkey" FOREIGN KEY ("training_run_id") REFERENCES "schedule_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Written by hand (Prisma does not model CHECK constraints): a schedule run has both a workflow and a cluster;
-- only a training run may have neither.
ALTER TABLE "schedule_runs" ADD CONSTRAINT "schedule_runs_kind_problem_check"
    CHECK ("kind" <> 'SCHEDULE' OR ("workflow_id" IS NOT NULL AND "cluster_id" IS NOT NULL));
