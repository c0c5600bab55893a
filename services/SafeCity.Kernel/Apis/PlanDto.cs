using SafeCity.Kernel.Performance;

namespace SafeCity.Kernel.Apis;

public sealed record PlanDto(int Number, int Priority, string? Objective, string Title, IReadOnlyList<string> Aims, string? LeadPartner, string? LeadManager, string Year, string Rag, IndicatorDto[] Indicators, ActionDto[] Actions)
{
    public static PlanDto From(PlanStatus status) => new(
        status.Plan.Number, status.Plan.Priority, status.Plan.Objective, status.Plan.Title, status.Plan.Aims, status.Plan.LeadPartner, status.Plan.LeadManager, status.Plan.Year,
        status.Rag.ToString(), status.Indicators.Select(IndicatorDto.From).ToArray(), status.Plan.Actions.Select(a => ActionDto.From(a, status.On)).ToArray());
}
