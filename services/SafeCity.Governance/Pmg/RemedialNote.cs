namespace SafeCity.Governance.Pmg;

public sealed record RemedialNote(DateTimeOffset At, string By, string Text);
