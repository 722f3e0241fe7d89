// Drives the emulator page in a real browser (Debian's Chromium through playwright-core) the way
// a newcomer would: no clicks before the first message, then /help, redelivery, tampering, a card
// button (for /deploy: refused to its requester, approved green by another user picked in the
// page), a card updated in place, the welcome message and a fault. Run by EmulatorBrowserTest;
// exits non-zero on the first failed step. Every wait is bounded; nothing sleeps.
//
//   EMULATOR_URL=http://127.0.0.1:8080 CHROMIUM=/usr/bin/chromium PLAYWRIGHT_HOME=target/e2e \
//   SCREENSHOTS=target/emulator-screenshots node src/test/js/emulator.spec.mjs
//
// Optional: CARD_COMMAND (a command answering a card with a callback button, used when the bot
// has no /deploy), UPDATE_COMMAND (a command that posts a card and then updates it to green).
import { createRequire } from 'node:module';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const env = (name, fallback) => process.env[name] || fallback;
const base = env('EMULATOR_URL', 'http://127.0.0.1:8080');
const shots = env('SCREENSHOTS', 'target/emulator-screenshots');
const require = createRequire(path.resolve(env('PLAYWRIGHT_HOME', 'target/e2e'), 'package.json'));
const { chromium } = require('playwright-core');
// Generous: CI machines are shared; every wait ends as soon as its condition holds.
const TIMEOUT = 30_000;

mkdirSync(shots, { recursive: true });
rmSync(path.join(shots, 'failure.png'), { force: true }); // from an earlier failed run

function check(condition, message) {
  if (!condition) throw new Error(message);
}

const browser = await chromium.launch({
  executablePath: env('CHROMIUM', '/usr/bin/chromium'),
  headless: true,
  // As the machine notes say: no sandbox (root), and no background traffic to Google's hosts.
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});
let page;
let failed = false;
const step = async (name, body) => {
  const started = Date.now();
  process.stdout.write(`- ${name} ... `);
  await body();
  console.log(`ok (${Date.now() - started} ms)`);
};
// Clicks scroll the side lists; show their newest entries (at the top) in every screenshot.
const shot = async (name) => {
  await page.evaluate(() => document.querySelectorAll('.log').forEach((list) => { list.scrollTop = 0; }));
  await page.screenshot({ path: path.join(shots, name) });
};
const botMessage = () => page.locator('[data-testid=message][data-from=bot]');
const delivery = () => page.locator('[data-testid=delivery]');

try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  await step('open the page, type /ping, Enter (no clicks), see pong', async () => {
    // A clean page whatever ran before against the same app (the API's reset, not a click).
    const reset = await page.request.post(`${base}/dev/emulator/api/reset`, { data: {} });
    check(reset.ok(), `reset answered ${reset.status()}`);
    await page.goto(`${base}/dev/emulator`);
    await page.getByTestId('message-input').waitFor();
    await page.keyboard.type('/ping');
    await page.keyboard.press('Enter');
    await botMessage().filter({ hasText: 'pong' }).waitFor();
    await delivery().filter({ hasText: '/ping' }).and(page.locator('[data-outcome=accepted]')).first().waitFor();
    await shot('01-ping.png');
  });

  let helpText = '';
  await step('/help answers the command card', async () => {
    await page.getByTestId('message-input').fill('/help');
    await page.getByTestId('send').click();
    const card = botMessage().filter({ hasText: 'Commands' });
    await card.locator('.card-header').waitFor();
    helpText = await card.innerText();
    check(helpText.includes('/ping') && helpText.includes('/help'), `help card lists: ${helpText}`);
    await shot('02-help.png');
  });

  await step('redeliver the /help event: duplicate, and no second card', async () => {
    const original = delivery().filter({ hasText: '/help' }).and(page.locator('[data-kind=original]')).first();
    await original.getByTestId('redeliver').click();
    const again = delivery().filter({ hasText: '/help' }).and(page.locator('[data-kind=redelivery]')).first();
    await again.and(page.locator('[data-outcome=duplicate]')).waitFor();
    check((await again.getAttribute('data-status')) === '200', 'a duplicate is acknowledged with 200');
    check((await botMessage().filter({ hasText: 'Commands' }).count()) === 1, 'one help card only');
  });

  await step('tamper with the /ping event: 401, rejected for its signature', async () => {
    const original = delivery().filter({ hasText: '/ping' }).and(page.locator('[data-kind=original]')).first();
    await original.getByTestId('tamper').click();
    const tampered = delivery().and(page.locator('[data-kind=tampered]')).first();
    await tampered.and(page.locator('[data-status="401"]')).waitFor();
    const text = await tampered.innerText();
    check(/rejected \(bad signature\)/.test(text), `tampered delivery shows: ${text}`);
    await shot('03-event-log.png');
  });

  const cardCommand = helpText.includes('/deploy') ? '/deploy api' : env('CARD_COMMAND', '');
  const deploy = cardCommand.startsWith('/deploy');
  let cardId = null;
  if (cardCommand) {
    await step(`press a card button (${cardCommand})`, async () => {
      await page.getByTestId('message-input').fill(cardCommand);
      await page.keyboard.press('Enter');
      const userMessage = page.locator('[data-testid=message][data-from=user]').filter({ hasText: cardCommand }).last();
      await userMessage.waitFor();
      const card = botMessage().and(page.locator('.reply[data-msg-type=interactive]'))
        .filter({ has: page.getByTestId('card-button') }).last();
      await card.getByTestId('card-button').first().waitFor();
      const versionBefore = Number(await card.getAttribute('data-version'));
      const messageId = await card.getAttribute('data-message-id');
      cardId = messageId;
      await shot('04-card.png');
      const before = await delivery().and(page.locator('[data-event-type="card.action.trigger"]')).count();
      await card.getByTestId('card-button').first().click();
      const pressed = delivery().and(page.locator('[data-event-type="card.action.trigger"]'));
      await page.waitForFunction(
        (n) => [...document.querySelectorAll('[data-testid=delivery][data-event-type="card.action.trigger"]')]
          .filter((d) => d.dataset.status !== '0').length > n, before, { timeout: TIMEOUT });
      const latest = pressed.first();
      check((await latest.getAttribute('data-status')) === '200', 'the callback is answered 200');
      await page.getByTestId('toast').first().waitFor();
      const answer = (await latest.locator('.answer pre').textContent()) || '';
      const updated = page.locator(`[data-testid=message][data-message-id="${messageId}"]`);
      if (answer.includes('"card"')) {
        // The card turns green only once the bot answers with a card (issue 12's /deploy does).
        await page.waitForFunction(
          ([id, v]) => Number(document.querySelector(`[data-message-id="${id}"]`).dataset.version) > v,
          [messageId, versionBefore], { timeout: TIMEOUT });
        console.log(`\n  the answer replaced the card: ${answer.slice(0, 120)}`);
      } else {
        check(Number(await updated.getAttribute('data-version')) === versionBefore, 'card unchanged');
        console.log(`\n  the answer had no card (${answer.slice(0, 60)}): card unchanged, as Feishu would`);
      }
      if (deploy) {
        // Pressed by the user who asked (the page starts as the first user): the bot refuses.
        await page.locator('[data-testid=toast][data-type=warning]').filter({ hasText: 'someone else must approve' }).first().waitFor();
        check((await updated.locator('[data-header-color=green]').count()) === 0, 'the requester cannot approve');
      }
      await shot('05-card-pressed.png');
    });
  } else {
    console.log('- card button: skipped, the bot has no /deploy and no CARD_COMMAND was given');
  }

  if (deploy) {
    await step('switch to another user, press Approve: the card turns green', async () => {
      const requester = await page.getByTestId('user').inputValue();
      const other = await page.getByTestId('user').locator(`option:not([value="${requester}"])`).first();
      const approver = { key: await other.getAttribute('value'), name: (await other.textContent()).trim() };
      await page.getByTestId('user').selectOption(approver.key);
      const card = page.locator(`[data-testid=message][data-message-id="${cardId}"]`);
      await card.getByTestId('card-button').filter({ hasText: 'Approve' }).click();
      await card.locator('[data-header-color=green]').waitFor();
      const text = await card.innerText();
      check(text.includes('Approved') && text.includes('@' + approver.name), `the green card says who approved: ${text}`);
      check((await card.getByTestId('card-button').count()) === 0, 'a decided card has no buttons left');
      await page.locator('[data-testid=toast][data-type=success]').filter({ hasText: 'Approved' }).first().waitFor();
      await shot('05b-deploy-approved.png');
      await page.getByTestId('user').selectOption(requester); // the later steps speak as before
    });
  }

  const updateCommand = env('UPDATE_COMMAND', '');
  if (updateCommand) {
    await step(`a card updated later (PATCH) changes in place (${updateCommand})`, async () => {
      await page.getByTestId('message-input').fill(updateCommand);
      await page.keyboard.press('Enter');
      const done = botMessage().filter({ has: page.locator('[data-header-color=green]') }).filter({ hasText: 'Done' });
      await done.waitFor();
      check(Number(await done.getAttribute('data-version')) >= 2, 'the card was updated, not reposted');
      check((await botMessage().filter({ hasText: 'Progress demo' }).count()) === 1, 'one progress card only');
    });
  }

  await step('add the bot to the group: the welcome card', async () => {
    await page.getByTestId('add-bot').click();
    await botMessage().filter({ hasText: "Hello! I'm your ChatOps bot" }).first().waitFor();
    await delivery().and(page.locator('[data-event-type="im.chat.member.bot.added_v1"][data-outcome=accepted]')).first().waitFor();
  });

  await step('fault switch: the next call fails with 500, the retry delivers pong', async () => {
    const pongs = await botMessage().filter({ hasText: 'pong' }).count();
    await page.getByTestId('fault-server-error').click();
    await page.locator('[data-testid=fault-server-error][aria-pressed=true]').waitFor();
    await page.getByTestId('message-input').fill('/ping');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (n) => [...document.querySelectorAll('[data-testid=message][data-from=bot]')]
        .filter((m) => m.textContent.includes('pong')).length > n, pongs, { timeout: TIMEOUT });
    await page.locator('[data-testid=api-call][data-status="500"]').first().waitFor();
    await shot('06-fault.png');
  });

  await step('a direct message needs no mention and no slash', async () => {
    await page.getByTestId('chat-p2p').click();
    await page.keyboard.type('ping');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=chat-p2p][aria-pressed=true]').waitFor();
    await botMessage().filter({ hasText: 'pong' }).first().waitFor();
    await shot('07-direct.png');
  });

  check(pageErrors.length === 0, `errors in the page: ${pageErrors.join('; ')}`);
} catch (e) {
  failed = true;
  console.log('FAILED');
  console.error(e && e.stack ? e.stack : e);
  if (page) await shot('failure.png').catch(() => {});
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
