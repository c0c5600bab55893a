using SafeCity.Governance.Access;

namespace SafeCity.Governance.Holdings;

public static class HoldingsApi
{
    public static RouteGroupBuilder MapHoldingsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/holdings", async (WhatGovernanceHolds holds, CancellationToken ct) => TypedResults.Ok(await holds.CountAsync(ct)))
            .RequireAuthorization(GovernancePolicies.Administer)
            .WithSummary("What governance holds that people, partners or the themes put there, as [{ what, count }] (kinds holding nothing left out): an empty list is an empty platform's. Administrators.");
        return api;
    }
}
