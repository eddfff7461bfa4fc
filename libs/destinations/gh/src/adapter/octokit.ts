type OctokitModule = typeof import('@octokit/rest');
export type OctokitClient = InstanceType<OctokitModule['Octokit']>;
type OctokitOptions = NonNullable<ConstructorParameters<OctokitModule['Octokit']>[0]>;

/** Every call gives up after this long; Octokit itself has no timeout. */
export const REQUEST_TIMEOUT_MS = 30_000;

let octokitModule: OctokitModule | undefined;

/**
 * `@octokit/rest` ships only as an ES module. The compiled (CommonJS) worker could `require` it (require(esm),
 * Node ≥ 20.19), but jest's module system cannot, so both load it through Node's own loader. Loaded on first use:
 * everything that imports this library for its schemas (the API, the registry) never pays for it.
 */
function loadOctokit(): OctokitModule {
  if (octokitModule === undefined) {
    const nativeRequire = process.getBuiltinModule('node:module').createRequire(__filename);
    octokitModule = nativeRequire('@octokit/rest') as OctokitModule;
  }
  return octokitModule;
}

const quiet = () => undefined;

const fetchWithTimeout: typeof fetch = (input, init) => fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS) });

/**
 * A client for one API root. Octokit's request log is silenced: it would print every 404 (an absent secret is
 * routine) to the console, and the adapter reports failures itself as classified errors.
 */
export function createOctokit(baseUrl: string, auth: Pick<OctokitOptions, 'auth' | 'authStrategy'>): OctokitClient {
  const { Octokit } = loadOctokit();
  return new Octokit({
    ...auth,
    baseUrl,
    userAgent: 'vault-sync',
    log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
    request: { fetch: fetchWithTimeout },
  });
}
