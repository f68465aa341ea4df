export { startJiraSim, type JiraSim, type JiraSimOptions } from './jira-sim';
export type { InstallOptions, InstallResult } from './install';
export {
  generateInstallKeys,
  otherKeyPair,
  signInstallToken,
  type InstallKeyPair,
} from './install-keys';
export type { Fault, FaultPlan } from './faults';
export type {
  ForgeEventOptions,
  ForgeInstallOptions,
  ForgeSim,
  ForgeSimOptions,
  ForgeUpgradeOptions,
  InvokeRemoteRequest,
  InvokeRemoteResult,
  ProductFetchAnswer,
  RemoteInvokeAnswer,
} from './forge/forge-sim';
export type { FitOptions } from './forge/fit';
export { FIT_ISSUER } from './forge/fit';
export { DEFAULT_ENDPOINTS, MODULES, type ForgeEndpoint } from './forge/forge-app';
export type { Delivery } from './forge/remote-calls';
export { generateSigningKey } from './forge/jwt';
export { injectBridge } from './forge/cdn';
export type { RecordedRequest } from './request-log';
export type { Installation, SimIssue, SimUser } from './sim-records';
export type { SimState } from './sim-state';
export { USER_COOKIE, requestQsh, verifyAppJwt } from './jwt-auth';
export {
  BUSINESS_VALUE_FIELD,
  GUIDE_ACTIVE_ACCOUNT_ID,
  GUIDE_CLOSED_ACCOUNT_ID,
  SEED_USERS,
  STORY_POINTS_FIELD,
  STORY_POINT_ESTIMATE_FIELD,
  TEAM_FIELD,
} from './seed';
