import { AppError } from '@northstar/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** Every error leaves as {"error":{code,message,details}}; user mistakes are 4xx, bugs 500. */
export function handleError(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof AppError) {
    void reply.status(error.status).send(error.toJSON());
    return;
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    void reply.status(400).send({
      error: { code: 'NS_ERR_VALIDATION', message: fastifyError.message, details: fastifyError.validation },
    });
    return;
  }
  const status = fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    void reply.status(status).send({ error: { code: fastifyError.code ?? 'NS_ERR_BAD_REQUEST', message: fastifyError.message } });
    return;
  }
  request.log.error({ err: error }, 'unhandled error');
  void reply.status(500).send({ error: { code: 'NS_ERR_INTERNAL', message: 'internal error' } });
}
