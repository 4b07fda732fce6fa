// Preloaded (node --require) into third-party CLIs the tests run, so they keep the project's rule
// that tests only touch loopback addresses. Electronegativity fetches translations from the
// internet at start; unreachable here, got's retry of that request crashes it under Node 24
// (p-cancelable: "onCancel handler was attached after the promise settled"). Refusing at once,
// with an error code got does not retry, lets the CLI fall back to its bundled English texts.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload for node --require */
const http = require('node:http');
const https = require('node:https');

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

function hostOf(args) {
  const first = args[0];
  if (first instanceof URL) return first.hostname;
  if (typeof first === 'string') return new URL(first).hostname;
  if (first && typeof first === 'object') return first.hostname || first.host || 'localhost';
  return 'localhost';
}

for (const mod of [http, https]) {
  for (const name of ['request', 'get']) {
    const original = mod[name];
    mod[name] = function loopbackOnly(...args) {
      const host = String(hostOf(args)).replace(/:\d+$/, '');
      if (!LOOPBACK.has(host)) {
        const error = new Error(`network refused in tests: ${host} is not a loopback address`);
        error.code = 'ERR_TEST_LOOPBACK_ONLY';
        throw error;
      }
      return original.apply(this, args);
    };
  }
}
