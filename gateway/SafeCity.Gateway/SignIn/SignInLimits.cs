using System.ComponentModel.DataAnnotations;

namespace SafeCity.Gateway.SignIn;

/// <summary>How many wrong tries a sign-in allows, and for how long it then waits (section SignIn).</summary>
public sealed class SignInLimits
{
    public const string Section = "SignIn";

    /// <summary>Wrong passwords (or client secrets) for one name from one address before that name is locked for that address.</summary>
    [Range(1, 100, ErrorMessage = "SignIn:MaxFailures must be from {1} to {2}.")]
    public int MaxFailures { get; set; } = 5;

    [Range(1, 1440, ErrorMessage = "SignIn:LockoutMinutes must be from {1} to {2}.")]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Sign-ins one address may try, whatever the names, in <see cref="AddressWindowMinutes"/>; beyond it the address waits.</summary>
    [Range(1, 100000, ErrorMessage = "SignIn:MaxAttemptsPerAddress must be from {1} to {2}.")]
    public int MaxAttemptsPerAddress { get; set; } = 50;

    [Range(1, 1440, ErrorMessage = "SignIn:AddressWindowMinutes must be from {1} to {2}.")]
    public int AddressWindowMinutes { get; set; } = 15;

    public TimeSpan Lockout => TimeSpan.FromMinutes(LockoutMinutes);

    public TimeSpan AddressWindow => TimeSpan.FromMinutes(AddressWindowMinutes);
}
