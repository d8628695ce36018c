/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Viewer {\n    viewer {\n      name\n      role\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  query Workflows($first: Int!, $after: String, $filter: WorkflowFilter) {\n    workflows(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          name\n          tags\n          taskCount\n          edgeCount\n          createdAt\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.WorkflowsDocument,
    "\n  query WorkflowDetail($id: ID!) {\n    workflow(id: $id) {\n      id\n      name\n      tags\n      taskCount\n      edgeCount\n      contentHash\n      createdAt\n      tasks {\n        id\n        work\n        costs {\n          processor\n          time\n        }\n      }\n      edges {\n        from\n        to\n        data\n      }\n    }\n  }\n": typeof types.WorkflowDetailDocument,
    "\n  query WorkflowRuns($id: ID!, $first: Int!, $after: String) {\n    workflow(id: $id) {\n      id\n      runs(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            id\n            scheduler\n            status\n            makespan\n            createdAt\n            cluster {\n              id\n              name\n            }\n          }\n        }\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n      }\n    }\n  }\n": typeof types.WorkflowRunsDocument,
    "\n  mutation SubmitWorkflow($input: SubmitWorkflowInput!) {\n    submitWorkflow(input: $input) {\n      created\n      warnings\n      workflow {\n        id\n        name\n        taskCount\n      }\n      traceCluster {\n        id\n        name\n      }\n    }\n  }\n": typeof types.SubmitWorkflowDocument,
    "\n  mutation GenerateWorkflow($input: GenerateWorkflowInput!) {\n    generateWorkflow(input: $input) {\n      workflow {\n        id\n        name\n        taskCount\n      }\n      cluster {\n        id\n        name\n      }\n    }\n  }\n": typeof types.GenerateWorkflowDocument,
    "\n  query Clusters($first: Int!, $after: String, $filter: ClusterFilter) {\n    clusters(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          name\n          tags\n          processorCount\n          linkCount\n          createdAt\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.ClustersDocument,
    "\n  query ClusterDetail($id: ID!) {\n    cluster(id: $id) {\n      id\n      name\n      tags\n      processorCount\n      linkCount\n      contentHash\n      createdAt\n      processors {\n        id\n        speed\n        cores\n        memoryGb\n        type\n      }\n      network {\n        bandwidth\n        latency\n        links {\n          between\n          bandwidth\n          latency\n        }\n      }\n    }\n  }\n": typeof types.ClusterDetailDocument,
    "\n  mutation CreateCluster($input: CreateClusterInput!) {\n    createCluster(input: $input) {\n      id\n      name\n      processorCount\n    }\n  }\n": typeof types.CreateClusterDocument,
    "\n  query Schedulers {\n    schedulers {\n      name\n      version\n      description\n      enabled\n      optionsSchema\n      capabilities {\n        progress\n        cancellable\n        deterministic\n        maxProcessors\n      }\n      training {\n        artifactKind\n      }\n    }\n  }\n": typeof types.SchedulersDocument,
    "\n  mutation ScheduleWorkflow($workflowId: ID!, $clusterId: ID!, $scheduler: String!, $options: JSONObject) {\n    scheduleWorkflow(workflowId: $workflowId, clusterId: $clusterId, scheduler: $scheduler, options: $options) {\n      id\n      status\n    }\n  }\n": typeof types.ScheduleWorkflowDocument,
    "\n  mutation CompareSchedulers($workflowId: ID!, $clusterId: ID!, $schedulers: [SchedulerSelection!], $all: Boolean! = false) {\n    compareSchedulers(workflowId: $workflowId, clusterId: $clusterId, schedulers: $schedulers, all: $all) {\n      id\n      runs {\n        id\n        scheduler\n        status\n      }\n      skipped {\n        scheduler\n        reason\n      }\n    }\n  }\n": typeof types.CompareSchedulersDocument,
    "\n  query ScheduleRuns($first: Int!, $after: String, $filter: ScheduleRunFilter, $orderBy: ScheduleRunOrder) {\n    scheduleRuns(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      edges {\n        cursor\n        node {\n          id\n          scheduler\n          status\n          makespan\n          createdAt\n          finishedAt\n          error\n          workflow {\n            id\n            name\n          }\n          cluster {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.ScheduleRunsDocument,
    "\n  subscription RunStatusChanged($filter: RunStatusFilter) {\n    runStatusChanged(filter: $filter) {\n      id\n      scheduler\n      status\n      makespan\n      createdAt\n      finishedAt\n      error\n      workflow {\n        id\n        name\n      }\n      cluster {\n        id\n        name\n      }\n    }\n  }\n": typeof types.RunStatusChangedDocument,
    "\n  query RunDetail($id: ID!) {\n    scheduleRun(id: $id) {\n      id\n      status\n      scheduler\n      schedulerVersion\n      options\n      info\n      error\n      makespan\n      modelVersion\n      createdAt\n      startedAt\n      finishedAt\n      metrics {\n        makespan\n        slr\n        speedup\n        efficiency\n        averageTurnaround\n        utilisation {\n          processor\n          utilisation\n        }\n      }\n      assignments {\n        task\n        processor\n        start\n        finish\n      }\n      workflow {\n        id\n        name\n        taskCount\n        edges {\n          from\n          to\n          data\n        }\n      }\n      cluster {\n        id\n        name\n        processors {\n          id\n          speed\n        }\n        network {\n          bandwidth\n          latency\n          links {\n            between\n            bandwidth\n            latency\n          }\n        }\n      }\n    }\n  }\n": typeof types.RunDetailDocument,
    "\n  query RunGanttSvg($id: ID!) {\n    scheduleRun(id: $id) {\n      id\n      ganttSvg(width: 1600)\n    }\n  }\n": typeof types.RunGanttSvgDocument,
    "\n  subscription RunProgress($runId: ID!, $after: String) {\n    runProgress(runId: $runId, after: $after) {\n      sequence\n      cursor\n      kind\n      status\n      fraction\n      message\n      data\n      createdAt\n      final\n    }\n  }\n": typeof types.RunProgressDocument,
    "\n  mutation CancelRun($id: ID!) {\n    cancelRun(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.CancelRunDocument,
    "\n  mutation SetSchedulerEnabled($name: String!, $enabled: Boolean!) {\n    setSchedulerEnabled(name: $name, enabled: $enabled) {\n      name\n      enabled\n    }\n  }\n": typeof types.SetSchedulerEnabledDocument,
    "\n  mutation RegisterPlugin($package: String!) {\n    registerSchedulerPlugin(package: $package) {\n      name\n      version\n      enabled\n    }\n  }\n": typeof types.RegisterPluginDocument,
    "\n  query ApiTokens($includeRevoked: Boolean!) {\n    apiTokens(includeRevoked: $includeRevoked) {\n      id\n      name\n      role\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n": typeof types.ApiTokensDocument,
    "\n  mutation CreateApiToken($name: String!, $role: Role!) {\n    createApiToken(name: $name, role: $role) {\n      token\n      apiToken {\n        id\n        name\n        role\n      }\n    }\n  }\n": typeof types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": typeof types.RevokeApiTokenDocument,
    "\n  query Models($first: Int!, $after: String) {\n    modelVersions(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          name\n          plugin\n          metrics\n          sizeBytes\n          createdAt\n          trainingRunId\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.ModelsDocument,
    "\n  query TrainingRuns($first: Int!, $after: String) {\n    trainingRuns(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          scheduler\n          status\n          createdAt\n          finishedAt\n          error\n          modelVersion\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.TrainingRunsDocument,
};
const documents: Documents = {
    "\n  query Viewer {\n    viewer {\n      name\n      role\n    }\n  }\n": types.ViewerDocument,
    "\n  query Workflows($first: Int!, $after: String, $filter: WorkflowFilter) {\n    workflows(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          name\n          tags\n          taskCount\n          edgeCount\n          createdAt\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.WorkflowsDocument,
    "\n  query WorkflowDetail($id: ID!) {\n    workflow(id: $id) {\n      id\n      name\n      tags\n      taskCount\n      edgeCount\n      contentHash\n      createdAt\n      tasks {\n        id\n        work\n        costs {\n          processor\n          time\n        }\n      }\n      edges {\n        from\n        to\n        data\n      }\n    }\n  }\n": types.WorkflowDetailDocument,
    "\n  query WorkflowRuns($id: ID!, $first: Int!, $after: String) {\n    workflow(id: $id) {\n      id\n      runs(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            id\n            scheduler\n            status\n            makespan\n            createdAt\n            cluster {\n              id\n              name\n            }\n          }\n        }\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n      }\n    }\n  }\n": types.WorkflowRunsDocument,
    "\n  mutation SubmitWorkflow($input: SubmitWorkflowInput!) {\n    submitWorkflow(input: $input) {\n      created\n      warnings\n      workflow {\n        id\n        name\n        taskCount\n      }\n      traceCluster {\n        id\n        name\n      }\n    }\n  }\n": types.SubmitWorkflowDocument,
    "\n  mutation GenerateWorkflow($input: GenerateWorkflowInput!) {\n    generateWorkflow(input: $input) {\n      workflow {\n        id\n        name\n        taskCount\n      }\n      cluster {\n        id\n        name\n      }\n    }\n  }\n": types.GenerateWorkflowDocument,
    "\n  query Clusters($first: Int!, $after: String, $filter: ClusterFilter) {\n    clusters(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          name\n          tags\n          processorCount\n          linkCount\n          createdAt\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.ClustersDocument,
    "\n  query ClusterDetail($id: ID!) {\n    cluster(id: $id) {\n      id\n      name\n      tags\n      processorCount\n      linkCount\n      contentHash\n      createdAt\n      processors {\n        id\n        speed\n        cores\n        memoryGb\n        type\n      }\n      network {\n        bandwidth\n        latency\n        links {\n          between\n          bandwidth\n          latency\n        }\n      }\n    }\n  }\n": types.ClusterDetailDocument,
    "\n  mutation CreateCluster($input: CreateClusterInput!) {\n    createCluster(input: $input) {\n      id\n      name\n      processorCount\n    }\n  }\n": types.CreateClusterDocument,
    "\n  query Schedulers {\n    schedulers {\n      name\n      version\n      description\n      enabled\n      optionsSchema\n      capabilities {\n        progress\n        cancellable\n        deterministic\n        maxProcessors\n      }\n      training {\n        artifactKind\n      }\n    }\n  }\n": types.SchedulersDocument,
    "\n  mutation ScheduleWorkflow($workflowId: ID!, $clusterId: ID!, $scheduler: String!, $options: JSONObject) {\n    scheduleWorkflow(workflowId: $workflowId, clusterId: $clusterId, scheduler: $scheduler, options: $options) {\n      id\n      status\n    }\n  }\n": types.ScheduleWorkflowDocument,
    "\n  mutation CompareSchedulers($workflowId: ID!, $clusterId: ID!, $schedulers: [SchedulerSelection!], $all: Boolean! = false) {\n    compareSchedulers(workflowId: $workflowId, clusterId: $clusterId, schedulers: $schedulers, all: $all) {\n      id\n      runs {\n        id\n        scheduler\n        status\n      }\n      skipped {\n        scheduler\n        reason\n      }\n    }\n  }\n": types.CompareSchedulersDocument,
    "\n  query ScheduleRuns($first: Int!, $after: String, $filter: ScheduleRunFilter, $orderBy: ScheduleRunOrder) {\n    scheduleRuns(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      edges {\n        cursor\n        node {\n          id\n          scheduler\n          status\n          makespan\n          createdAt\n          finishedAt\n          error\n          workflow {\n            id\n            name\n          }\n          cluster {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.ScheduleRunsDocument,
    "\n  subscription RunStatusChanged($filter: RunStatusFilter) {\n    runStatusChanged(filter: $filter) {\n      id\n      scheduler\n      status\n      makespan\n      createdAt\n      finishedAt\n      error\n      workflow {\n        id\n        name\n      }\n      cluster {\n        id\n        name\n      }\n    }\n  }\n": types.RunStatusChangedDocument,
    "\n  query RunDetail($id: ID!) {\n    scheduleRun(id: $id) {\n      id\n      status\n      scheduler\n      schedulerVersion\n      options\n      info\n      error\n      makespan\n      modelVersion\n      createdAt\n      startedAt\n      finishedAt\n      metrics {\n        makespan\n        slr\n        speedup\n        efficiency\n        averageTurnaround\n        utilisation {\n          processor\n          utilisation\n        }\n      }\n      assignments {\n        task\n        processor\n        start\n        finish\n      }\n      workflow {\n        id\n        name\n        taskCount\n        edges {\n          from\n          to\n          data\n        }\n      }\n      cluster {\n        id\n        name\n        processors {\n          id\n          speed\n        }\n        network {\n          bandwidth\n          latency\n          links {\n            between\n            bandwidth\n            latency\n          }\n        }\n      }\n    }\n  }\n": types.RunDetailDocument,
    "\n  query RunGanttSvg($id: ID!) {\n    scheduleRun(id: $id) {\n      id\n      ganttSvg(width: 1600)\n    }\n  }\n": types.RunGanttSvgDocument,
    "\n  subscription RunProgress($runId: ID!, $after: String) {\n    runProgress(runId: $runId, after: $after) {\n      sequence\n      cursor\n      kind\n      status\n      fraction\n      message\n      data\n      createdAt\n      final\n    }\n  }\n": types.RunProgressDocument,
    "\n  mutation CancelRun($id: ID!) {\n    cancelRun(id: $id) {\n      id\n      status\n    }\n  }\n": types.CancelRunDocument,
    "\n  mutation SetSchedulerEnabled($name: String!, $enabled: Boolean!) {\n    setSchedulerEnabled(name: $name, enabled: $enabled) {\n      name\n      enabled\n    }\n  }\n": types.SetSchedulerEnabledDocument,
    "\n  mutation RegisterPlugin($package: String!) {\n    registerSchedulerPlugin(package: $package) {\n      name\n      version\n      enabled\n    }\n  }\n": types.RegisterPluginDocument,
    "\n  query ApiTokens($includeRevoked: Boolean!) {\n    apiTokens(includeRevoked: $includeRevoked) {\n      id\n      name\n      role\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n": types.ApiTokensDocument,
    "\n  mutation CreateApiToken($name: String!, $role: Role!) {\n    createApiToken(name: $name, role: $role) {\n      token\n      apiToken {\n        id\n        name\n        role\n      }\n    }\n  }\n": types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": types.RevokeApiTokenDocument,
    "\n  query Models($first: Int!, $after: String) {\n    modelVersions(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          name\n          plugin\n          metrics\n          sizeBytes\n          createdAt\n          trainingRunId\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.ModelsDocument,
    "\n  query TrainingRuns($first: Int!, $after: String) {\n    trainingRuns(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          scheduler\n          status\n          createdAt\n          finishedAt\n          error\n          modelVersion\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.TrainingRunsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      name\n      role\n    }\n  }\n"): typeof import('./graphql').ViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Workflows($first: Int!, $after: String, $filter: WorkflowFilter) {\n    workflows(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          name\n          tags\n          taskCount\n          edgeCount\n          createdAt\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): typeof import('./graphql').WorkflowsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkflowDetail($id: ID!) {\n    workflow(id: $id) {\n      id\n      name\n      tags\n      taskCount\n      edgeCount\n      contentHash\n      createdAt\n      tasks {\n        id\n        work\n        costs {\n          processor\n          time\n        }\n      }\n      edges {\n        from\n        to\n        data\n      }\n    }\n  }\n"): typeof import('./graphql').WorkflowDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkflowRuns($id: ID!, $first: Int!, $after: String) {\n    workflow(id: $id) {\n      id\n      runs(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            id\n            scheduler\n            status\n            makespan\n            createdAt\n            cluster {\n              id\n              name\n            }\n          }\n        }\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').WorkflowRunsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitWorkflow($input: SubmitWorkflowInput!) {\n    submitWorkflow(input: $input) {\n      created\n      warnings\n      workflow {\n        id\n        name\n        taskCount\n      }\n      traceCluster {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').SubmitWorkflowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GenerateWorkflow($input: GenerateWorkflowInput!) {\n    generateWorkflow(input: $input) {\n      workflow {\n        id\n        name\n        taskCount\n      }\n      cluster {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').GenerateWorkflowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Clusters($first: Int!, $after: String, $filter: ClusterFilter) {\n    clusters(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          name\n          tags\n          processorCount\n          linkCount\n          createdAt\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): typeof import('./graphql').ClustersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClusterDetail($id: ID!) {\n    cluster(id: $id) {\n      id\n      name\n      tags\n      processorCount\n      linkCount\n      contentHash\n      createdAt\n      processors {\n        id\n        speed\n        cores\n        memoryGb\n        type\n      }\n      network {\n        bandwidth\n        latency\n        links {\n          between\n          bandwidth\n          latency\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ClusterDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCluster($input: CreateClusterInput!) {\n    createCluster(input: $input) {\n      id\n      name\n      processorCount\n    }\n  }\n"): typeof import('./graphql').CreateClusterDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Schedulers {\n    schedulers {\n      name\n      version\n      description\n      enabled\n      optionsSchema\n      capabilities {\n        progress\n        cancellable\n        deterministic\n        maxProcessors\n      }\n      training {\n        artifactKind\n      }\n    }\n  }\n"): typeof import('./graphql').SchedulersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScheduleWorkflow($workflowId: ID!, $clusterId: ID!, $scheduler: String!, $options: JSONObject) {\n    scheduleWorkflow(workflowId: $workflowId, clusterId: $clusterId, scheduler: $scheduler, options: $options) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').ScheduleWorkflowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompareSchedulers($workflowId: ID!, $clusterId: ID!, $schedulers: [SchedulerSelection!], $all: Boolean! = false) {\n    compareSchedulers(workflowId: $workflowId, clusterId: $clusterId, schedulers: $schedulers, all: $all) {\n      id\n      runs {\n        id\n        scheduler\n        status\n      }\n      skipped {\n        scheduler\n        reason\n      }\n    }\n  }\n"): typeof import('./graphql').CompareSchedulersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScheduleRuns($first: Int!, $after: String, $filter: ScheduleRunFilter, $orderBy: ScheduleRunOrder) {\n    scheduleRuns(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      edges {\n        cursor\n        node {\n          id\n          scheduler\n          status\n          makespan\n          createdAt\n          finishedAt\n          error\n          workflow {\n            id\n            name\n          }\n          cluster {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): typeof import('./graphql').ScheduleRunsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RunStatusChanged($filter: RunStatusFilter) {\n    runStatusChanged(filter: $filter) {\n      id\n      scheduler\n      status\n      makespan\n      createdAt\n      finishedAt\n      error\n      workflow {\n        id\n        name\n      }\n      cluster {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').RunStatusChangedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunDetail($id: ID!) {\n    scheduleRun(id: $id) {\n      id\n      status\n      scheduler\n      schedulerVersion\n      options\n      info\n      error\n      makespan\n      modelVersion\n      createdAt\n      startedAt\n      finishedAt\n      metrics {\n        makespan\n        slr\n        speedup\n        efficiency\n        averageTurnaround\n        utilisation {\n          processor\n          utilisation\n        }\n      }\n      assignments {\n        task\n        processor\n        start\n        finish\n      }\n      workflow {\n        id\n        name\n        taskCount\n        edges {\n          from\n          to\n          data\n        }\n      }\n      cluster {\n        id\n        name\n        processors {\n          id\n          speed\n        }\n        network {\n          bandwidth\n          latency\n          links {\n            between\n            bandwidth\n            latency\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').RunDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunGanttSvg($id: ID!) {\n    scheduleRun(id: $id) {\n      id\n      ganttSvg(width: 1600)\n    }\n  }\n"): typeof import('./graphql').RunGanttSvgDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RunProgress($runId: ID!, $after: String) {\n    runProgress(runId: $runId, after: $after) {\n      sequence\n      cursor\n      kind\n      status\n      fraction\n      message\n      data\n      createdAt\n      final\n    }\n  }\n"): typeof import('./graphql').RunProgressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelRun($id: ID!) {\n    cancelRun(id: $id) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').CancelRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetSchedulerEnabled($name: String!, $enabled: Boolean!) {\n    setSchedulerEnabled(name: $name, enabled: $enabled) {\n      name\n      enabled\n    }\n  }\n"): typeof import('./graphql').SetSchedulerEnabledDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterPlugin($package: String!) {\n    registerSchedulerPlugin(package: $package) {\n      name\n      version\n      enabled\n    }\n  }\n"): typeof import('./graphql').RegisterPluginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiTokens($includeRevoked: Boolean!) {\n    apiTokens(includeRevoked: $includeRevoked) {\n      id\n      name\n      role\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n"): typeof import('./graphql').ApiTokensDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiToken($name: String!, $role: Role!) {\n    createApiToken(name: $name, role: $role) {\n      token\n      apiToken {\n        id\n        name\n        role\n      }\n    }\n  }\n"): typeof import('./graphql').CreateApiTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"): typeof import('./graphql').RevokeApiTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Models($first: Int!, $after: String) {\n    modelVersions(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          name\n          plugin\n          metrics\n          sizeBytes\n          createdAt\n          trainingRunId\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): typeof import('./graphql').ModelsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrainingRuns($first: Int!, $after: String) {\n    trainingRuns(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          scheduler\n          status\n          createdAt\n          finishedAt\n          error\n          modelVersion\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): typeof import('./graphql').TrainingRunsDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
