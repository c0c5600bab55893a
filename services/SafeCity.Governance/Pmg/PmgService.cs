using System.Globalization;
using Microsoft.Extensions.Options;
using SafeCity.Governance.Performance;
using SafeCity.Governance.Performance.MostSimilarGroup.CompareWithFamily;
using SafeCity.Governance.Pmg.DrawUpExceptionList;
using SafeCity.Governance.Pmg.RemedialActions;
using SafeCity.Kernel.Apis;
using SafeCity.Kernel.Storage.Documents;
using SafeCity.Kernel.Web;

namespace SafeCity.Governance.Pmg;

/// <summary>A request the PMG cannot act on, with the form field it concerns.</summary>
public sealed class PmgException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// The PMG cycle: drawing up each meeting's exception list (frozen once made), and the remedial actions
/// the group agrees, with their owners, due dates, status and notes.
/// </summary>
public sealed class PmgService(IDocumentStore documents, PartnershipPerformance performance, IOptions<PmgCalendarOptions> options, TimeProvider clock, FamilyBenchmark? family = null)
{
    private const string Meetings = "pmg-meetings";
    private const string Remedials = "remedial-actions";

    public PmgCalendar Calendar { get; } = PmgCalendar.From(options.Value);

    public async Task<IReadOnlyList<PmgMeeting>> MeetingsAsync(CancellationToken ct) =>
        (await documents.ListAsync<PmgMeeting>(Meetings, ct)).OrderByDescending(m => m.MeetingDate).ToList();

    public Task<PmgMeeting?> MeetingAsync(string id, CancellationToken ct) => documents.GetAsync<PmgMeeting>(Meetings, id, ct);

    /// <summary>The latest meeting held on or before the day.</summary>
    public async Task<PmgMeeting?> LatestMeetingAsync(DateOnly onOrBefore, CancellationToken ct) =>
        (await MeetingsAsync(ct)).FirstOrDefault(m => m.MeetingDate <= onOrBefore);

    /// <summary>
    /// Draws up the exception list of the meeting on <paramref name="meetingDate"/> as at
    /// <paramref name="asAt"/> and keeps it as that meeting's record. A meeting's record is made once.
    /// </summary>
    /// <summary>The meeting's list from the dates as typed (the form) or sent (the API): one check and one wording for both.</summary>
    public Task<PmgMeeting> DrawUpAsync(string? meetingDate, string? asAt, string by, CancellationToken ct)
    {
        if ((meetingDate?.Length ?? 0) > 10 || !AsAt.TryParse(meetingDate, out var meeting))
        {
            throw new PmgException("meetingDate", "Enter the meeting date as yyyy-MM-dd, for example 2008-10-02.");
        }

        var judged = meeting;
        if (!string.IsNullOrWhiteSpace(asAt) && (asAt.Length > 10 || !AsAt.TryParse(asAt, out judged)))
        {
            throw new PmgException("asAt", "Enter the date as yyyy-MM-dd, or leave it empty for the meeting date.");
        }

        return DrawUpAsync(meeting, judged, by, ct);
    }

    public async Task<PmgMeeting> DrawUpAsync(DateOnly meetingDate, DateOnly asAt, string by, CancellationToken ct)
    {
        if (asAt > meetingDate)
        {
            throw new PmgException("asAt", "The list is drawn up as at a date on or before the meeting.");
        }

        var id = Id(meetingDate);
        if (await MeetingAsync(id, ct) is not null)
        {
            throw new PmgException("meetingDate", $"The exception list for the meeting of {UkFormat.Date(meetingDate)} was already drawn up; a meeting's record does not change.");
        }

        var previous = (await MeetingsAsync(ct)).FirstOrDefault(m => m.MeetingDate < meetingDate);
        var tree = await performance.GetAsync(asAt, ct);
        var remedied = (await RemedialActionsAsync(ct)).Select(r => r.ItemKey).ToHashSet(StringComparer.Ordinal);
        var rankings = family is null ? [] : await family.RelativeRankingsAsync(asAt, ct);
        var (exceptions, recovered) = ExceptionList.DrawUp(tree, previous, meetingDate, remedied, rankings);
        var meeting = new PmgMeeting(id, meetingDate, asAt, clock.GetUtcNow(), by, exceptions, recovered);
        if (!await documents.InsertAsync(Meetings, id, meeting, ct))
        {
            throw new PmgException("meetingDate", $"The exception list for {UkFormat.Date(meetingDate)} was drawn up by someone else at the same moment.");
        }

        return meeting;
    }

    public async Task<IReadOnlyList<RemedialAction>> RemedialActionsAsync(CancellationToken ct) =>
        (await documents.ListAsync<RemedialAction>(Remedials, ct)).OrderBy(r => r.Due).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();

    public Task<RemedialAction?> RemedialActionAsync(string id, CancellationToken ct) => documents.GetAsync<RemedialAction>(Remedials, id, ct);

    public async Task<RemedialAction> AddRemedialActionAsync(string meetingId, string itemKey, string? description, string? owner, string? due, string by, CancellationToken ct)
    {
        var meeting = await MeetingAsync(meetingId, ct) ?? throw new PmgException("meeting", "There is no such PMG meeting.");
        var item = meeting.Exceptions.FirstOrDefault(e => e.Key == itemKey) ?? throw new PmgException("item", "Choose an item on this meeting's exception list.");
        var what = Required(description, "description", "Enter what is to be done", MaxDescriptionLength);
        var who = Required(owner, "owner", "Enter who owns the remedial action (their account name or name)", MaxOwnerLength);
        var when = ParseDue(due);
        var existing = await RemedialActionsAsync(ct);
        var id = "R" + (existing.Count + 1).ToString(CultureInfo.InvariantCulture);
        var action = new RemedialAction(id, meetingId, itemKey, item.Name, item.Priority, what, who, when, RemedialStatus.Open, [], clock.GetUtcNow(), by);
        if (!await documents.InsertAsync(Remedials, id, action, ct))
        {
            throw new PmgException("description", "Another remedial action was recorded at the same moment: try again.");
        }

        return action;
    }

    public async Task<RemedialAction> UpdateRemedialActionAsync(string id, string? status, string? note, string? due, string by, CancellationToken ct)
    {
        var action = await RemedialActionAsync(id, ct) ?? throw new PmgException("id", $"There is no remedial action {SentValue.Shown(id)}.");
        if (!Enum.TryParse<RemedialStatus>(status, ignoreCase: true, out var newStatus) || !Enum.IsDefined(newStatus))
        {
            throw new PmgException("status", "Choose Open, InProgress or Done.");
        }

        if ((note?.Length ?? 0) > MaxNoteLength)
        {
            throw new PmgException("note", $"A note must be {MaxNoteLength:N0} characters or fewer; it has {note!.Length:N0}.");
        }

        var notes = string.IsNullOrWhiteSpace(note) ? action.Notes : [.. action.Notes, new RemedialNote(clock.GetUtcNow(), by, note.Trim())];
        var changed = action with { Status = newStatus, Notes = notes, Due = string.IsNullOrWhiteSpace(due) ? action.Due : ParseDue(due) };
        await documents.PutAsync(Remedials, id, changed, ct);
        return changed;
    }

    public static string Id(DateOnly meetingDate) => meetingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly ParseDue(string? due) =>
        AsAt.TryParse(due, out var day) ? day : throw new PmgException("due", "Enter the due date as a date, for example 2008-09-30.");

    public const int MaxDescriptionLength = 2000;
    public const int MaxOwnerLength = 100;
    public const int MaxNoteLength = 4000;

    private static string Required(string? text, string field, string message, int limit) =>
        string.IsNullOrWhiteSpace(text) ? throw new PmgException(field, message + ".")
        : text.Length > limit ? throw new PmgException(field, $"The {field} must be {limit:N0} characters or fewer; it has {text.Length:N0}.")
        : text.Trim();
}
