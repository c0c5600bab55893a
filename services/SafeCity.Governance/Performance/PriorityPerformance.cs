using SafeCity.Governance.Structure;
using SafeCity.Kernel.Domain;

namespace SafeCity.Governance.Performance;

public sealed record PriorityPerformance(PartnershipPriority Priority, GovernanceBody? Box, string? Theme, Rag Rag, IReadOnlyList<PlanPerformance> Plans);
