import { mountForPath, mountWithAccessor, parseMountTable } from './mount-table';

const entry = (accessor: string, type: string, options: Record<string, string> | null) => ({ accessor, type, options, description: '', local: false, seal_wrap: false });
const table = {
  data: {
    'secret/': entry('kv_1', 'kv', { version: '2' }),
    'secret/team/': entry('kv_2', 'kv', { version: '2' }),
    'legacy/': entry('kv_3', 'kv', { version: '1' }),
    'sys/': entry('system_1', 'system', null),
  },
  'secret/': entry('kv_1', 'kv', { version: '2' }),
  request_id: 'r',
};

describe('mount table', () => {
  const mounts = parseMountTable(table, 'GET sys/mounts');

  it('reads the map under data, telling KV v2 from KV v1 and other engines', () => {
    expect(mounts.map(({ path, accessor, isKvV2 }) => ({ path, accessor, isKvV2 }))).toEqual([
      { path: 'secret/', accessor: 'kv_1', isKvV2: true },
      { path: 'secret/team/', accessor: 'kv_2', isKvV2: true },
      { path: 'legacy/', accessor: 'kv_3', isKvV2: false },
      { path: 'sys/', accessor: 'system_1', isKvV2: false },
    ]);
  });

  it.each([
    ['secret', 'secret/'],
    ['/secret/', 'secret/'],
    ['secret/app/db', 'secret/'],
    ['secret/team', 'secret/team/'],
    ['secret/team/app', 'secret/team/'],
    ['secret/teammate', 'secret/'],
  ])('resolves %s to the longest mount prefix %s', (path, expected) => {
    expect(mountForPath(mounts, path)?.path).toBe(expected);
  });

  it('finds nothing for a path no mount serves, and looks mounts up by accessor', () => {
    expect(mountForPath(mounts, 'secrets/app')).toBeUndefined();
    expect(mountWithAccessor(mounts, 'kv_3')?.path).toBe('legacy/');
    expect(mountWithAccessor(mounts, 'kv_9')).toBeUndefined();
  });
});
