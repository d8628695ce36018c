import { describe, expect, it } from 'vitest';
import { SocketsPerAddress } from './sockets-per-address.js';

describe('SocketsPerAddress', () => {
  it('has room up to the limit per address, independently per address, and again after a release', () => {
    const sockets = new SocketsPerAddress(2);
    const take = (address: string) => {
      if (!sockets.hasRoom(address)) return false;
      sockets.add(address);
      return true;
    };
    expect([take('a'), take('a'), take('a')]).toEqual([true, true, false]);
    expect(take('b')).toBe(true);
    sockets.release('a');
    expect(sockets.countFor('a')).toBe(1);
    expect(take('a')).toBe(true);
    sockets.release('a');
    sockets.release('a');
    expect(sockets.countFor('a')).toBe(0);
    // A release with nothing open does not go negative (a place is never given twice).
    sockets.release('a');
    expect([take('a'), take('a'), take('a')]).toEqual([true, true, false]);
  });
});
