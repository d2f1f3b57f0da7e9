// One structured-output call to OpenAI through the official client: zod schema in, parsed and
// validated object out, with the token usage (stored, and summed by the bench for cost). A
// timeout and a bounded number of SDK retries; every failure feeds the shared circuit, and an
// open circuit refuses before any request is made.
import OpenAI, { APIConnectionError, APIError } from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { z } from 'zod';
import type { Config } from '../config.js';
import { networkCause, PermanentError, RetryableError } from '../errors.js';
import type { AiGuard } from './guard.js';

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

export class CircuitOpenError extends RetryableError {
  constructor() {
    super('OpenAI calls are paused after repeated failures');
  }
}

export interface AiCallOptions {
  timeoutMs: number;
  maxRetries: number;
}

export class AiClient {
  private readonly client: OpenAI;

  constructor(
    private readonly cfg: NonNullable<Config['openai']>,
    private readonly guard: AiGuard | undefined,
    opts: AiCallOptions,
  ) {
    this.client = new OpenAI({ apiKey: cfg.apiKey, baseURL: cfg.baseUrl, maxRetries: opts.maxRetries, timeout: opts.timeoutMs });
  }

  get model(): string {
    return this.cfg.model;
  }

  async parse<S extends z.ZodType>(schema: S, name: string, system: string, user: string): Promise<{ value: z.infer<S>; usage: Usage }> {
    if (await this.guard?.circuitOpen()) throw new CircuitOpenError();
    try {
      const completion = await this.client.chat.completions.parse({
        model: this.cfg.model,
        temperature: 0.2,
        messages: [
          { role: 'system', content: system },
          { role: 'user', content: user },
        ],
        response_format: zodResponseFormat(schema, name),
      });
      const parsed = completion.choices[0]?.message.parsed;
      if (!parsed) throw new PermanentError(`the model returned no ${name} (refusal or empty answer)`);
      await this.guard?.succeeded().catch(() => undefined);
      const usage = { promptTokens: completion.usage?.prompt_tokens ?? 0, completionTokens: completion.usage?.completion_tokens ?? 0 };
      return { value: parsed as z.infer<S>, usage };
    } catch (err) {
      await this.guard?.failed().catch(() => undefined);
      throw classifyOpenAiError(err, this.client.baseURL);
    }
  }
}

export function classifyOpenAiError(err: unknown, baseUrl = 'the OpenAI API'): Error {
  if (err instanceof PermanentError || err instanceof RetryableError) return err;
  if (err instanceof APIConnectionError) {
    return new RetryableError(`OpenAI unreachable at ${baseUrl} (${networkCause(err) ?? err.message})`, undefined, { cause: err });
  }
  if (err instanceof APIError) {
    const status = err.status ?? 0;
    const retryAfter = Number(err.headers?.get?.('retry-after'));
    if (status === 429 || status >= 500) {
      return new RetryableError(`OpenAI answered ${status}`, Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined, { cause: err });
    }
    return new PermanentError(`OpenAI answered ${status}`, { cause: err });
  }
  // zod/JSON errors from a malformed answer will not improve on retry.
  return new PermanentError(`OpenAI call failed: ${(err as Error)?.message ?? String(err)}`, { cause: err });
}
