// Demo data for the sandbox's stand-ins: the Shopify customers (with orders) that the sample
// webhooks name, the chat platforms' agents and conversations, and the Slack people who click.
// The customers' emails are the ones in src/platforms/*/fixtures, so every sample's card is enriched.
import type { FakeShopify } from '../../test/fakes/shopify.js';
import type { FakeSlackUser } from '../../test/fakes/slack.js';
import type { OscarFake } from '../../test/fakes/oscar.js';
import type { ShopGuideFake } from '../../test/fakes/shopguide.js';

/** Who the page acts as. The first one is "you"; the second is someone to assign to. */
export const SANDBOX_USERS: FakeSlackUser[] = [
  { id: 'U0SANDBOXA1', name: 'alex', real_name: 'Alex Morgan', email: 'alex@shop.example.com', tz: 'Europe/London' },
  { id: 'U0SANDBOXP2', name: 'priya', real_name: 'Priya Raman', email: 'priya@shop.example.com', tz: 'Europe/London' },
  { id: 'U0SANDBOXJ3', name: 'jonas', real_name: 'Jonas Keller', email: 'jonas@keller-home.example', tz: 'Europe/Berlin' },
];

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

export function seedShopify(shop: FakeShopify): void {
  const maria = shop.addCustomer({
    firstName: 'Maria',
    lastName: 'Keller',
    email: 'maria.keller@example.com',
    tags: ['wholesale'],
    createdAt: daysAgo(400),
  });
  shop.addOrder({
    customerId: maria.id,
    name: '#1042',
    createdAt: daysAgo(6),
    lineItems: [{ title: 'Linen duvet cover', quantity: 1, price: '640.25' }],
    shippingAddress: { city: 'Hamburg', country: 'Germany' },
    fulfillments: [
      {
        status: 'SUCCESS',
        createdAt: daysAgo(4),
        tracking: [
          { number: '1Z999AA10123456784', company: 'UPS', url: 'https://www.ups.com/track?tracknum=1Z999AA10123456784' },
        ],
      },
    ],
  });
  shop.addOrder({
    customerId: maria.id,
    name: '#1043',
    createdAt: daysAgo(6),
    lineItems: [{ title: 'Down pillow', quantity: 2, price: '300.00' }],
    financialStatus: 'REFUNDED',
  });

  const ingrid = shop.addCustomer({
    firstName: 'Ingrid',
    lastName: 'Solberg',
    email: 'ingrid.solberg@example.com',
    createdAt: daysAgo(90),
  });
  shop.addOrder({
    customerId: ingrid.id,
    name: '#1071',
    createdAt: daysAgo(3),
    lineItems: [{ title: 'Wool throw', quantity: 1, price: '89.00' }],
    shippingAddress: { city: 'Oslo', country: 'Norway' },
  });

  const daniel = shop.addCustomer({
    firstName: 'Daniel',
    lastName: 'Okafor',
    email: 'daniel.okafor@example.com',
    createdAt: daysAgo(30),
  });
  shop.addOrder({
    customerId: daniel.id,
    name: '#1080',
    createdAt: daysAgo(12),
    lineItems: [{ title: 'Ceramic mug set', quantity: 1, price: '42.00' }],
    financialStatus: 'PAID',
  });

  const aiko = shop.addCustomer({
    firstName: 'Aiko',
    lastName: 'Tanaka',
    email: 'aiko.tanaka@example.com',
    tags: ['newsletter'],
    createdAt: daysAgo(200),
  });
  shop.addOrder({
    customerId: aiko.id,
    name: '#1088',
    createdAt: daysAgo(10),
    lineItems: [{ title: 'Alpine shell jacket (M)', quantity: 1, price: '249.00' }],
  });

  const sam = shop.addCustomer({ firstName: 'Sam', lastName: 'Rivera', email: 'sam.rivera@example.com', createdAt: daysAgo(60) });
  shop.addOrder({
    customerId: sam.id,
    name: '#1093',
    createdAt: daysAgo(15),
    lineItems: [{ title: 'Trail runner 2', quantity: 1, price: '129.00' }],
  });

  const lena = shop.addCustomer({
    firstName: 'Lena',
    lastName: 'Park',
    email: 'lena.park@example.com',
    tags: ['vip'],
    createdAt: daysAgo(700),
  });
  shop.addOrder({
    customerId: lena.id,
    name: '#1097',
    createdAt: daysAgo(2),
    lineItems: [{ title: 'Trail runner 2', quantity: 2, price: '129.00' }],
  });
  shop.addOrder({
    customerId: lena.id,
    name: '#1021',
    createdAt: daysAgo(45),
    lineItems: [{ title: 'Merino base layer', quantity: 3, price: '79.00' }],
  });
}

/** Oscar Chat: the agents (matched to Slack people by email) and the sample conversations. */
export function seedOscar(oscar: OscarFake): void {
  oscar.agents = SANDBOX_USERS.map((u, i) => ({ id: `agt_${i + 1}`, name: u.real_name, email: u.email }));
  oscar.conversation('conv_01J9Z3H1P6F8', {
    contact: { id: 'ct_01J9Z2W4C7N5', name: 'Maria Keller', email: 'maria.keller@example.com' },
  });
}

/** ShopGuide: its samples name customer cust_789012 in conversation conv_123456. */
export function seedShopGuide(shopguide: ShopGuideFake): void {
  shopguide.customer('cust_789012', { name: 'Lena Park', first_name: 'Lena', last_name: 'Park', email: 'lena.park@example.com' });
  shopguide.conversation('conv_123456', { customer_id: 'cust_789012', status: 'active' });
}
