// Ids only the /order answer uses. The ids shared with other features (orderShare,
// escalationsClaim, escalationsRow, orderResult) live in src/slack/ids.ts.

export const CommandActionId = {
  /** /order answer listing several customers: show this one (button, value = "customer:<id>"). */
  orderPickCustomer: 'order_pick_customer',
} as const;

export const CommandBlockId = {
  /** One row per customer in the pick list: `order_pick:<n>`. */
  orderPick: 'order_pick',
  /** Home tab sections. */
  homeMine: 'home_mine',
  homeUnclaimed: 'home_unclaimed',
  homeWeek: 'home_week',
} as const;
