/**
 * Which of a fixed number of partitions a customer's events fall in, by a stable hash of the customer id: the
 * first 32 bits of its MD5, sign bit cleared, modulo the count. PostgreSQL computes the same number in SQL
 * (`md5()` is built in, and stable across versions, unlike `hashtext`); SQLite gets it as a function registered
 * on the connection ({@link SQLITE_PARTITION_FUNCTION}). A log reader can then ask the database for one
 * partition's events, and check one event in JavaScript, and both agree.
 */
import { hash } from 'node:crypto';

/** The name of the SQL function registered on SQLite connections: `daogou_customer_partition(id, count)`. */
export const SQLITE_PARTITION_FUNCTION = 'daogou_customer_partition';

/**
 * The partition count the events table is indexed by (migration 027: `(partition, seq)` for customers' events),
 * the profile fold's. A read by another count is still right but scans every position after its start.
 */
export const INDEXED_CUSTOMER_PARTITIONS = 8;

/** The partition (0 … count − 1) of a customer id. */
export function customerPartition(customerId: string, count: number): number {
  // One-shot hash(): half the time of createHash().update().digest() per id (SQLite calls this for every
  // event it inserts, to keep the index of migration 027).
  const head = hash('md5', customerId, 'buffer').readUInt32BE(0);
  return (head & 0x7fffffff) % count;
}
