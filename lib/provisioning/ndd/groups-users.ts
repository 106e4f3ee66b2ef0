// POST /v1/groups/users — NDD Orbix "create or update groupings of print queue users" (seed 003):
// each grouping is an ezeep group (created, or its description updated); its users are matched
// or invited; nothing is removed (that is /v1/groups/users-sync).
import "server-only";

import { z } from "zod";

import { audited } from "@/lib/audit/service";

import { clientKey } from "./clients";
import { countsOf, groupingErrors, upsertGroupings, withGroupingLocks } from "./groupings";
import { fieldErrors, json, problem, runNddEndpoint, type NddEndpoint, type NddRequest } from "./http";
import { previewUsers } from "./preview";
import { MESSAGES, validateGroupings } from "./validate";

export const NDD_MAX_GROUPINGS = 5;
export const NDD_MAX_USERS = 1000;
const INSTANCE = "/v1/groups/users";

const bodySchema = z.object({
  Groups: z
    .array(z.unknown(), { error: "Groups is required." })
    .min(1, "Groups is required.")
    .max(
      NDD_MAX_GROUPINGS,
      `At most ${NDD_MAX_GROUPINGS} groupings per request; send more in additional requests.`,
    ),
});

async function handle({ ctx, body, client, dryRun, refuse }: NddRequest): Promise<Response> {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success)
    return refuse(
      problem(INSTANCE, 400, "BadRequest", "ValidationException", fieldErrors(parsed.error)),
      "invalid request body",
    );
  const { valid, errors } = validateGroupings(parsed.data.Groups, NDD_MAX_USERS);
  if (valid.length === 0) {
    return refuse(
      problem(INSTANCE, 400, "BadRequest", "BusinessException", { "3400": [MESSAGES.allGroupsInvalid] }),
      MESSAGES.allGroupsInvalid,
    );
  }
  if (dryRun) {
    const { plan, users } = await previewUsers(ctx, clientKey(client), [], valid);
    return json(200, {
      dryRun: true,
      groups: plan.groups.map((g) => ({ groupName: g.name, action: g.action })),
      users,
      errors: errors.filter(Boolean),
    });
  }
  return withGroupingLocks(
    ctx.organization.id,
    valid.map((v) => v.name),
    () =>
      audited(ctx, {
        action: "ndd.groups_users",
        target: { type: "api", label: `POST ${INSTANCE}` },
        intended: {
          client,
          groupings: parsed.data.Groups.length,
          valid: valid.map((v) => ({ name: v.name, users: v.users.length })),
        },
        run: async () => {
          const outcome = await upsertGroupings(ctx, client, valid);
          const { list, failedGroups } = groupingErrors(errors, valid, outcome);
          const counts = { ...countsOf(outcome.result), errors: list.length };
          if (failedGroups === valid.length) {
            // Nothing could be processed because ezeep refused or failed every group.
            const response = problem(
              INSTANCE,
              502,
              "BadGateway",
              "ezeep did not accept any of the groupings.",
              {
                groups: list.map((e) => `${e.groupName}: ${e.errorMessage}`),
              },
            );
            return { result: response, after: { status: 502, ...counts } };
          }
          return { result: json(201, list), after: { status: 201, ...counts } };
        },
      }),
  );
}

export const groupsUsersEndpoint: NddEndpoint = { instance: INSTANCE, action: "ndd.groups_users", handle };

export const handleNddGroupsUsers = (request: Request) => runNddEndpoint(groupsUsersEndpoint, request);
