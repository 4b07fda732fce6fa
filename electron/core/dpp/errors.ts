import type { CertificateType } from '../../contract/certificate-types.ts';
import type { AppError } from '../../contract/result.ts';
import { ErrorWire, fieldForModelStateKey } from './wire.ts';
import { parseJsonLoosely } from './read-body.ts';

/**
 * Turn a non-success DPP answer into an AppError a TA can act on. Bodies may be JSON or
 * text/plain; the DPP's own Message is quoted when there is one, never headers or our request.
 */
export function errorFromResponse(status: number, bodyText: string, retryAfterHeader: string | null, certificateType?: CertificateType): AppError {
  const parsed = ErrorWire.safeParse(parseJsonLoosely(bodyText));
  const body = parsed.success ? parsed.data : undefined;
  const dppMessage = (body?.Message ?? body?.message ?? (parsed.success ? undefined : bodyText.trim().slice(0, 300))) || undefined;
  const quoted = dppMessage ? ` The DPP said: “${dppMessage}”` : '';

  switch (true) {
    case status === 400: {
      const fields = fieldErrorsFromModelState(body?.ModelState);
      const named = Object.keys(fields).length > 0;
      return {
        code: 'invalid',
        message: named
          ? 'The DPP found problems with this application. Fix the fields marked below and submit again.'
          : `The DPP rejected this application as invalid.${quoted}`,
        fields,
      };
    }
    case status === 401:
      return {
        code: 'unauthorized',
        message: `The DPP did not accept your TA credentials.${quoted} Check your DPP username and password, then submit again.`,
      };
    case status === 403:
      return {
        code: 'forbidden',
        message: `The DPP refused this application: your account may not act as Trusted Agent for this organization.${quoted}`,
      };
    case status === 409:
      return {
        code: 'conflict',
        message: conflictMessage(quoted, certificateType),
      };
    case status === 429: {
      const seconds = parseRetryAfter(retryAfterHeader);
      return {
        code: 'rate-limited',
        message: `The DPP asked us to slow down. Try again in ${seconds} seconds.`,
        retryAfterSeconds: seconds,
      };
    }
    case status >= 500 && status <= 599:
      return {
        code: 'server-error',
        message: `The DPP had a temporary problem (HTTP ${status}). Try again in a few minutes.`,
      };
    case status >= 300 && status <= 399:
      return {
        code: 'bad-response',
        message: `The DPP answered with a redirect (HTTP ${status}). TA Desk does not follow redirects, so your credentials stay with the DPP address you configured; check the base URL in Settings.`,
      };
    default:
      return {
        code: 'bad-response',
        message: `The DPP answered with an unexpected HTTP ${status}.${quoted}`,
      };
  }
}

/** A 409 in the words of the application's type: a domain is not an address, a member of staff not a patient. */
function conflictMessage(quoted: string, certificateType: CertificateType | undefined): string {
  if (certificateType === 'organization') return `This Direct domain already has a certificate at the DPP.${quoted} Check the domain, or look it up in History.`;
  const whom = certificateType === 'address' ? 'look it up in History' : 'look the patient up in your history';
  return `This Direct address is already in use at the DPP.${quoted} Check the address, or ${whom}.`;
}

/** Form fields (of any certificate type) by the ModelState keys the DPP named. */
function fieldErrorsFromModelState(modelState: Record<string, string[] | string> | undefined): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(modelState ?? {})) {
    const field = fieldForModelStateKey(key);
    if (field) {
      (fields[field] ??= []).push(...(Array.isArray(messages) ? messages : [messages]));
    }
  }
  return fields;
}

/** Retry-After in seconds (delta-seconds or an HTTP date); 1 s when absent or unreadable. */
/** Longest Retry-After we take at its word (an hour); beyond that the outbox's own backoff rules. */
export const MAX_RETRY_AFTER_SECONDS = 3600;

export function parseRetryAfter(header: string | null, now = Date.now()): number {
  if (!header) return 1;
  const trimmed = header.trim();
  let seconds = 1;
  if (/^\d+$/.test(trimmed)) seconds = Number(trimmed);
  else if (!Number.isNaN(Date.parse(trimmed))) seconds = Math.max(0, Math.ceil((Date.parse(trimmed) - now) / 1000));
  return Number.isFinite(seconds) ? Math.min(seconds, MAX_RETRY_AFTER_SECONDS) : MAX_RETRY_AFTER_SECONDS;
}

/** Errors thrown by fetch itself: refused or unresolvable means the request never left. */
export function errorFromFetchFailure(err: unknown, requestMayHaveLeft: boolean): AppError {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
    return {
      code: requestMayHaveLeft ? 'unknown-outcome' : 'timeout',
      message: requestMayHaveLeft
        ? 'The DPP did not answer in time. The application may or may not have arrived; TA Desk will check before sending it again.'
        : 'The DPP did not answer in time. Try again in a moment.',
    };
  }
  const text = describeCause(err);
  const neverLeft = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ERR_CONNECTION_REFUSED|ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|ERR_ADDRESS_UNREACHABLE/.test(text);
  if (/CERT|SSL|TLS|ERR_CERT/i.test(text)) {
    return { code: 'network', message: 'The DPP’s security certificate could not be verified, so TA Desk did not connect. Tell your IT team.' };
  }
  if (neverLeft || !requestMayHaveLeft) {
    return { code: 'network', message: 'The DPP could not be reached. Check your network connection and try again.' };
  }
  return {
    code: 'unknown-outcome',
    message: 'The connection to the DPP broke while sending. The application may or may not have arrived; TA Desk will check before sending it again.',
  };
}

function describeCause(err: unknown): string {
  const parts: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current instanceof Error && depth < 4; depth++) {
    parts.push(current.message, (current as { code?: string }).code ?? '');
    current = current.cause;
  }
  return parts.join(' ');
}
