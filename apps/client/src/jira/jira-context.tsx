import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { HostBridge } from '../host/host-bridge';
import { FieldDirectory } from './field-directory';
import { IssueDirectory, type JiraIssue } from './issue-directory';
import { UserDirectory, type JiraUser } from './user-directory';

interface JiraDirectories {
  users: UserDirectory;
  issues: IssueDirectory;
  fields: FieldDirectory;
}

const JiraContext = createContext<JiraDirectories | null>(null);

export function JiraProvider({ bridge, children }: { bridge: HostBridge; children: ReactNode }) {
  const directories = useMemo(
    () => ({
      users: new UserDirectory(bridge),
      issues: new IssueDirectory(bridge),
      fields: new FieldDirectory(bridge),
    }),
    [bridge],
  );
  return <JiraContext.Provider value={directories}>{children}</JiraContext.Provider>;
}

export function useJira(): JiraDirectories {
  const directories = useContext(JiraContext);
  if (!directories) throw new Error('useJira outside JiraProvider');
  return directories;
}

/** Looks up the users (live, batched) and re-renders as they arrive. */
export function useUsers(
  accountIds: readonly string[],
): (id: string) => JiraUser | null | undefined {
  const { users } = useJira();
  useSyncExternalStore(users.cache.subscribe, users.cache.snapshot);
  const wanted = accountIds.join(',');
  useEffect(() => users.want(wanted ? wanted.split(',') : []), [users, wanted]);
  return (id) => users.user(id);
}

/** Looks up the issues (live) and re-renders as they arrive. */
export function useIssues(issueKeys: readonly string[]): (key: string) => JiraIssue | undefined {
  const { issues } = useJira();
  useSyncExternalStore(issues.cache.subscribe, issues.cache.snapshot);
  const wanted = issueKeys.join(',');
  useEffect(() => issues.want(wanted ? wanted.split(',') : []), [issues, wanted]);
  return (key) => issues.issue(key);
}
