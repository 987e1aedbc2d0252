/**
 * Reports: a dashboard exported now (`GET /api/v1/reports/export?dashboard=ID&format=pdf|csv`),
 * and scheduled weekly or monthly emails of a dashboard (CRUD of `/api/v1/reports`, and
 * `POST /api/v1/reports/:id/send` to send one now).
 */
import { randomUUID } from 'node:crypto';
import { AppError, parseDay, parseWith } from '@northstar/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { stableId } from '../../jobs/outbox.ts';
import { runDeliveryPass } from '../../jobs/run-jobs.ts';
import { buildReport, reportCsv, reportPdf } from '../../reports/build-report.ts';
import { slug } from '../../reports/report-csv.ts';
import { resolveRange } from '../../reports/report-range.ts';
import {
  duePeriod,
  type ReportSchedule,
  reportSchedulePatchSchema,
  reportScheduleSchema,
  saveSchedule,
  scheduleFailures,
  sendReport,
  toScheduleView,
} from '../../reports/report-schedules.ts';
import type { Store } from '../../store/store.ts';

const idPattern = /^[A-Za-z0-9-]{1,64}$/;
const idSchema = z.object({ id: z.string().regex(idPattern) }).strict();
const day = z.string().refine((t) => parseDay(t) !== undefined, 'must be a date YYYY-MM-DD');
const rangeFields = { from: day.optional(), to: day.optional() };
const exportSchema = z
  .object({ dashboard: z.string().regex(idPattern), format: z.enum(['pdf', 'csv']).default('pdf'), ...rangeFields })
  .strict();
const sendSchema = z.object(rangeFields).strict();

export function registerReportRoutes(app: FastifyInstance, store: Store): void {
  const meta = store.metadata;
  const load = async (params: unknown) => {
    const { id } = parseWith(idSchema, params, 'report id');
    const doc = await meta.get<ReportSchedule>('report_schedules', id);
    if (!doc) throw new AppError('notFound', `no report schedule ${id}`);
    return toScheduleView(doc);
  };

  app.get('/api/v1/reports/export', async (request, reply) => {
    const query = parseWith(exportSchema, request.query, 'export');
    const report = await buildReport(store, query.dashboard, await resolveRange(store, query.from, query.to));
    const name = `${slug(report.data.name)}-${report.data.from}`;
    if (query.format === 'csv') {
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.csv"`)
        .send(reportCsv(report));
    }
    const pdf = await reportPdf(report);
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}.pdf"`).send(pdf);
  });

  app.get('/api/v1/reports', async () => {
    const failures = await scheduleFailures(store);
    return {
      reports: (await meta.list<ReportSchedule>('report_schedules')).map((doc) => {
        const failure = failures.get(doc.id);
        return { ...toScheduleView(doc), ...(failure ? { lastFailure: failure } : {}) };
      }),
    };
  });

  app.post('/api/v1/reports', async (request, reply) =>
    reply.status(201).send(await saveSchedule(store, parseWith(reportScheduleSchema, request.body, 'report schedule'))),
  );

  app.get('/api/v1/reports/:id', async (request) => load(request.params));

  app.put('/api/v1/reports/:id', async (request) => {
    const existing = await load(request.params);
    return saveSchedule(store, parseWith(reportScheduleSchema, request.body, 'report schedule'), existing.id);
  });

  app.patch('/api/v1/reports/:id', async (request) => {
    const { id, createdAt: _c, updatedAt: _u, ...current } = await load(request.params);
    const patch = parseWith(reportSchedulePatchSchema, request.body, 'report schedule');
    return saveSchedule(store, parseWith(reportScheduleSchema, { ...current, ...patch }, 'report schedule'), id);
  });

  app.delete('/api/v1/reports/:id', async (request, reply) => {
    const schedule = await load(request.params);
    await meta.delete('report_schedules', schedule.id);
    return reply.status(204).send();
  });

  app.post('/api/v1/reports/:id/send', async (request, reply) => {
    const schedule = await load(request.params);
    const body = parseWith(sendSchema, request.body, 'send request');
    const now = new Date();
    const range =
      body.from || body.to
        ? await resolveRange(store, body.from, body.to)
        : duePeriod(schedule.frequency, now, (await store.getSettings()).timezone);
    const runId = await sendReport(store, schedule, range, now, stableId('report-manual', schedule.id, randomUUID()), true);
    const delivery = await runDeliveryPass(store, now);
    return reply.status(202).send({ runId, ...range, delivery });
  });
}
