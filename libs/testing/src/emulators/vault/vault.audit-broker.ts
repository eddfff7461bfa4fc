import { AuditRecord, EntryFormat, formatEntry, hmacWithSalt } from './vault.audit-entry';
import { AuditSink, FileSink, SOCKET_TYPES, SocketSink, SocketType } from './vault.audit-sinks';
import { newUuid } from './vault.ids';
import { withSlash } from './vault.mounts';
import { parseDuration, VaultClock } from './vault.time';

/** Current Vault gives all devices together this long per entry (spec §1.4). */
const AUDIT_CONTEXT_MS = 10_000;
const DEFAULT_WRITE_TIMEOUT = '2s';

export interface AuditDeviceRequest {
  type: string;
  description: string;
  options: Record<string, string>;
  local: boolean;
}

interface AuditDevice extends AuditDeviceRequest {
  path: string;
  format: EntryFormat;
  prefix: string;
  sink: AuditSink;
}

export type AuditEnableOutcome = { kind: 'enabled' } | { kind: 'invalid'; message: string };

class OptionError extends Error {}

/** Go's `strconv.ParseBool`, which device options go through. */
function parseBool(options: Record<string, string>, name: string, fallback: boolean): boolean {
  const raw = options[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(raw)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(raw)) return false;
  throw new OptionError(`unable to parse '${name}': strconv.ParseBool: parsing ${JSON.stringify(raw)}: invalid syntax`);
}

function sinkFor(type: string, options: Record<string, string>): AuditSink {
  if (type === 'socket') {
    const address = options['address'];
    if (!address) throw new OptionError('address is required');
    const socketType = (options['socket_type'] || 'tcp') as SocketType;
    if (!SOCKET_TYPES.includes(socketType)) throw new OptionError(`socket_type ${JSON.stringify(socketType)} is not supported by the emulator (tcp, tcp4, tcp6, unix)`);
    const timeoutNs = parseDuration(options['write_timeout'] || DEFAULT_WRITE_TIMEOUT);
    if (timeoutNs === undefined) throw new OptionError(`unable to parse 'write_timeout': ${JSON.stringify(options['write_timeout'])}`);
    return new SocketSink(address, socketType, Number(timeoutNs / 1_000_000n));
  }
  if (type === 'file') {
    const path = options['file_path'];
    if (!path) throw new OptionError('file_path is required');
    const mode = options['mode'] ? Number.parseInt(options['mode'], 8) : 0o600;
    if (Number.isNaN(mode)) throw new OptionError(`unable to parse 'mode': ${JSON.stringify(options['mode'])}`);
    return new FileSink(path, mode);
  }
  throw new OptionError(`unknown backend type: ${JSON.stringify(type)}`);
}

/**
 * The audit devices and the broker in front of them (spec §1.4): every entry goes to every device in
 * parallel; the caller learns whether at least one device wrote it (or that there are no devices).
 */
export class AuditBroker {
  private devices = new Map<string, AuditDevice>();

  constructor(private readonly clock: VaultClock) {}

  get enabled(): boolean {
    return this.devices.size > 0;
  }

  /** Enables a device after writing the test probe to it, unless `skip_test` is set (spec §1.2). */
  async enable(rawPath: string, request: AuditDeviceRequest): Promise<AuditEnableOutcome> {
    const path = withSlash(rawPath);
    if (this.devices.has(path)) return { kind: 'invalid', message: `path already in use` };
    let device: AuditDevice;
    let skipTest: boolean;
    try {
      const { options } = request;
      if ((options['format'] || 'json') !== 'json') throw new OptionError(`format ${JSON.stringify(options['format'])} is not supported by the emulator (json)`);
      const format: EntryFormat = {
        salt: newUuid(),
        hmacAccessor: parseBool(options, 'hmac_accessor', true),
        logRaw: parseBool(options, 'log_raw', false),
        elideListResponses: parseBool(options, 'elide_list_responses', false),
      };
      skipTest = parseBool(options, 'skip_test', false);
      device = { ...request, path, format, prefix: options['prefix'] ?? '', sink: sinkFor(request.type, options) };
    } catch (err) {
      if (err instanceof OptionError) return { kind: 'invalid', message: err.message };
      throw err;
    }
    if (!skipTest) {
      const probe: AuditRecord = { type: 'request', request: { id: newUuid(), operation: 'update', path: 'sys/audit/test' } };
      try {
        await this.writeTo(device, probe, this.clock.nowNs());
      } catch (err) {
        await device.sink.close();
        return { kind: 'invalid', message: `audit backend failed test message: ${err instanceof Error ? err.message : String(err)}` };
      }
    }
    this.devices.set(path, device);
    return { kind: 'enabled' };
  }

  async disable(rawPath: string): Promise<void> {
    const path = withSlash(rawPath);
    const device = this.devices.get(path);
    this.devices.delete(path);
    await device?.sink.close();
  }

  /** `GET sys/audit`'s map, options as given. */
  list(): Record<string, unknown> {
    return Object.fromEntries(
      [...this.devices.values()].map((device) => [device.path, { type: device.type, description: device.description, options: device.options, local: device.local, path: device.path }]),
    );
  }

  /** `sys/audit-hash/<path>`: the input HMAC'd with that device's salt. */
  hash(rawPath: string, input: string): string | undefined {
    const device = this.devices.get(withSlash(rawPath));
    return device && hmacWithSalt(device.format.salt, input);
  }

  /** Sends one entry to every device; false when devices exist and none of them wrote it in time. */
  async log(record: AuditRecord): Promise<boolean> {
    if (this.devices.size === 0) return true;
    const timeNs = this.clock.nowNs();
    const deliveries = [...this.devices.values()].map((device) =>
      this.writeTo(device, record, timeNs).then(
        () => true,
        () => false,
      ),
    );
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), AUDIT_CONTEXT_MS).unref()));
    const anyWritten = Promise.all(deliveries).then((results) => results.some(Boolean));
    const written = await Promise.race([anyWritten, deadline]);
    clearTimeout(timer);
    return written;
  }

  async reload(): Promise<void> {
    await Promise.all([...this.devices.values()].map((device) => device.sink.reload()));
  }

  async reset(): Promise<void> {
    const devices = [...this.devices.values()];
    this.devices = new Map();
    await Promise.all(devices.map((device) => device.sink.close()));
  }

  /** Devices with their salts, so tests can recompute HMACs. */
  snapshot(): Record<string, unknown> {
    return Object.fromEntries([...this.devices.values()].map((device) => [device.path, { type: device.type, options: device.options, salt: device.format.salt }]));
  }

  private writeTo(device: AuditDevice, record: AuditRecord, timeNs: bigint): Promise<void> {
    return device.sink.write(`${device.prefix}${formatEntry(record, device.format, timeNs)}`);
  }
}
