/**
 * Open WebSockets per client address. Each socket holds memory and a keep-alive timer, so one address must not
 * open thousands: past the limit the upgrade is refused (429) until one of its sockets closes. Behind a reverse
 * proxy every client shares the proxy's address, so raise the limit there (HETSCHED_MAX_SOCKETS_PER_ADDRESS).
 */
export class SocketsPerAddress {
  private readonly open = new Map<string, number>();

  constructor(private readonly limit: number) {}

  /** Whether `address` may open another socket. */
  hasRoom(address: string): boolean {
    return this.countFor(address) < this.limit;
  }

  /** Counts a socket of `address` that has opened. */
  add(address: string): void {
    this.open.set(address, this.countFor(address) + 1);
  }

  /** Forgets a socket counted by `add` (it closed). */
  release(address: string): void {
    const count = this.open.get(address) ?? 0;
    if (count <= 1) this.open.delete(address);
    else this.open.set(address, count - 1);
  }

  countFor(address: string): number {
    return this.open.get(address) ?? 0;
  }
}
