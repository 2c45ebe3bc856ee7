// The outbox kept in the browser's IndexedDB: it survives a reload, a closed tab and
// a flat battery. Other tabs are told of every change so each shows the same list.
import type { OutboxEntry, OutboxStore } from './outbox';

const DB_NAME = 'tutoring-outbox';
const STORE = 'entries';
export const OUTBOX_CHANNEL = 'tutoring-outbox';

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE))
        request.result.createObjectStore(STORE, { keyPath: 'clientId' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => {
      opening = null;
      reject(request.error ?? new Error('IndexedDB could not be opened.'));
    };
  });
  return opening;
}

function run<T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T> | void,
): Promise<T | undefined> {
  return open().then(
    (db) =>
      new Promise<T | undefined>((resolve, reject) => {
        const tx = db.transaction(STORE, mode, { durability: 'strict' });
        const request = work(tx.objectStore(STORE));
        // Resolved only once the transaction is committed to disk.
        tx.oncomplete = () => resolve(request ? request.result : undefined);
        tx.onerror = () => reject(tx.error ?? new Error('The tablet could not save the entry.'));
        tx.onabort = () => reject(tx.error ?? new Error('The tablet could not save the entry.'));
      }),
  );
}

function notify() {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(OUTBOX_CHANNEL);
  channel.postMessage('changed');
  channel.close();
}

export const idbStore: OutboxStore = {
  async list() {
    return ((await run<OutboxEntry[]>('readonly', (store) => store.getAll() as IDBRequest<OutboxEntry[]>)) ??
      []) as OutboxEntry[];
  },
  async put(entry) {
    await run('readwrite', (store) => void store.put(entry));
    notify();
  },
  async remove(clientId) {
    await run('readwrite', (store) => void store.delete(clientId));
    notify();
  },
};
