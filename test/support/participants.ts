import type { ApiClient } from './api-client.js';
import { TEST_PASSWORD } from './org-fixture.js';

/** Logged-in clients for the people of a fixture, one login each, made on first use. */
export class Participants {
  private readonly clients = new Map<string, Promise<ApiClient>>();

  constructor(private readonly http: ApiClient) {}

  as(personId: string): Promise<ApiClient> {
    let client = this.clients.get(personId);
    if (!client) {
      client = this.http.login(personId, TEST_PASSWORD);
      this.clients.set(personId, client);
    }
    return client;
  }
}
