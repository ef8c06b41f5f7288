import { describe, expect, test } from 'vitest';
import { apiLogin } from './support/api';
import { collectErrors, DEMO_PASSWORD, login, openFromMenu } from './support/pages';
import { SCREENSHOTS, useJourney } from './support/journey';

const journey = useJourney();

type Candidate = { memberId: number; name: string };
type Consultation = { id: number; personName: string; status: string };

describe('prior consultation (事前征求意见)', () => {
  test('the unit liaison asks, the community answers 同意 with the records beside it, only then the liaison closes it', async () => {
    const liaisonApi = await apiLogin(journey.baseUrl, 'lianluoyuan', DEMO_PASSWORD);
    const units = await liaisonApi.get<{ items: { id: number }[] }>('/api/units/mine');
    const unitId = units.items[0]?.id as number;
    const candidates = await liaisonApi.get<{ items: Candidate[] }>(`/api/consultations/candidates?unitId=${unitId}`);
    const person = candidates.items[0] as Candidate;
    expect(person, 'a member of the unit registered with the community (双报到)').toBeTruthy();

    // The liaison asks.
    const page = await journey.page();
    const errors = collectErrors(page);
    await login(page, 'lianluoyuan');
    await openFromMenu(page, '共驻共建', '本单位征求意见');
    await page.getByRole('button', { name: '发起征求意见' }).click();
    const modal = page.locator('.ant-modal');
    await modal.getByText('提拔任用干部').click();
    await modal.getByLabel('事项说明').fill(`拟提拔${person.name}同志任教务处副主任`);
    await modal.getByLabel('报到党员').click();
    await page.locator('.ant-select-item-option', { hasText: person.name }).first().click();
    await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('已发起，等待社区党委答复').waitFor();
    const mine = await liaisonApi.get<{ items: (Consultation & { matterKind: string })[] }>(
      '/api/consultations?status=asked',
    );
    const asked = mine.items.find(
      (c) => c.personName === person.name && c.matterKind === 'cadre_promotion',
    ) as Consultation;
    expect(asked).toBeTruthy();

    // Closing before the community agrees is refused, with the reason.
    await page.goto(`/consultations/unit/${asked.id}`);
    await page.getByText(`征求意见：${person.name}`).waitFor();
    await page.getByRole('button', { name: /办\s*结/ }).click();
    await page.getByText('社区党委尚未答复意见，征得同意前不能办结').first().waitFor();

    // The community answers 同意, the person's records beside the form.
    const community = await journey.page();
    const communityErrors = collectErrors(community);
    await login(community, 'shequ');
    await openFromMenu(community, '共驻共建', '事前征求意见');
    await community
      .locator('.ant-table-row', { hasText: '提拔任用干部' })
      .getByRole('link', { name: person.name })
      .first()
      .click();
    await community.waitForURL(`**/consultations/${asked.id}`);
    const records = community.locator('.consultation-records');
    await records.getByText('双报到').waitFor();
    await records
      .getByText(/报到 .*社区/)
      .first()
      .waitFor();
    await records.getByText('已确认志愿服务').waitFor();
    await community.getByLabel('同意', { exact: true }).check();
    await community.getByLabel('理由').fill('该同志报到以来积极参加社区志愿服务，群众评价好，同意。');
    await community.screenshot({ path: `${SCREENSHOTS}consultation-answer.png`, fullPage: true });
    await community.getByRole('button', { name: /提交答复/ }).click();
    await community.getByText('已答复', { exact: true }).first().waitFor();
    expect(communityErrors).toEqual([]);
    await community.context().close();

    // Only now the liaison closes it.
    await page.reload();
    await page.getByText('同意', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: /办\s*结/ }).click();
    await page.getByText('已记录').waitFor();
    await page.getByText('已办结').first().waitFor();
    const done = await liaisonApi.get<Consultation>(`/api/consultations/${asked.id}`);
    expect(done.status).toBe('done');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
