namespace SafeCity.Kernel.Domain;

/// <summary>
/// A count of additions to a stock the plan also counts (new HMO licences beside the licences held):
/// a figure may be entered as the stock held at the end of the period, and is kept as what was added.
/// </summary>
public sealed record StockCounted(string What, double Held, string AsAt);
