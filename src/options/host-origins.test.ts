import { describe, expect, it } from 'vitest';
import { originsInImport, originsToGrant } from './host-origins';

describe('host origins', () => {
  it('a connection on a named cloud needs nothing; custom hosts and explicit endpoints need their origins', () => {
    expect(originsToGrant({ cloud: 'AzureCloud' })).toEqual([]);
    expect(
      originsToGrant({
        cloud: {
          login: 'https://login.stack.example/x',
          arm: 'https://arm.stack.example',
          portal: 'https://p',
        },
        endpoints: { token: 'https://sts.example/t', jwks: 'https://login.stack.example/keys' },
      }),
    ).toEqual(['https://login.stack.example/*', 'https://arm.stack.example/*', 'https://sts.example/*']);
  });

  it('reads the hosts an imported file names, and leaves malformed parts to the worker', () => {
    const file = JSON.stringify({
      schemaVersion: 1,
      connections: [
        { id: 'a', cloud: 'AzureUSGovernment' },
        { id: 'b', cloud: { login: 'https://login.b.example', arm: 'https://arm.b.example', portal: 'x' } },
        { id: 'c', cloud: { login: 42 } },
        { id: 'd', endpoints: { token: 'http://evil.example/t', jwks: 'https://keys.d.example/k' } },
        null,
      ],
    });
    // The plain-http token endpoint is not asked for: the worker refuses it by name.
    expect(originsInImport(file)).toEqual([
      'https://login.b.example/*',
      'https://arm.b.example/*',
      'https://keys.d.example/*',
    ]);
    expect(originsInImport('{ "connections": [')).toEqual([]);
    expect(originsInImport('{"connections": {"a": 1}}')).toEqual([]);
    expect(originsInImport('null')).toEqual([]);
  });
});
