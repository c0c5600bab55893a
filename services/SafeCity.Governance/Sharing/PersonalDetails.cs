namespace SafeCity.Governance.Sharing;

/// <summary>The personal data of a cohort member, held only encrypted.</summary>
public sealed record PersonalDetails(string Name, DateOnly DateOfBirth, string? PoliceNationalComputerId);
