import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many test photos each per-trait test metric rests on: `scored` (labelled for that trait) and `answered`
 * (not "not sure"). Accuracy is over the answered photos, so "0 %" from 1 answer of 7 must be told apart from 0 %
 * of 7. Older rows keep NULL (unknown), which the dashboards show as "—".
 */
export class TestMetricsAnswered1796256000000 implements MigrationInterface {
  name = 'TestMetricsAnswered1796256000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE fact_model_test_metrics_daily_snapshot ADD COLUMN scored integer NULL CHECK (scored >= 0)`);
    await q.query(`ALTER TABLE fact_model_test_metrics_daily_snapshot ADD COLUMN answered integer NULL CHECK (answered >= 0 AND answered <= scored)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE fact_model_test_metrics_daily_snapshot DROP COLUMN answered`);
    await q.query(`ALTER TABLE fact_model_test_metrics_daily_snapshot DROP COLUMN scored`);
  }
}
