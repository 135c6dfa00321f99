import type { IDBPDatabase } from 'idb';
import type { CloudAccessDB } from '../../shared/store/schema';
import type { FlowState } from '../../shared/messages/contract';
import type { IdentityPort } from '../platform/identity';
import type { LoadedConfig } from '../config/load-config';
import type { LockPort } from '../platform/locks';

/** What the link and session logic needs from the outside world; tests pass fakes. */
export interface LinkDeps {
  db: IDBPDatabase<CloudAccessDB>;
  fetch: typeof fetch;
  identity: IdentityPort;
  now(): number;
  loadConfig(): Promise<LoadedConfig>;
  publisherClientId: string;
  writeFlow(flow: FlowState): Promise<void>;
  notify(title: string, message: string): Promise<void>;
  /** Web Locks in the worker; without, locks hold within this context only (tests). */
  locks?: LockPort;
}
