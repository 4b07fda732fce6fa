/**
 * What can go wrong with an import that the TA can act on; the handler turns both into an
 * 'invalid' answer with the message as written.
 */

/** A file that cannot be imported at all (not a CSV, too big, a header missing …); the message names the row and column. */
export class ImportFileError extends Error {
  override name = 'ImportFileError';
}

/** A request about an import that is gone, or a row or column it does not have. */
export class ImportInputError extends Error {
  override name = 'ImportInputError';
}
