import { describe, expect, it } from 'vitest';
import { collectAsync, isAsyncGeneratorFunction, resolveOutput, toOutputIterable } from '../../src/utils/maybe-async.ts';

describe('maybe-async', () => {
  it('normalises every callback return shape', async () => {
    expect([...(toOutputIterable(undefined) as Iterable<unknown>)]).toEqual([]);
    expect([...(toOutputIterable({ a: 1 }) as Iterable<unknown>)]).toEqual([{ a: 1 }]);
    expect([...(toOutputIterable('abc') as Iterable<unknown>)]).toEqual(['abc']);
    expect([...(toOutputIterable([1, 2]) as Iterable<unknown>)]).toEqual([1, 2]);
    expect(await collectAsync(await resolveOutput(Promise.resolve([3])))).toEqual([3]);
    async function* gen() { yield 1; yield 2; }
    expect(await collectAsync(await resolveOutput(gen()))).toEqual([1, 2]);
  });
  it('tells async generator functions apart', () => {
    expect(isAsyncGeneratorFunction(async function* () {})).toBe(true);
    expect(isAsyncGeneratorFunction(function* () {})).toBe(false);
    expect(isAsyncGeneratorFunction(async () => {})).toBe(false);
  });
});
