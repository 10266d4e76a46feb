import { describe, expect, it } from '@jest/globals';
import { ApiRequestError } from '../lib/http';
import { checkUploadSize, formatBytes, readUploadAnswer, uploadFraction } from './import-upload';

/** French groups thousands with a narrow no-break space. */
const nnbsp = '\u202f';

describe('formatBytes', () => {
  it.each([
    [0, 'en', '0 B'],
    [512, 'en', '512 B'],
    [1023, 'en', '1,023 B'],
    [1024, 'en', '1 KB'],
    [2000, 'en', '2 KB'],
    [1536, 'en', '1.5 KB'],
    [1536, 'fr', '1,5 Ko'],
    [256 * 1024 * 1024, 'en', '256 MB'],
    [256 * 1024 * 1024, 'fr', '256 Mo'],
    [2.44 * 1024 * 1024, 'en', '2.4 MB'],
    // 1023.96 KB would read "1,024 KB": it is 1 MB.
    [1024 * 1024 - 40, 'en', '1 MB'],
    [3 * 1024 ** 3, 'fr', '3 Go'],
    [5 * 1024 ** 4, 'en', '5,120 GB'],
  ] as const)('%d bytes in %s reads %s', (bytes, language, expected) => {
    expect(formatBytes(bytes, language)).toBe(expected);
  });
});

describe('checkUploadSize', () => {
  const policy = { maxUploadBytes: 2 * 1024 * 1024 };

  it('lets a file up to the limit go, the limit included (as multer counts)', () => {
    expect(checkUploadSize(1000, policy, 'en')).toBeNull();
    expect(checkUploadSize(policy.maxUploadBytes, policy, 'en')).toBeNull();
  });

  it('refuses a larger file, naming its size and the limit', () => {
    expect(checkUploadSize(3.5 * 1024 * 1024, policy, 'en')).toEqual({
      size: '3.5 MB',
      limit: '2 MB',
    });
    expect(checkUploadSize(3.5 * 1024 * 1024, policy, 'fr')).toEqual({
      size: '3,5 Mo',
      limit: '2 Mo',
    });
  });

  it('gives exact byte counts when the rounded sizes would read the same', () => {
    expect(checkUploadSize(2049, { maxUploadBytes: 2000 }, 'en')).toEqual({
      size: '2,049 B',
      limit: '2,000 B',
    });
    expect(checkUploadSize(2049, { maxUploadBytes: 2000 }, 'fr')).toEqual({
      size: `2${nnbsp}049 o`,
      limit: `2${nnbsp}000 o`,
    });
  });

  it('leaves the decision to the hub when its policy could not be read', () => {
    expect(checkUploadSize(10 ** 12, null, 'en')).toBeNull();
  });
});

describe('uploadFraction', () => {
  it.each([
    [0, 100, 0],
    [50, 100, 0.5],
    [150, 100, 1],
    [10, 0, 0],
  ])('%d of %d is %d', (sent, total, expected) => {
    expect(uploadFraction(sent, total)).toBe(expected);
  });
});

describe('readUploadAnswer', () => {
  it('gives the queued import on 202', () => {
    const view = { importId: 'a1', status: 'QUEUED', fileName: 'irve.csv' };
    expect(readUploadAnswer(202, 'Accepted', JSON.stringify(view))).toEqual(view);
  });

  it.each([
    [415, 'This is not a CSV file: no header line.'],
    [400, 'Send the IRVE file as multipart/form-data in a field named "file".'],
    [413, 'The file is larger than the upload limit of 0 MB (IMPORT_MAX_UPLOAD_BYTES).'],
  ])('keeps the hub message of a %d word for word', (status, message) => {
    const answer = () =>
      readUploadAnswer(status, '', JSON.stringify({ statusCode: status, error: 'x', message }));
    expect(answer).toThrow(new ApiRequestError(status, message));
    try {
      answer();
    } catch (error) {
      expect(error).toMatchObject({ status, message, reason: undefined });
    }
  });

  it('keeps the code and details the hub gave', () => {
    const body = { statusCode: 409, error: 'Conflict', message: 'm', code: 'C', details: { a: 1 } };
    expect(() => readUploadAnswer(409, 'Conflict', JSON.stringify(body))).toThrow(
      expect.objectContaining({ reason: { code: 'C', details: { a: 1 } } }),
    );
  });

  it('calls a missing answer unreachable and a foreign one unexpected', () => {
    expect(() => readUploadAnswer(0, '', '')).toThrow(
      expect.objectContaining({ status: 0, reason: { code: 'WEB_UNREACHABLE' } }),
    );
    expect(() => readUploadAnswer(502, 'Bad Gateway', '<html>proxy</html>')).toThrow(
      expect.objectContaining({
        message: 'The hub answered 502 Bad Gateway',
        reason: { code: 'WEB_UNEXPECTED_ANSWER', details: { answer: '502 Bad Gateway' } },
      }),
    );
  });
});
