import { describe, expect, it } from 'vitest';
import { MAX_BATCH_ADDRESSES } from '../../electron/contract/lookup.ts';
import { addressesFromCsv, AddressListError, checkAddresses, readAddressList, splitPastedList } from '../../electron/core/lookup/address-list.ts';

describe('a pasted list of addresses', () => {
  it('splits on newlines, commas and semicolons and drops blanks', () => {
    expect(splitPastedList('a@x.org\r\nb@x.org, c@x.org;d@x.org\n\n ;, e@x.org ')).toEqual(['a@x.org', 'b@x.org', 'c@x.org', 'd@x.org', 'e@x.org']);
  });

  it('sets invalid and repeated entries aside with the reason, keeps the first of each, lower-cases domains', () => {
    const { addresses, skipped } = checkAddresses(['Jo@Direct.Example.org', 'bad', 'jo@direct.example.org', 'a b@x.org']);
    expect(addresses).toEqual(['Jo@direct.example.org']);
    expect(skipped).toEqual([
      { entry: 'bad', reason: 'Enter an address like jane.doe@direct.example.org.' },
      { entry: 'jo@direct.example.org', reason: 'Listed more than once: looked up once.' },
      { entry: 'a b@x.org', reason: 'Remove the spaces: an address cannot contain any.' },
    ]);
  });

  it('refuses an empty list and one over the limit, saying what to do', () => {
    expect(() => readAddressList(' ,; \n', 'list')).toThrow(AddressListError);
    const many = Array.from({ length: MAX_BATCH_ADDRESSES + 1 }, (_, i) => `p${i}@x.org`).join('\n');
    expect(() => readAddressList(many, 'list')).toThrow(`one lookup takes at most ${MAX_BATCH_ADDRESSES}`);
  });
});

describe('a CSV file of addresses', () => {
  it('takes the column named for Direct addresses over another email column, without its header', () => {
    const csv = '\uFEFFName,Email,Direct address\r\n"Doe, Jane",jane@example.org,jane@direct.x.org\r\nSam,sam@example.org,sam@direct.x.org\r\n';
    expect(addressesFromCsv(csv)).toEqual(['jane@direct.x.org', 'sam@direct.x.org']);
  });

  it('finds the address column by its content when there is no header', () => {
    expect(addressesFromCsv('1,jane@direct.x.org,NY\n2,sam@direct.x.org,VT\n3,,CA\n')).toEqual(['jane@direct.x.org', 'sam@direct.x.org']);
  });

  it('says so when no column holds addresses, or the file is empty', () => {
    expect(() => addressesFromCsv('a,b\n1,2\n')).toThrow('No column of the file holds addresses');
    expect(() => addressesFromCsv('\n\n')).toThrow('The file has no rows');
  });
});
