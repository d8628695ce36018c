-- compareSchedulers requests as their own rows (docs/api.md): a comparison groups its runs (runs.comparison_id,
-- cleared if the comparison ever goes; runs.comparison_index, the order they were asked for) and keeps the
-- schedulers it skipped with the reason, so that its ranking can be read again once the workers are done.
-- AlterTable
ALTER TABLE "runs" ADD COLUMN     "comparison_id" UUID,
ADD COLUMN     "comparison_index" INTEGER;

-- CreateTable
CREATE TABLE "comparisons" (
    "id" UUID NOT NULL,
    "workflow_id" UUID NOT NULL,
    "cluster_id" UUID NOT NULL,
    "all" BOOLEAN NOT NULL DEFAULT false,
    "skipped" JSON NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "comparisons_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "comparisons_workflow_id_idx" ON "comparisons"("workflow_id");

-- CreateIndex
CREATE INDEX "comparisons_cluster_id_idx" ON "comparisons"("cluster_id");

-- CreateIndex
CREATE INDEX "runs_comparison_id_idx" ON "runs"("comparison_id");

-- AddForeignKey
ALTER TABLE "runs" ADD CONSTRAINT "runs_comparison_id_fkey" FOREIGN KEY ("comparison_id") REFERENCES "comparisons"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comparisons" ADD CONSTRAINT "comparisons_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "workflows"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comparisons" ADD CONSTRAINT "comparisons_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;
