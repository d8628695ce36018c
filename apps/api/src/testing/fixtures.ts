import { readFileSync } from 'node:fs';
import type { Assignment, ClusterSpec, WorkflowSpec } from '@hetsched/core';
import { paperExample } from './paths.js';

/** The HEFT paper's example (Topcuoglu, Hariri & Wu 2002, fig. 2): 10 tasks on 3 processors, HEFT makespan 80. */
export const paper = {
  workflowText: readFileSync(`${paperExample}workflow.json`, 'utf8'),
  clusterText: readFileSync(`${paperExample}cluster.json`, 'utf8'),
  get workflow(): WorkflowSpec {
    return JSON.parse(this.workflowText) as WorkflowSpec;
  },
  get cluster(): ClusterSpec {
    return JSON.parse(this.clusterText) as ClusterSpec;
  },
  get expected(): { makespan: number; assignments: Assignment[]; metrics: Record<string, number> } {
    return JSON.parse(readFileSync(`${paperExample}expected-heft.json`, 'utf8')) as never;
  },
};

export const SUBMIT_DOCUMENT = `
  mutation Submit($input: SubmitWorkflowInput!) {
    submitWorkflow(input: $input) {
      created warnings
      workflow { id name tags taskCount edgeCount contentHash createdAt }
      traceCluster { id name processorCount }
    }
  }`;

export const CREATE_CLUSTER = `
  mutation Create($input: CreateClusterInput!) {
    createCluster(input: $input) { id name processorCount linkCount tags }
  }`;

export const SCHEDULE = `
  mutation Schedule($workflowId: ID!, $clusterId: ID!, $scheduler: String! = "heft", $options: JSONObject) {
    scheduleWorkflow(workflowId: $workflowId, clusterId: $clusterId, scheduler: $scheduler, options: $options) {
      id status scheduler schedulerVersion makespan error options createdAt startedAt finishedAt
    }
  }`;
