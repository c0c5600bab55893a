namespace SafeCity.Governance.Sharing;

/// <summary>
/// A designated officer as the log names them: the account they signed in with (unique) and its
/// display name at the time (for reading; not unique).
/// </summary>
public sealed record OfficerAccount(string Account, string Name)
{
    public override string ToString() => $"{Name} ({Account})";
}
