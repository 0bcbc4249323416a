import { describe, expect, it } from 'vitest';
import { sentHeaders } from '../../helpers/sent-headers.ts';

describe('UserAgentMiddleware', () => {
  it('sends USER_AGENT', async () => {
    expect((await sentHeaders({ USER_AGENT: 'bot/1.0' }))['user-agent']).toBe('bot/1.0');
  });

  it('prefers the spider userAgent property, and keeps a User-Agent the request sets', async () => {
    expect((await sentHeaders({ USER_AGENT: 'bot/1.0' }, {}, { userAgent: 'spider-agent' }))['user-agent']).toBe('spider-agent');
    expect((await sentHeaders({ USER_AGENT: 'bot/1.0' }, { headers: { 'User-Agent': 'mine' } }))['user-agent']).toBe('mine');
  });
});
