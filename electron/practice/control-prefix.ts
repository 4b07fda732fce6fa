/** Path prefix of the practice DPP's test-only control surface (reset, advance clock, received). */
export const CONTROL_PREFIX = '/__practice';
