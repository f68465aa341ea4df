import type { DataSource } from 'typeorm';

/** An account ID we hold for a tenant, and when we last stored something for it. */
export interface StoredAccount {
  accountId: string;
  updatedAt: Date;
}

/**
 * Every account ID a tenant's rows hold, from every column that can hold one, with the time we
 * last stored data for it: the member's last_seen_at, or the updated_at of the room whose
 * change wrote the row (ownership, a vote, a saved estimate).
 */
export async function storedAccounts(
  dataSource: DataSource,
  tenantId: string,
): Promise<StoredAccount[]> {
  const rows = await dataSource.query<{ account_id: string; updated_at: Date | string }[]>(
    `SELECT account_id, max(stored_at) AS updated_at FROM (
        SELECT m.account_id, m.last_seen_at AS stored_at
          FROM room_member m JOIN room r ON r.id = m.room_id WHERE r.tenant_id = $1
        UNION ALL
        SELECT r.owner_account_id, r.updated_at FROM room r WHERE r.tenant_id = $1
        UNION ALL
        SELECT v.account_id, r.updated_at
          FROM vote v JOIN room r ON r.id = v.room_id WHERE r.tenant_id = $1
        UNION ALL
        SELECT i.saved_by_account_id, coalesce(i.saved_at, r.updated_at)
          FROM room_issue i JOIN room r ON r.id = i.room_id
         WHERE r.tenant_id = $1 AND i.saved_by_account_id IS NOT NULL
      ) stored
      GROUP BY account_id
      ORDER BY account_id`,
    [tenantId],
  );
  return rows.map((row) => ({ accountId: row.account_id, updatedAt: new Date(row.updated_at) }));
}
