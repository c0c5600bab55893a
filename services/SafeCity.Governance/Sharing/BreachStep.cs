namespace SafeCity.Governance.Sharing;

/// <summary>A step of the breach procedure (Appendix B, paragraph 32) and when it was done.</summary>
public sealed record BreachStep(string Key, string Who, string What, int Days, bool WorkingDays, string From, DateOnly? DoneOn, string? Note);
