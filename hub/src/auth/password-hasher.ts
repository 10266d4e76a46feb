import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';

/** Argon2id with OWASP's recommended memory cost. */
@Injectable()
export class PasswordHasher {
  private readonly options = {
    type: argon2.argon2id,
    memoryCost: 19456,
    timeCost: 2,
    parallelism: 1,
  };
  /** Verified against when an email is unknown, so both failures cost the same time. */
  private readonly decoy = argon2.hash('decoy password that never matches', this.options);

  hash(password: string): Promise<string> {
    return argon2.hash(password, this.options);
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash ?? (await this.decoy), password);
    } catch {
      return false;
    }
  }
}
