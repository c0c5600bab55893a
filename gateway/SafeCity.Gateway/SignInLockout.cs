using System.Globalization;

namespace SafeCity.Gateway;

/// <summary>
/// Wrong passwords and wrong client secrets in a row lock the sign-in for a while: one rule for
/// people (local accounts) and partner systems (client credentials).
/// </summary>
public static class SignInLockout
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(15);

    /// <summary>After one more failure: the count to keep (it starts again once locked) and, on the last allowed, until when it is locked.</summary>
    public static (int Failed, string? LockedUntil) AfterFailure(int failedBefore, DateTimeOffset now) =>
        failedBefore + 1 >= MaxFailedAttempts
            ? (0, now.Add(Duration).ToString("O", CultureInfo.InvariantCulture))
            : (failedBefore + 1, null);
}
