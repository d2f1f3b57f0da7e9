// The App Home tab: the user's open escalations, the unclaimed queue and this week's figures.
// Pure: the same data always gives the same view, so any worker can publish it at any time.
import type { HomeView, KnownBlock } from '@slack/types';
import { DateTime } from 'luxon';
import { formatDuration, slackDate } from '../../slack/blocks/text.js';
import { CommandBlockId } from '../ids.js';
import type { QueuePage, WeekFigures } from '../open-escalations.js';
import { context, divider, fields, section } from './kit.js';
import { queueRows, type RowContext } from './escalations-list.js';

/** Rows per Home list. Two lists and the rest stay well under the Home tab's 100 blocks. */
export const HOME_ROWS = 20;

export interface HomeData {
  mine: QueuePage;
  unclaimed: QueuePage;
  week: WeekFigures;
  /** REPORT_TIMEZONE: "this week" starts on Monday 00:00 there. */
  timezone: string;
}

function list(title: string, blockId: string, page: QueuePage, empty: string, ctx: RowContext): KnownBlock[] {
  const heading = section(blockId, page.total ? `*${title}* (${page.total})` : `*${title}*\n${empty}`);
  return [heading, ...queueRows(page, ctx, HOME_ROWS, `${blockId}_more`)];
}

export function weekBlocks(week: WeekFigures, timezone: string): KnownBlock[] {
  const since = DateTime.fromJSDate(week.since, { zone: timezone }).setLocale('en-US').toFormat('ccc d LLL');
  const median = week.medianClaimMs === null ? '—' : formatDuration(week.medianClaimMs);
  return [
    section(CommandBlockId.homeWeek, `*This week* (since ${since}, ${timezone})`, {
      fields: fields([`*Escalations*\n${week.escalations}`, `*Median time to claim*\n${median}`, `*Resolved*\n${week.resolved}`]),
    }),
  ];
}

export function homeView(data: HomeData, ctx: RowContext): HomeView {
  // The two lists come from separate reads; a claim landing between them could list one row
  // twice, and Slack refuses a view with a repeated block_id.
  const mineIds = new Set(data.mine.items.map((i) => i.id));
  const unclaimedItems = data.unclaimed.items.filter((i) => !mineIds.has(i.id));
  const unclaimed = {
    items: unclaimedItems,
    total: data.unclaimed.total - (data.unclaimed.items.length - unclaimedItems.length),
  };
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'handoff: escalations', emoji: true } },
    ...list('Your open escalations', CommandBlockId.homeMine, data.mine, 'Nothing on your plate. Claim one below.', ctx),
    divider(),
    ...list('Unclaimed', CommandBlockId.homeUnclaimed, unclaimed, ':tada: Every open escalation has an owner.', ctx),
    divider(),
    ...weekBlocks(data.week, data.timezone),
    context('home_updated', [`Updated ${slackDate(ctx.now)} · \`/escalations\` and \`/order\` work in any channel`]),
  ];
  return { type: 'home', blocks };
}

/** The Home tab of someone who may not act: who may, and no queue, names or figures. */
export function noAccessHomeView(whoMayAct: string): HomeView {
  return {
    type: 'home',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: 'handoff: escalations', emoji: true } },
      section('home_no_access', `:lock: Only ${whoMayAct} can see and act on the escalation queue.`),
    ],
  };
}
