import type { SqlDialect } from './dialect.ts';

/** Collects bound parameters; an equal value is bound once and its placeholder reused. */
export class SqlParams {
  readonly values: Array<string | number> = [];
  private readonly indexes = new Map<string, number>();

  constructor(private readonly dialect: SqlDialect) {}

  bind(value: string | number): string {
    const key = `${typeof value}:${value}`;
    let index = this.indexes.get(key);
    if (index === undefined) {
      this.values.push(value);
      index = this.values.length;
      this.indexes.set(key, index);
    }
    return this.dialect.param(index);
  }
}
