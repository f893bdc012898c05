// One Intercom workspace ("app"): its identity, admin, data and rate limiter.
import { ContactStore } from './contacts/store.js';
import { CompanyStore } from './companies/model.js';
import { DataAttributeStore } from './data-attributes/store.js';
import { EventStore } from './events/store.js';
import { RateLimiter, type RateLimitSettings } from './rate-limit.js';

export const REGIONS = ['US', 'EU', 'AU'] as const;
export type Region = (typeof REGIONS)[number];

export interface WorkspaceSpec {
  name: string;
  idCode: string;
  region: Region;
  token: string;
  adminId: string;
  adminName: string;
  adminEmail: string;
}

export class Workspace {
  readonly contacts: ContactStore;
  readonly companies = new CompanyStore();
  readonly events = new EventStore();
  readonly attributes: DataAttributeStore;
  readonly rateLimiter: RateLimiter;
  readonly createdAt = Math.floor(Date.now() / 1000);

  constructor(
    readonly spec: WorkspaceSpec,
    rateLimit: RateLimitSettings,
    searchLagMs: () => number,
  ) {
    this.contacts = new ContactStore(searchLagMs);
    this.attributes = new DataAttributeStore(spec.adminId);
    this.rateLimiter = new RateLimiter(rateLimit);
  }

  get idCode(): string {
    return this.spec.idCode;
  }

  meJson() {
    return {
      type: 'admin',
      id: this.spec.adminId,
      email: this.spec.adminEmail,
      name: this.spec.adminName,
      email_verified: true,
      app: {
        type: 'app',
        id_code: this.spec.idCode,
        name: this.spec.name,
        created_at: this.createdAt,
        secure: false,
        identity_verification: false,
        timezone: 'Etc/UTC',
        region: this.spec.region,
      },
      avatar: { type: 'avatar', image_url: null },
      has_inbox_seat: true,
    };
  }
}
