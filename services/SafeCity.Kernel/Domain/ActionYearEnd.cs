namespace SafeCity.Kernel.Domain;

public sealed record ActionYearEnd(string ActionId, ActionYearOutcome Outcome);
