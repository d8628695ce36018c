-- One name for a run: the table of schedule and training runs is "runs" (it was "schedule_runs"), a schedule
-- run's assignments "run_assignments". Constraints and indexes take the names Prisma gives the renamed models.
ALTER TABLE "schedule_runs" RENAME TO "runs";
ALTER TABLE "runs" RENAME CONSTRAINT "schedule_runs_pkey" TO "runs_pkey";
ALTER TABLE "runs" RENAME CONSTRAINT "schedule_runs_workflow_id_fkey" TO "runs_workflow_id_fkey";
ALTER TABLE "runs" RENAME CONSTRAINT "schedule_runs_cluster_id_fkey" TO "runs_cluster_id_fkey";
ALTER TABLE "runs" RENAME CONSTRAINT "schedule_runs_kind_problem_check" TO "runs_kind_problem_check";
ALTER INDEX "schedule_runs_created_at_id_idx" RENAME TO "runs_created_at_id_idx";
ALTER INDEX "schedule_runs_makespan_id_idx" RENAME TO "runs_makespan_id_idx";
ALTER INDEX "schedule_runs_workflow_id_created_at_id_idx" RENAME TO "runs_workflow_id_created_at_id_idx";
ALTER INDEX "schedule_runs_workflow_id_makespan_id_idx" RENAME TO "runs_workflow_id_makespan_id_idx";
ALTER INDEX "schedule_runs_cluster_id_created_at_id_idx" RENAME TO "runs_cluster_id_created_at_id_idx";
ALTER INDEX "schedule_runs_scheduler_created_at_id_idx" RENAME TO "runs_scheduler_created_at_id_idx";
ALTER INDEX "schedule_runs_status_created_at_id_idx" RENAME TO "runs_status_created_at_id_idx";
ALTER INDEX "schedule_runs_kind_created_at_id_idx" RENAME TO "runs_kind_created_at_id_idx";

ALTER TABLE "schedule_run_assignments" RENAME TO "run_assignments";
ALTER TABLE "run_assignments" RENAME CONSTRAINT "schedule_run_assignments_pkey" TO "run_assignments_pkey";
ALTER TABLE "run_assignments" RENAME CONSTRAINT "schedule_run_assignments_run_id_fkey" TO "run_assignments_run_id_fkey";
