// The list methods every paginated ezeep resource has (`list`, `iterate`, `all`): offset
// pagination on the printing host, page pagination on the account host (lib/ezeep/pagination.ts).
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
  const iterate = (params?: IterateOffsetOptions & F): AsyncIterable<T> => {
    const { size, filters } = splitIterate(params, "pageSize");
    return iterateOffsetPages<T>(
      ({ limit, offset }) =>
        http.request({
          host,
          method: "GET",
          path,
          schema: pageSchema,
          query: { ...filters, limit, offset },
        }),
      size !== undefined ? { pageSize: size } : {},
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
  const iterate = (params?: IteratePageOptions): AsyncIterable<T> =>
    iteratePagedPages<T>(
      (q) => http.request({ host: "account", method: "GET", path, schema: pageSchema, query: { ...q } }),
      params?.perPage !== undefined ? { perPage: params.perPage } : {},
    );
  const all = (params?: IteratePageOptions & AllOptions) =>
    collectAll(
      iterate(params?.perPage !== undefined ? { perPage: params.perPage } : {}),
      params?.max !== undefined ? { max: params.max } : {},
    );
  return { list, iterate, all };
}
