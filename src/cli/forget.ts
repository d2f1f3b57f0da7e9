// `handoff forget <email>`: erase that customer's personal data and print what was erased.
import { loadConfig } from '../config.js';
import { createDb } from '../db/client.js';
import { describeForget, forgetCustomer, isEmail } from '../privacy/forget.js';

export async function forgetCommand(args: string[]): Promise<number> {
  const [email, ...rest] = args;
  if (!email || rest.length || !isEmail(email.trim())) {
    console.error('usage: handoff forget <email>');
    return 2;
  }
  const db = createDb(loadConfig().databaseUrl, { max: 1 });
  try {
    console.log(describeForget(await forgetCustomer(db, email)));
    return 0;
  } finally {
    await db.$disconnect();
  }
}
