namespace SafeCity.Kernel.Domain;

/// <summary>An indicator printed in two plans of different themes is held by one of them: this names it.</summary>
public sealed record IndicatorHolder(string Theme, int PlanNumber, string IndicatorId);
