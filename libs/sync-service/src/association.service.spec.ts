import { Association, SecretRef } from '@vault-sync/domain';
import { AssociationService, AssociationServiceDependencies } from './association.service';
import { ResolvedMount } from './mount-resolver';

const MOUNTS = new Map<string, ResolvedMount>([
  ['team/kv', { accessor: 'kv_team', type: 'kv', version: '2' }],
  ['team', { accessor: 'kv_outer', type: 'kv', version: '2' }],
]);

/** Only what `destinationsOfSecretAt` uses; the rest would throw if called. */
function serviceRecordingLookups(lookups: SecretRef[]): AssociationService {
  const unused = () => Promise.reject(new Error('not used'));
  const deps = {
    mounts: { resolve: async (path: string) => MOUNTS.get(path) },
    associations: {
      findBySecret: async (secret: SecretRef): Promise<Association[]> => {
        lookups.push(secret);
        return [];
      },
    },
    destinations: { getMasked: unused, list: unused },
    queues: { enqueueSync: unused, enqueueUnsync: unused },
    capacity: { assertRoomFor: unused },
  } as unknown as AssociationServiceDependencies;
  return new AssociationService(deps);
}

describe('AssociationService.destinationsOfSecretAt', () => {
  it('splits mount and secret at the longest leading part that is a mount', async () => {
    const lookups: SecretRef[] = [];
    const service = serviceRecordingLookups(lookups);
    expect(await service.destinationsOfSecretAt('team/kv/app/db')).toEqual({ associated_destinations: {} });
    await service.destinationsOfSecretAt('/team/other/');
    expect(lookups).toEqual([
      { mountAccessor: 'kv_team', secretPath: 'app/db' },
      { mountAccessor: 'kv_outer', secretPath: 'other' },
    ]);
  });

  it('refuses a path that no mount serves', async () => {
    await expect(serviceRecordingLookups([]).destinationsOfSecretAt('nowhere/app')).rejects.toThrow('no mount serves "nowhere/app"');
  });
});
