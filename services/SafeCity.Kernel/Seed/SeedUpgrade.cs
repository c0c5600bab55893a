using SafeCity.Kernel.Domain;

namespace SafeCity.Kernel.Seed;

/// <summary>
/// What a store imported from an older seed lacks and the seed now says: each indicator's profile with
/// its sources (and, where the old profile was wrong, its unit, polarity and frequency), which plan holds
/// an indicator printed twice, the printed targets with their source, and the actions' due dates; and a
/// profile the seed has since corrected. What
/// the partnership itself changed (targets it set, actions' status, its own plans) is left as it is.
/// </summary>
public static class SeedUpgrade
{
    /// <summary>The plan brought up to the seed, with the actions whose due date it gives; null when nothing is missing.</summary>
    public static (ActionPlan Plan, IReadOnlyList<PlanAction> Actions)? Of(ActionPlan stored, ActionPlan seed)
    {
        var changed = false;
        var indicators = stored.Indicators.Select(i =>
        {
            if (seed.FindIndicator(i.Id) is not { Sources: not null } fresh)
            {
                return i;
            }

            if (i.Sources is not null)
            {
                // No one edits a profile: where the seed's reading of the document has been corrected, it is taken.
                if (i.Sources == fresh.Sources && (i.Unit, i.Polarity, i.Frequency) == (fresh.Unit, fresh.Polarity, fresh.Frequency))
                {
                    return i;
                }

                changed = true;
                return i with { Unit = fresh.Unit, Polarity = fresh.Polarity, Frequency = fresh.Frequency, Sources = fresh.Sources };
            }

            changed = true;
            var printed = fresh.Targets.Select(t => t.Year).ToHashSet();
            return i with
            {
                Unit = fresh.Unit,
                Polarity = fresh.Polarity,
                Frequency = fresh.Frequency,
                Sources = fresh.Sources,
                HeldBy = fresh.HeldBy,
                Stock = fresh.Stock,
                SourceLines = fresh.SourceLines,
                // A target with no source was imported from the plan: the seed's reading of it replaces it.
                Targets = [.. fresh.Targets, .. i.Targets.Where(t => t.Source is not null && !printed.Contains(t.Year))],
            };
        }).ToList();
        var actions = stored.Actions
            .Select(a => (Stored: a, Seed: seed.Actions.FirstOrDefault(s => s.Id == a.Id)))
            .Where(x => x.Seed is not null && DueChanged(x.Stored, x.Seed))
            .Select(x => x.Stored with { Due = x.Seed!.Due, NeverDue = x.Seed.NeverDue })
            .ToList();
        return changed || actions.Count > 0 ? (stored with { Indicators = indicators }, actions) : null;
    }

    /// <summary>
    /// Whether the seed now reads an action's timing differently from the store: a due date missing, or
    /// one the seed gave (never one a person set or a carry-over made) that the seed has since corrected.
    /// </summary>
    private static bool DueChanged(PlanAction stored, PlanAction seed)
    {
        if (stored.Due is null)
        {
            return stored.NeverDue is null && seed.Due is not null;
        }

        return ActionPlanSeed.SeedGave(stored.Due) && stored.Year == ActionPlan.FirstYear
            && (seed.Due is null
                || (stored.Due.Date, stored.Due.AsWritten, stored.Due.Source) != (seed.Due.Date, seed.Due.AsWritten, seed.Due.Source)
                || !(stored.Due.Milestones ?? []).SequenceEqual(seed.Due.Milestones ?? []));
    }
}
