namespace SafeCity.Governance.Attention;

/// <param name="LastMeeting">The PMG meeting the changes are counted from; null before the first.</param>
/// <param name="NewExceptions">Failing now and not on the last meeting's list.</param>
/// <param name="Recovered">On the last meeting's list and recovered since.</param>
public sealed record ChangesSinceLastPmg(DateOnly? LastMeeting, IReadOnlyList<AttentionItem> NewExceptions, IReadOnlyList<AttentionItem> Recovered);
