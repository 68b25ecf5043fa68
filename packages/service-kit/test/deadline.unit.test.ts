import { afterEach, describe, expect, it, vi } from 'vitest';
import { runWithContext } from '../src/context.js';
import { callTimeoutMs, DEADLINE_MARGIN_MS, deadlineOf, outgoingCall } from '../src/deadline.js';
import { isUnavailable } from '../src/calls.js';
import { DeadlineExceededError } from '../src/errors.js';

const now = 1_000_000;

describe('a request deadline', () => {
  it('When the caller sends no budget, then the service gives the request its own', () => {
    expect(deadlineOf(undefined, 10_000, now)).toBe(now + 10_000);
  });

  it('When the caller will wait less than the service would, then the caller’s budget wins', () => {
    expect(deadlineOf('2500', 10_000, now)).toBe(now + 2_500);
  });

  it('When the caller sends a longer budget than the service allows, then the service’s own caps it', () => {
    expect(deadlineOf('60000', 10_000, now)).toBe(now + 10_000);
  });

  it('When the budget header is not a count of milliseconds, then it is ignored', () => {
    for (const header of ['-5', 'soon', '1.5', '', '99999999999'])
      expect(deadlineOf(header, 10_000, now)).toBe(now + 10_000);
  });

  it('When a budget of 0 arrives, then the request is already out of time', () => {
    expect(deadlineOf('0', 10_000, now)).toBe(now);
  });
});

describe('the timeout of an outgoing call', () => {
  it('When no request is being served, then the call has its own timeout', () => {
    expect(callTimeoutMs(5_000, undefined, now)).toBe(5_000);
  });

  it('When the deadline is further away than the timeout, then the timeout stays', () => {
    expect(callTimeoutMs(5_000, now + 9_000, now)).toBe(5_000);
  });

  it('When the deadline is nearer, then the call gets what is left less the margin', () => {
    expect(callTimeoutMs(5_000, now + 1_000, now)).toBe(1_000 - DEADLINE_MARGIN_MS);
  });

  it('When no more than the margin is left, then there is no time for the call at all', () => {
    expect(callTimeoutMs(5_000, now + DEADLINE_MARGIN_MS, now)).toBe(0);
    expect(callTimeoutMs(5_000, now - 50, now)).toBe(0);
  });
});

describe('the signal of an outgoing call', () => {
  afterEach(() => void vi.useRealTimers());

  it('When its own timeout runs out, then it aborts with a TimeoutError a caller treats as unavailable', () => {
    vi.useFakeTimers();
    const call = outgoingCall(2_000);
    vi.advanceTimersByTime(2_000);
    expect(call.signal?.reason).toMatchObject({ name: 'TimeoutError' });
    expect(isUnavailable(call.signal?.reason)).toBe(true);
  });

  it('When the request deadline runs out first, then it aborts with DeadlineExceededError', () => {
    vi.useFakeTimers();
    const call = runWithContext({ requestId: 'r', traceId: 't', deadline: Date.now() + 1_000 }, () =>
      outgoingCall(5_000),
    );
    vi.advanceTimersByTime(1_000 - DEADLINE_MARGIN_MS);
    expect(call.signal?.reason).toBeInstanceOf(DeadlineExceededError);
  });

  it('When the call is done before its time, then its timer is gone and the signal never aborts', () => {
    vi.useFakeTimers();
    const call = outgoingCall(2_000);
    call.done();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(5_000);
    expect(call.signal?.aborted).toBe(false);
  });
});
