-- Hard-instance runs (docs/runs.md#hard-instance-runs): a search for the workflow and cluster on which one scheduler
-- does worst against another. Like a training run it has no workflow or cluster of its own (the CHECK of
-- model_versions_and_training_runs binds only SCHEDULE runs); the ones it finds are stored with its success and
-- named in its info.
-- AlterEnum
ALTER TYPE "run_kind" ADD VALUE 'HARD_INSTANCE';
