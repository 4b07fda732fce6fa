import { DPP_STATUS } from '../../contract/dpp-statuses.ts';
import type { Application } from '../../contract/application.ts';
import type { CertificateType } from '../../contract/certificate-types.ts';
import { secretFields, type AnyCertificate } from '../../contract/certificates.ts';
import { fail, ok, type Result } from '../../contract/result.ts';
import { errorFromFetchFailure, errorFromResponse } from './errors.ts';
import { BodyTooLargeError, parseJsonLoosely, readBodyCapped } from './read-body.ts';
import {
  APPLICATION_ID_QUERY_PARAM,
  certificateToWire,
  certificateTypeOfStatus,
  HEADERS,
  PATHS,
  ProvisioningStatusWire,
  STATUS_QUERY_PARAM,
  SUBMIT_PATHS,
  SubmitAcceptedWire,
} from './wire.ts';

/** The fetch the client is given: Electron's net.fetch, Node's fetch, or the practice DPP in-process. */
export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

export interface DppCredentials {
  userId: string;
  password: string;
}

export interface DppClientOptions {
  baseUrl: string;
  fetch: FetchFn;
  /** Asked for on every call, so the password is held only while a request is built. */
  credentials: () => Promise<DppCredentials>;
  timeoutMs?: number;
}

export interface SubmitAccepted {
  applicationId: string;
  status: string;
  submittedAt: string;
}

export interface ProvisioningStatus {
  applicationId: string | undefined;
  status: string;
  statusDate: string | undefined;
  comments: string | undefined;
  /** What the answer names the certificate for (an organizational one has a domain, no address). */
  directAddress: string | undefined;
  directDomain: string | undefined;
  /** The type the answer implies (wire.ts, certificateTypeOfStatus); undefined when it does not tell. */
  certificateType: CertificateType | undefined;
}

export const DEFAULT_TIMEOUT_MS = 20_000;

export function createDppClient(options: DppClientOptions) {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const base = options.baseUrl.replace(/\/+$/, '');

  /** Credentials come first and outside the network try: a missing password is not a lost request. */
  async function credentials(): Promise<Result<DppCredentials>> {
    try {
      return ok(await options.credentials());
    } catch (err) {
      const keychain = err instanceof Error && err.name === 'KeychainUnavailableError';
      return fail({
        code: keychain ? 'keychain' : 'unauthorized',
        message: err instanceof Error ? err.message : 'The DPP credentials could not be read.',
      });
    }
  }

  async function send(path: string, init: { method: string; body?: string; idempotencyKey?: string; secrets?: readonly string[] }, creds: DppCredentials) {
    const { userId, password } = creds;
    const headers: Record<string, string> = {
      [HEADERS.userId]: userId,
      [HEADERS.password]: password,
      Accept: 'application/json',
    };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    if (init.idempotencyKey) headers[HEADERS.idempotencyKey] = init.idempotencyKey;
    const signal = AbortSignal.timeout(timeoutMs);
    // Never follow redirects: the credentials headers (and the application) would go wherever the
    // redirect points, possibly another host or plain http. A 3xx is reported as an error instead.
    const res = await options.fetch(`${base}${path}`, { method: init.method, headers, body: init.body, signal, redirect: 'manual' });
    // The body read shares the timeout: a server that sends headers and then stalls is a hang too.
    // An oversized body is dropped unread; the status code alone then decides what happened.
    const text = await readBodyCapped(res).catch((err: unknown) => {
      if (err instanceof BodyTooLargeError || err instanceof TypeError) return ''; // too big, or not UTF-8
      throw err;
    });
    // A DPP that echoes the request must not hand a password (the TA's, or one the application
    // carries) on to messages, logs or the window.
    const hidden = [password, ...(init.secrets ?? [])].filter((secret) => secret.length >= 4);
    return { res, text: hidden.reduce((body, secret) => body.replaceAll(secret, '[redacted]'), text) };
  }

  /** One status GET (by address or by number); `null` when the DPP has none (404). */
  async function lookUp(query: URLSearchParams, path: string): Promise<Result<ProvisioningStatus | null>> {
    const creds = await credentials();
    if (!creds.ok) return creds;
    let response: Awaited<ReturnType<typeof send>>;
    try {
      response = await send(`${path}?${query.toString()}`, { method: 'GET' }, creds.value);
    } catch (err) {
      return fail(errorFromFetchFailure(err, false));
    }
    const { res, text } = response;
    if (res.status === 404) return ok(null);
    if (res.status === 200) {
      const parsed = ProvisioningStatusWire.safeParse(parseJsonLoosely(text));
      if (!parsed.success) {
        return fail({ code: 'bad-response', message: 'The DPP’s status answer could not be read.' });
      }
      return ok({
        applicationId: parsed.data.ApplicationId,
        status: parsed.data.Status,
        statusDate: parsed.data.StatusDate,
        comments: parsed.data.Comments ?? undefined,
        directAddress: parsed.data.DirectAddress ?? undefined,
        directDomain: parsed.data.DirectDomain ?? undefined,
        certificateType: certificateTypeOfStatus(parsed.data),
      });
    }
    return fail(errorFromResponse(res.status, text, res.headers.get(HEADERS.retryAfter)));
  }

  /** POST an application of any type once, to its type's path. Retrying is the caller's decision (see the outbox). */
  async function submitCertificate(certificate: AnyCertificate, opts: { idempotencyKey: string }): Promise<Result<SubmitAccepted>> {
    const creds = await credentials();
    if (!creds.ok) return creds;
    let response: Awaited<ReturnType<typeof send>>;
    try {
      response = await send(
        SUBMIT_PATHS[certificate.certificateType],
        { method: 'POST', body: JSON.stringify(certificateToWire(certificate)), idempotencyKey: opts.idempotencyKey, secrets: secretsOf(certificate) },
        creds.value,
      );
    } catch (err) {
      return fail(errorFromFetchFailure(err, true));
    }
    const { res, text } = response;
    if (res.status === 200 || res.status === 201) {
      const parsed = SubmitAcceptedWire.safeParse(parseJsonLoosely(text));
      if (!parsed.success) {
        return fail({
          code: 'unknown-outcome',
          message: 'The DPP accepted the request but its answer could not be read, so the application number is unknown. TA Desk will check its status.',
        });
      }
      return ok({
        applicationId: parsed.data.ApplicationId,
        status: parsed.data.Status ?? DPP_STATUS.pendingReview,
        submittedAt: parsed.data.SubmittedAt ?? new Date().toISOString(),
      });
    }
    return fail(errorFromResponse(res.status, text, res.headers.get(HEADERS.retryAfter), certificate.certificateType));
  }

  return {
    submitCertificate,

    /** POST a patient application once. */
    submit(app: Application, opts: { idempotencyKey: string }): Promise<Result<SubmitAccepted>> {
      return submitCertificate({ certificateType: 'patient', application: app }, opts);
    },

    /** Look an application up by Direct address (patient and address certificates). */
    status(directAddress: string): Promise<Result<ProvisioningStatus | null>> {
      return lookUp(new URLSearchParams({ [STATUS_QUERY_PARAM]: directAddress }), PATHS.provisioningStatus);
    },

    /** Look an application up by its Application ID (the only way for an organizational one). */
    statusById(applicationId: string): Promise<Result<ProvisioningStatus | null>> {
      return lookUp(new URLSearchParams({ [APPLICATION_ID_QUERY_PARAM]: applicationId }), PATHS.certificateStatus);
    },
  };
}

export type DppClient = ReturnType<typeof createDppClient>;

/** The secret values an application carries (its type's secret fields), to keep out of answers. */
function secretsOf(certificate: AnyCertificate): string[] {
  const app = certificate.application as Record<string, unknown>;
  return secretFields(certificate.certificateType)
    .map((field) => app[field])
    .filter((value): value is string => typeof value === 'string');
}
