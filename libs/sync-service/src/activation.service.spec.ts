import { ActivationService, FeatureNotActivatedError } from './activation.service';

function memoryFlags() {
  const flags = new Set<string>();
  return { activated: async () => [...flags].sort(), activate: async (flag: string) => void flags.add(flag) };
}

describe('ActivationService', () => {
  it('ships activated when activation is not required', async () => {
    const service = new ActivationService(memoryFlags(), { required: false });
    expect(await service.view()).toEqual({ activated: ['secrets-sync'], unactivated: [] });
    await expect(service.requireActive()).resolves.toBeUndefined();
  });

  it('refuses until activated, naming the activate endpoint; activating twice is fine', async () => {
    const service = new ActivationService(memoryFlags(), { required: true });
    expect(await service.view()).toEqual({ activated: [], unactivated: ['secrets-sync'] });
    await expect(service.requireActive()).rejects.toThrow(FeatureNotActivatedError);
    await expect(service.requireActive()).rejects.toThrow('sys/activation-flags/secrets-sync/activate');
    expect(await service.activate()).toEqual({ activated: ['secrets-sync'], unactivated: [] });
    expect(await service.activate()).toEqual({ activated: ['secrets-sync'], unactivated: [] });
    await expect(service.requireActive()).resolves.toBeUndefined();
  });
});
