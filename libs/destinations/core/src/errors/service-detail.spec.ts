import { SERVICE_MESSAGE_MAX, serviceDetail, serviceWords } from './service-detail';

describe('serviceWords / serviceDetail', () => {
  it('keeps the first line, blanks out what must not leak, and caps the length', () => {
    expect(serviceWords('  bad value s3cret for key\nstack trace s3cret', ['s3cret', ''])).toBe('bad value [redacted] for key');
    const long = serviceWords('x'.repeat(SERVICE_MESSAGE_MAX + 10));
    expect(long).toBe(`${'x'.repeat(SERVICE_MESSAGE_MAX)}…`);
  });

  it('is a ": "-prefixed suffix, or nothing when the service said nothing', () => {
    expect(serviceDetail('Rate exceeded')).toBe(': Rate exceeded');
    expect(serviceDetail('\nsecond line only')).toBe('');
    expect(serviceDetail('')).toBe('');
  });
});
