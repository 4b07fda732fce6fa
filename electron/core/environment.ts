/** A DPP environment the TA works against, and the TA profile used there. */
export interface Environment {
  id: string;
  name: string;
  /** True for the built-in practice DPP. */
  practice: boolean;
  baseUrl: string;
  profile: {
    userId: string;
    trustedAgent: string;
    organizationName: string;
    /** The organization's Direct domain; Direct addresses must be at it or a subdomain. */
    directDomain?: string;
    defaultCountry: string;
    defaultState?: string;
  };
}
