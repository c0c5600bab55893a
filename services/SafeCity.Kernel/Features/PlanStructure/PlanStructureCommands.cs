using SafeCity.Kernel.Domain;

namespace SafeCity.Kernel.Features.PlanStructure;

/// <summary>A plan the partnership writes itself, such as objective 7c's preparedness for civil emergencies.</summary>
public sealed record AddActionPlanCommand(int? Number, string? Objective, string? Title, string? Aims, string? LeadPartner, string? LeadManager);

public sealed record AddActionCommand(int PlanNumber, string? Theme, string? Description, string? Responsible, string? Resources);

public sealed record AddIndicatorCommand(
    int PlanNumber, string? Code, string? Name, string? Category, IndicatorUnit? Unit, Polarity? Polarity, ReportingFrequency? Frequency,
    double? BaselineValue, string? BaselinePeriod, double? TargetValue, string? TargetYear);
