using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SafeCity.Kernel.Storage.Documents;
using SafeCity.ServiceDefaults;

namespace SafeCity.Governance.Sharing;

/// <summary>The personal data of a cohort member, held only encrypted.</summary>
public sealed record PersonalDetails(string Name, DateOnly DateOfBirth, string? PoliceNationalComputerId);
