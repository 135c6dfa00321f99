import { describe, expect, it } from 'vitest';
import { connectionById } from './find-connection';
import type { Connection } from './schema';

const connection = (id: string, displayName: string) => ({ id, displayName }) as unknown as Connection;

describe('connectionById', () => {
  const config = { connections: [connection('a', 'Contoso'), connection('b', 'Fabrikam')] };

  it('finds the connection with that id', () => {
    expect(connectionById(config, 'b')?.displayName).toBe('Fabrikam');
  });

  it('says nothing about a connection that was removed', () => {
    expect(connectionById(config, 'gone')).toBeUndefined();
    expect(connectionById({ connections: [] }, 'a')).toBeUndefined();
  });

  it('matches the id exactly, not by prefix or case', () => {
    expect(connectionById(config, 'A')).toBeUndefined();
    expect(connectionById(config, '')).toBeUndefined();
  });
});
