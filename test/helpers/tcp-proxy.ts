// A TCP proxy in front of a shared server (PostgreSQL), so a test can make it stall or vanish for
// handoff without touching the server the rest of the suite uses.
//   hold()  the server stops answering: bytes from clients are kept back (a query "in flight")
//   down()  every connection is cut and new ones are refused (the server is gone)
//   up()    back to normal
import { createServer, type Server, type Socket, connect } from 'node:net';

export class TcpProxy {
  private held = false;
  private isDown = false;
  private readonly pairs = new Set<{ client: Socket; upstream: Socket; backlog: Buffer[] }>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    let proxy: TcpProxy | undefined;
    const server = createServer((client) => proxy?.accept(client, target));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    proxy = new TcpProxy(server, typeof address === 'object' && address ? address.port : 0);
    return proxy;
  }

  private accept(client: Socket, target: { host: string; port: number }): void {
    if (this.isDown) {
      client.destroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    const pair = { client, upstream, backlog: [] as Buffer[] };
    this.pairs.add(pair);
    client.on('data', (chunk: Buffer) => {
      if (this.held) pair.backlog.push(chunk);
      else upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const close = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  }

  hold(): void {
    this.held = true;
  }

  down(): void {
    this.isDown = true;
    this.held = false;
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.pairs.clear();
  }

  up(): void {
    this.isDown = false;
    this.held = false;
    for (const pair of this.pairs) {
      for (const chunk of pair.backlog.splice(0)) pair.upstream.write(chunk);
    }
  }

  /** A URL like `url` (same credentials and database) that goes through this proxy. */
  rewrite(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  async close(): Promise<void> {
    this.down();
    await new Promise((r) => this.server.close(r));
  }
}
