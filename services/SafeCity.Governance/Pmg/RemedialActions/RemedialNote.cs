namespace SafeCity.Governance.Pmg.RemedialActions;

public sealed record RemedialNote(DateTimeOffset At, string By, string Text);
