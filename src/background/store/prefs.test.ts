import { describe, expect, it } from 'vitest';
import type { CloudAccessDatabase } from '../../shared/store/open';
import { readPrefs } from '../../shared/store/read';
import { useFreshStores } from '../../shared/store/test-support';
import { recordRecent, toggleFavorite } from './prefs';

const freshStores = useFreshStores();
const store = async (): Promise<CloudAccessDatabase> => (await freshStores()).db;

describe('prefs repository', () => {
  it('toggles favorites, and two toggles at once both land', async () => {
    const db = await store();
    await Promise.all([toggleFavorite(db, 'a'), toggleFavorite(db, 'b')]);
    expect((await readPrefs(db)).favorites.sort()).toEqual(['a', 'b']);
    expect(await toggleFavorite(db, 'a')).toEqual(['b']);
  });

  it('keeps the eight latest recents, the newest first and each once', async () => {
    const db = await store();
    for (const key of ['1', '2', '3', '4', '5', '6', '7', '8', '9', '3']) await recordRecent(db, key);
    expect((await readPrefs(db)).recents).toEqual(['3', '9', '8', '7', '6', '5', '4', '2']);
  });
});
