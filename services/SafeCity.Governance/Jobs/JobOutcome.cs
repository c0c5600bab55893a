namespace SafeCity.Governance.Jobs;

/// <summary>What a scheduled call did: whether it opened anything, and why not when it did not.</summary>
public sealed record JobOutcome(bool Opened, string Subject, string Message);
