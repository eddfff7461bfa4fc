/** A JSON call to one of the stack's HTTP surfaces; any status other than 2xx is an error naming the call. */
export async function requestJson<T>(url: string, method: string, options: { headers?: Record<string, string>; body?: unknown } = {}): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${new URL(url).pathname} answered ${response.status}: ${text.slice(0, 500)}`);
  return (text.length === 0 ? undefined : JSON.parse(text)) as T;
}
