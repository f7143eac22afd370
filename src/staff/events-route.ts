// GET /api/staff/events: Server-Sent Events carrying case summaries as they change. The stream is
// background traffic (it does not keep the session alive); it checks the session on every
// heartbeat and ends when the session does, so the console falls back to its sign-in screen.
import type { RequestHandler } from 'express';
import { staffCaller } from './auth';
import type { CaseFeed } from './case-feed';
import type { StaffRepositories } from './repositories';

export const DEFAULT_HEARTBEAT_MS = 20_000;

export function caseEvents(feed: CaseFeed, repos: StaffRepositories, heartbeatMs = DEFAULT_HEARTBEAT_MS): RequestHandler {
  return (req, res) => {
    const caller = staffCaller(res);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      // Reverse proxies (nginx) would otherwise buffer the stream.
      'X-Accel-Buffering': 'no',
    });
    let open = true;
    const write = (chunk: string): void => {
      if (open) res.write(chunk);
    };
    write('retry: 3000\n\n');
    write('event: ready\ndata: {}\n\n');

    // No event ids: a reconnecting console reloads its queue anyway, so nothing needs replaying.
    const unsubscribe = feed.subscribe((events) => {
      for (const e of events) write(e.type === 'case' ? `event: case\ndata: ${JSON.stringify(e.case)}\n\n` : `event: activity\ndata: ${JSON.stringify({ caseId: e.caseId })}\n\n`);
    });
    const heartbeat = setInterval(() => {
      void repos.sessions
        .resolve(caller.sessionId, false)
        .then((session) => {
          if (session) return write(': ping\n\n');
          write('event: session-ended\ndata: {}\n\n');
          close();
          res.end();
        })
        .catch(() => write(': ping\n\n'));
    }, heartbeatMs);

    function close(): void {
      if (!open) return;
      open = false;
      clearInterval(heartbeat);
      unsubscribe();
    }
    req.on('close', close);
  };
}
