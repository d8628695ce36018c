import { graphql } from '../gql/index.js';

// Every operation the console sends, in one place: graphql-codegen (apps/web/codegen.ts) types them from
// apps/api/schema.graphql, so a page cannot ask for a field the API does not have.

export const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      name
      role
    }
  }
`);

export const WorkflowsQuery = graphql(`
  query Workflows($first: Int!, $after: String, $filter: WorkflowFilter) {
    workflows(first: $first, after: $after, filter: $filter) {
      edges {
        cursor
        node {
          id
          name
          tags
          taskCount
          edgeCount
          createdAt
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const WorkflowDetailQuery = graphql(`
  query WorkflowDetail($id: ID!) {
    workflow(id: $id) {
      id
      name
      tags
      taskCount
      edgeCount
      contentHash
      createdAt
      tasks {
        id
        work
        costs {
          processor
          time
        }
      }
      edges {
        from
        to
        data
      }
    }
  }
`);

export const WorkflowRunsQuery = graphql(`
  query WorkflowRuns($id: ID!, $first: Int!, $after: String) {
    workflow(id: $id) {
      id
      runs(first: $first, after: $after) {
        edges {
          cursor
          node {
            id
            scheduler
            status
            makespan
            createdAt
            cluster {
              id
              name
            }
          }
        }
        pageInfo {
          endCursor
          hasNextPage
        }
      }
    }
  }
`);

export const SubmitWorkflowMutation = graphql(`
  mutation SubmitWorkflow($input: SubmitWorkflowInput!) {
    submitWorkflow(input: $input) {
      created
      warnings
      workflow {
        id
        name
        taskCount
      }
      traceCluster {
        id
        name
      }
    }
  }
`);

export const GenerateWorkflowMutation = graphql(`
  mutation GenerateWorkflow($input: GenerateWorkflowInput!) {
    generateWorkflow(input: $input) {
      workflow {
        id
        name
        taskCount
      }
      cluster {
        id
        name
      }
    }
  }
`);

export const ClustersQuery = graphql(`
  query Clusters($first: Int!, $after: String, $filter: ClusterFilter) {
    clusters(first: $first, after: $after, filter: $filter) {
      edges {
        cursor
        node {
          id
          name
          tags
          processorCount
          linkCount
          createdAt
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const ClusterDetailQuery = graphql(`
  query ClusterDetail($id: ID!) {
    cluster(id: $id) {
      id
      name
      tags
      processorCount
      linkCount
      contentHash
      createdAt
      processors {
        id
        speed
        cores
        memoryGb
        type
      }
      network {
        bandwidth
        latency
        links {
          between
          bandwidth
          latency
        }
      }
    }
  }
`);

export const CreateClusterMutation = graphql(`
  mutation CreateCluster($input: CreateClusterInput!) {
    createCluster(input: $input) {
      id
      name
      processorCount
    }
  }
`);

export const SchedulersQuery = graphql(`
  query Schedulers {
    schedulers {
      name
      version
      description
      enabled
      optionsSchema
      capabilities {
        progress
        cancellable
        deterministic
        maxProcessors
      }
      training {
        artifactKind
      }
    }
  }
`);

export const ScheduleWorkflowMutation = graphql(`
  mutation ScheduleWorkflow($workflowId: ID!, $clusterId: ID!, $scheduler: String!, $options: JSONObject) {
    scheduleWorkflow(workflowId: $workflowId, clusterId: $clusterId, scheduler: $scheduler, options: $options) {
      id
      status
    }
  }
`);

export const CompareSchedulersMutation = graphql(`
  mutation CompareSchedulers($workflowId: ID!, $clusterId: ID!, $schedulers: [SchedulerSelection!], $all: Boolean! = false) {
    compareSchedulers(workflowId: $workflowId, clusterId: $clusterId, schedulers: $schedulers, all: $all) {
      id
      runs {
        id
        scheduler
        status
      }
      skipped {
        scheduler
        reason
      }
    }
  }
`);


export const ScheduleRunsQuery = graphql(`
  query ScheduleRuns($first: Int!, $after: String, $filter: ScheduleRunFilter, $orderBy: ScheduleRunOrder) {
    scheduleRuns(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      edges {
        cursor
        node {
          id
          scheduler
          status
          makespan
          createdAt
          finishedAt
          error
          workflow {
            id
            name
          }
          cluster {
            id
            name
          }
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const RunStatusChangedSubscription = graphql(`
  subscription RunStatusChanged($filter: RunStatusFilter) {
    runStatusChanged(filter: $filter) {
      id
      scheduler
      status
      makespan
      createdAt
      finishedAt
      error
      workflow {
        id
        name
      }
      cluster {
        id
        name
      }
    }
  }
`);

export const RunDetailQuery = graphql(`
  query RunDetail($id: ID!) {
    scheduleRun(id: $id) {
      id
      status
      scheduler
      schedulerVersion
      options
      info
      error
      makespan
      modelVersion
      createdAt
      startedAt
      finishedAt
      metrics {
        makespan
        slr
        speedup
        efficiency
        averageTurnaround
        utilisation {
          processor
          utilisation
        }
      }
      assignments {
        task
        processor
        start
        finish
      }
      workflow {
        id
        name
        taskCount
        edges {
          from
          to
          data
        }
      }
      cluster {
        id
        name
        processors {
          id
          speed
        }
        network {
          bandwidth
          latency
          links {
            between
            bandwidth
            latency
          }
        }
      }
    }
  }
`);

export const RunGanttSvgQuery = graphql(`
  query RunGanttSvg($id: ID!) {
    scheduleRun(id: $id) {
      id
      ganttSvg(width: 1600)
    }
  }
`);

export const RunProgressSubscription = graphql(`
  subscription RunProgress($runId: ID!, $after: String) {
    runProgress(runId: $runId, after: $after) {
      sequence
      cursor
      kind
      status
      fraction
      message
      data
      createdAt
      final
    }
  }
`);

export const CancelRunMutation = graphql(`
  mutation CancelRun($id: ID!) {
    cancelRun(id: $id) {
      id
      status
    }
  }
`);

export const SetSchedulerEnabledMutation = graphql(`
  mutation SetSchedulerEnabled($name: String!, $enabled: Boolean!) {
    setSchedulerEnabled(name: $name, enabled: $enabled) {
      name
      enabled
    }
  }
`);

export const RegisterPluginMutation = graphql(`
  mutation RegisterPlugin($package: String!) {
    registerSchedulerPlugin(package: $package) {
      name
      version
      enabled
    }
  }
`);

export const ApiTokensQuery = graphql(`
  query ApiTokens($includeRevoked: Boolean!) {
    apiTokens(includeRevoked: $includeRevoked) {
      id
      name
      role
      createdAt
      lastUsedAt
      revokedAt
    }
  }
`);

export const CreateApiTokenMutation = graphql(`
  mutation CreateApiToken($name: String!, $role: Role!) {
    createApiToken(name: $name, role: $role) {
      token
      apiToken {
        id
        name
        role
      }
    }
  }
`);

export const RevokeApiTokenMutation = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      id
      revokedAt
    }
  }
`);

export const ModelsQuery = graphql(`
  query Models($first: Int!, $after: String) {
    modelVersions(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          name
          plugin
          metrics
          sizeBytes
          createdAt
          trainingRunId
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const TrainingRunsQuery = graphql(`
  query TrainingRuns($first: Int!, $after: String) {
    trainingRuns(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          scheduler
          status
          createdAt
          finishedAt
          error
          modelVersion
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);
