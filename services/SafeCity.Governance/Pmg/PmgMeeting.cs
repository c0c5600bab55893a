using SafeCity.Governance.Pmg.DrawUpExceptionList;
namespace SafeCity.Governance.Pmg;

/// <summary>A PMG meeting's record: its exception list as drawn up as at a date, frozen once made.</summary>
public sealed record PmgMeeting(
    string Id,
    DateOnly MeetingDate,
    DateOnly AsAt,
    DateTimeOffset DrawnUpAt,
    string DrawnUpBy,
    IReadOnlyList<ExceptionItem> Exceptions,
    IReadOnlyList<RecoveredItem> Recovered);
