import { EmulatorRequest } from '../core/router';
import { GitHubApiError } from './gh.errors';
import { checkedBody, FieldRule } from './gh.request-body';

const request = (body: string): EmulatorRequest => ({ method: 'PUT', path: '/', query: new URLSearchParams(), headers: {}, params: {}, body: Buffer.from(body) });

const rules: Record<string, FieldRule> = {
  key_id: { type: 'string' },
  value: { type: 'string', pattern: /^[a-z/]+$/ },
  visibility: { type: 'enum', values: ['all', 'private'] },
  ids: { type: 'array', of: 'integer' },
};

function problem(body: string, required: string[] = []): { status: number; message: string } {
  try {
    checkedBody(request(body), rules, required);
  } catch (err) {
    if (err instanceof GitHubApiError) return { status: err.status, message: err.message };
  }
  throw new Error('expected a validation failure');
}

describe('checkedBody', () => {
  it('returns a valid body', () => {
    expect(checkedBody(request('{"key_id":"1","ids":[1,2]}'), rules, ['key_id'])).toEqual({ key_id: '1', ids: [1, 2] });
  });

  it('answers malformed JSON and non-objects with 400 "Problems parsing JSON"', () => {
    expect(problem('{nope')).toEqual({ status: 400, message: 'Problems parsing JSON' });
    expect(problem('[1]')).toEqual({ status: 400, message: 'Problems parsing JSON' });
    expect(problem('')).toEqual({ status: 400, message: 'Problems parsing JSON' });
  });

  it('names missing required fields the way GitHub does', () => {
    expect(problem('{}', ['key_id'])).toEqual({ status: 422, message: 'Invalid request.\n\n"key_id" wasn\'t supplied.' });
    expect(problem('{}', ['value', 'key_id'])).toEqual({ status: 422, message: 'Invalid request.\n\n"value", "key_id" weren\'t supplied.' });
  });

  it('reports type, pattern, enum and item problems', () => {
    expect(problem('{"key_id":null}').message).toBe("Invalid request.\n\nFor 'properties/key_id', nil is not a string.");
    expect(problem('{"value":"A-B"}').message).toBe('Invalid request.\n\nA-B does not match /^[a-z\\/]+$/.');
    expect(problem('{"visibility":"public"}').message).toBe('Invalid request.\n\nFor \'properties/visibility\', "public" is not one of ["all", "private"].');
    expect(problem('{"ids":"1"}').message).toBe('Invalid request.\n\nFor \'properties/ids\', "1" is not an array.');
    expect(problem('{"ids":[1,"2"]}').message).toBe('Invalid request.\n\nFor \'items\', "2" is not an integer.');
  });
});
