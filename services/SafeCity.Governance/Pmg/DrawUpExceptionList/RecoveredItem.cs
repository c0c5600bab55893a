using SafeCity.Kernel.Domain;

namespace SafeCity.Governance.Pmg.DrawUpExceptionList;

public sealed record RecoveredItem(string Key, string Name, Rag Rag, string Detail);
