/** A job that needs one writer among the instances sharing a log holds a lease (see Webhooks). */
export interface Lease {
  /** Takes the lease if nobody holds it; `onLost` is called if it is lost afterwards (the connection dropped). */
  tryAcquire(onLost: () => void): Promise<boolean>;
  /** Gives the lease back (nothing when not held). */
  release(): Promise<void>;
}

/** A store that can hand out leases (PostgreSQL: advisory locks). */
export interface Leasing {
  lease(name: string): Lease;
}

export const canLease = (store: object): store is Leasing => typeof (store as Partial<Leasing>).lease === 'function';
