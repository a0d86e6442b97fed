import { describe, expect, it } from 'vitest';

describe('the Firestore emulator global setup', () => {
  it('hands the emulator address, project and metadata switch to test workers', async () => {
    const host = process.env.FIRESTORE_EMULATOR_HOST;
    expect(host).toMatch(/^[\w.-]+:\d+$/);
    expect(process.env.FIRESTORE_PROJECT_ID).toBeTruthy();
    expect(process.env.METADATA_SERVER_DETECTION).toBe('none');
    const response = await fetch(`http://${host}/`);
    expect(response.ok).toBe(true);
  });
});
