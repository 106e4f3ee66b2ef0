// The list methods every paginated ezeep resource has (`list`, `iterate`, `all`): offset
// pagination on the printing host, page pagination on the account host (lib/ezeep/pagination.ts).
// Each resource remembers how long each of its listings (filters) was when last read, so the next
// reading asks for its first further pages beside the first one (`expectedCount`).
import "server-only";

import type { z } from "zod";

import type {
  AllOptions,
  IterateOffsetOptions,
  IteratePageOptions,
  OffsetListResource,
  OffsetParams,
  PageListResource,
  PageParams,
} from "./client-types";
import type { HttpClient, Query } from "./http";
import { collectAll, iterateOffsetPages, iteratePagedPages } from "./pagination";
import type { Page } from "./schemas";

/** The last count of each listing (by its filters), a bounded number of them. */
function lengthMemory() {
  const lengths = new Map<string, number>();
  return {
    get: (key: string) => lengths.get(key),
    note(key: string, count: number) {
      if (lengths.size >= 1_000 && !lengths.has(key)) lengths.clear();
      lengths.set(key, count);
    },
  };
}

function splitIterate<P extends object>(params: P | undefined, key: "pageSize" | "perPage") {
  const { [key]: size, max: _max, ...filters } = (params ?? {}) as Record<string, unknown>;
  return { size: size as number | undefined, filters: filters as Query };
}

export function offsetResource<T, F extends object = object>(
  http: HttpClient,
  host: "api" | "account",
  path: string,
  pageSchema: z.ZodType<Page<T>, unknown>,
): OffsetListResource<T, F> {
  const list = (params?: OffsetParams & F) =>
    http.request({ host, method: "GET", path, schema: pageSchema, query: { ...(params ?? {}) } as Query });
  const lengths = lengthMemory();
  const iterate = (params?: IterateOffsetOptions & F): AsyncIterable<T> => {
    const { size, filters } = splitIterate(params, "pageSize");
    const key = JSON.stringify(filters);
    return iterateOffsetPages<T>(
      async ({ limit, offset }) => {
        const query = { ...filters, limit, offset };
        const page = await http.request({ host, method: "GET", path, schema: pageSchema, query });
        lengths.note(key, page.count);
        return page;
      },
      { ...(size !== undefined ? { pageSize: size } : {}), expectedCount: lengths.get(key) },
    );
  };
  const all = (params?: IterateOffsetOptions & AllOptions & F) => {
    const { max, ...rest } = (params ?? {}) as IterateOffsetOptions & AllOptions & Record<string, unknown>;
    return collectAll(iterate(rest as IterateOffsetOptions & F), max !== undefined ? { max } : {});
  };
  return { list, iterate, all };
}

export function pageResource<T>(
  http: HttpClient,
  path: string,
  pageSchema: z.ZodType<Page<T>, unknown>,
): PageListResource<T> {
  const list = (params?: PageParams) =>
    http.request({
      host: "account",
      method: "GET",
      path,
      schema: pageSchema,
      query: { ...(params ?? {}) },
    });
  const lengths = lengthMemory();
  const iterate = (params?: IteratePageOptions): AsyncIterable<T> =>
    iteratePagedPages<T>(
      async (q) => {
        const page = await http.request({
          host: "account",
          method: "GET",
          path,
          schema: pageSchema,
          query: { ...q },
        });
        lengths.note("", page.count);
        return page;
      },
      {
        ...(params?.perPage !== undefined ? { perPage: params.perPage } : {}),
        expectedCount: lengths.get(""),
      },
    );
  const all = (params?: IteratePageOptions & AllOptions) =>
    collectAll(
      iterate(params?.perPage !== undefined ? { perPage: params.perPage } : {}),
      params?.max !== undefined ? { max: params.max } : {},
    );
  return { list, iterate, all };
}
