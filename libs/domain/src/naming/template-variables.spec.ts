import { isTemplateVariable, secretTemplateVariables } from './template-variables';

const LOCATION = {
  destinationType: 'gh',
  destinationName: 'ci-repo',
  namespacePath: 'ns1/ns2',
  namespaceId: 'RQegM',
  mountPath: 'path/to/kv1',
  mountAccessor: 'kv_1234',
  secretPath: 'path/to/secret1',
};

describe('secretTemplateVariables', () => {
  it('derives every variable of spec §5 from the secret location', () => {
    expect(secretTemplateVariables(LOCATION)).toEqual({
      DestinationType: 'gh',
      DestinationName: 'ci-repo',
      NamespacePath: 'ns1/ns2/',
      NamespaceBaseName: 'ns2',
      NamespaceID: 'RQegM',
      MountPath: 'path/to/kv1',
      MountBaseName: 'kv1',
      MountAccessor: 'kv_1234',
      SecretPath: 'path/to/secret1',
      SecretBaseName: 'secret1',
    });
  });

  it('drops leading and trailing slashes of mount and secret paths, keeping one at the end of a namespace', () => {
    const variables = secretTemplateVariables({ ...LOCATION, namespacePath: '/ns1/', mountPath: 'kv/', secretPath: '/app/db/' });
    expect(variables.NamespacePath).toBe('ns1/');
    expect(variables.MountPath).toBe('kv');
    expect(variables.MountBaseName).toBe('kv');
    expect(variables.SecretPath).toBe('app/db');
    expect(variables.SecretBaseName).toBe('db');
  });

  it.each(['', '/'])('describes the root namespace %j as empty path, empty base name and ID "root"', (namespacePath) => {
    const variables = secretTemplateVariables({ ...LOCATION, namespaceId: undefined, namespacePath });
    expect([variables.NamespacePath, variables.NamespaceBaseName, variables.NamespaceID]).toEqual(['', '', 'root']);
  });

  it('keeps unicode path segments as they are', () => {
    expect(secretTemplateVariables({ ...LOCATION, secretPath: 'équipe/秘密' }).SecretBaseName).toBe('秘密');
  });
});

describe('isTemplateVariable', () => {
  it('accepts exactly the documented names, case-sensitively', () => {
    expect(isTemplateVariable('SecretKey')).toBe(true);
    expect(isTemplateVariable('secretKey')).toBe(false);
    expect(isTemplateVariable('toString')).toBe(false);
  });
});
