namespace SafeCity.Kernel.Domain;

/// <summary>The sources of an indicator's unit, polarity and frequency.</summary>
public sealed record ProfileSources(ProfileSource Unit, ProfileSource Polarity, ProfileSource Frequency);
