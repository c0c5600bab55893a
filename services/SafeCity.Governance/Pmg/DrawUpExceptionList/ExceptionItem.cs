using SafeCity.Kernel.Domain;

namespace SafeCity.Governance.Pmg.DrawUpExceptionList;

/// <summary>An indicator or action on a meeting's exception list.</summary>
/// <param name="Key">"indicator:alcohol/P1.I3" or "action:alcohol/P1.A2": the same item at every meeting (ids are unique within a theme).</param>
/// <param name="StillFailing">False when it is listed only because it has not recovered (no newer figure).</param>
public sealed record ExceptionItem(
    string Key,
    ExceptionKind Kind,
    string Id,
    string Theme,
    int Priority,
    int PlanNumber,
    string Name,
    Rag Rag,
    string Detail,
    DateOnly FirstListed,
    bool StillFailing);
