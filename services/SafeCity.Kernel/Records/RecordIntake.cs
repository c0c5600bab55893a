using Microsoft.Extensions.Logging;
using SafeCity.Kernel.Audit;
using SafeCity.Kernel.Hosting;
using SafeCity.RecordFiles;
using SafeCity.RecordFiles.PoliceData;

namespace SafeCity.Kernel.Records;

/// <summary>The verdict on one record handed to a theme.</summary>
public sealed record IntakeResult(PartnerRecord? Record, RecordOutcome Outcome, string? Reason);

/// <summary>
/// Takes records into a theme's register, in batches of one transaction each: checks every
/// record, stores the good ones once, and brings the computed indicators of the months they
/// touch up to date.
/// </summary>
public sealed class RecordIntake(IRecordStore store, ThemeDefinition theme, IndicatorCalculator calculator, TimeProvider clock, ILogger<RecordIntake> logger)
{
    public const int MaxReferenceLength = 200;
    public const int MaxTextLength = 1000;
    public const int MaxDetails = 50;
    public const int MaxDetailNameLength = 100;
    public const int MaxCategoryLength = 100;

    private readonly HashSet<string> _categories = theme.RecordCategories.Select(c => c.Name)
        .Concat(PoliceCrimeTypes.KeptBy(theme.Slug)).ToHashSet(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Categories => _categories;

    /// <summary>
    /// Why a record cannot be kept, or null when it can. A reason names the field, its limit and what it
    /// got, never what the field held: a refusal is not a copy of what was refused (a category of a
    /// million characters is answered in one line), and personal data sent by mistake is not sent back.
    /// </summary>
    public string? Check(PartnerRecord record)
    {
        if (string.IsNullOrWhiteSpace(record.Source))
        {
            return "The source is missing.";
        }

        if (string.IsNullOrWhiteSpace(record.Reference) || record.Reference.Length > MaxReferenceLength)
        {
            return $"The reference is missing or longer than {MaxReferenceLength} characters (it has {record.Reference?.Length ?? 0:N0}).";
        }

        // Bounds on what one record may hold: a register is for records, not documents.
        if (record.Category.Length > MaxCategoryLength)
        {
            return $"The category is longer than {MaxCategoryLength} characters (it has {record.Category.Length:N0}).";
        }

        if (TooLong(record) is { } longField)
        {
            return $"The {longField.Field} is longer than {MaxTextLength:N0} characters (it has {longField.Length:N0}).";
        }

        if (record.Attributes.Count > MaxDetails)
        {
            return $"The details are too many: at most {MaxDetails} (there are {record.Attributes.Count:N0}).";
        }

        if (record.Attributes.Select((a, i) => (a, i)).FirstOrDefault(d => d.a.Key.Length > MaxDetailNameLength || d.a.Value.Length > MaxTextLength) is { a.Key: not null } tooLong)
        {
            return tooLong.a.Key.Length > MaxDetailNameLength
                ? $"Detail {tooLong.i + 1}'s name is longer than {MaxDetailNameLength} characters (it has {tooLong.a.Key.Length:N0})."
                : $"Detail {tooLong.i + 1}'s value is longer than {MaxTextLength:N0} characters (it has {tooLong.a.Value.Length:N0}).";
        }

        if (record.Latitude is { } lat && (!double.IsFinite(lat) || Math.Abs(lat) > 90) || record.Longitude is { } lon && (!double.IsFinite(lon) || Math.Abs(lon) > 180))
        {
            return "The latitude must be between -90 and 90 and the longitude between -180 and 180.";
        }

        if (!_categories.Contains(record.Category))
        {
            return $"The {theme.Slug} theme does not keep records of the category given; it keeps: {string.Join(", ", _categories.Order(StringComparer.Ordinal))}.";
        }

        if (!RecordMonth.IsValid(record.Month))
        {
            return $"The month is not a month like 2008-04 (it has {record.Month?.Length ?? 0:N0} characters).";
        }

        // The month something happened in is the month on UK clocks: 00:30 on 1 May (BST) is in May.
        if (record.OccurredAt is { } at && RecordMonth.Of(at) != record.Month)
        {
            return $"It happened on {Web.UkFormat.UkTime(at):yyyy-MM-dd} (UK time), which is not in {record.Month}.";
        }

        // A clock a few minutes fast at a partner is not a record from the future; a day ahead is.
        if (string.CompareOrdinal(record.Month, RecordMonth.Of(clock.GetUtcNow())) > 0 || record.OccurredAt > clock.GetUtcNow().AddDays(1))
        {
            return $"{record.Month} has not happened yet: check the date the record gives.";
        }

        // Registers hold depersonalised records only: a record with personal data is refused whole.
        return PersonalDataScreen.Find(record)?.Reason;
    }

    // Checked for every record taken in, so without building anything to check it.
    private static (string Field, int Length)? TooLong(PartnerRecord record) =>
        record.Source.Length > MaxTextLength ? ("source", record.Source.Length)
        : record.Location?.Length > MaxTextLength ? ("location", record.Location.Length)
        : record.LsoaCode?.Length > MaxTextLength ? ("lsoa_code", record.LsoaCode.Length)
        : record.LsoaName?.Length > MaxTextLength ? ("lsoa_name", record.LsoaName.Length)
        : record.Outcome?.Length > MaxTextLength ? ("outcome", record.Outcome.Length)
        : null;

    /// <summary>
    /// What the Information Sharing Agreement asks of a partner system's record besides the checks every
    /// record gets (paragraph 19: "From all areas the time, date and location is required where
    /// possible"): the date and time it happened, and where (a location, an LSOA or coordinates).
    /// </summary>
    public static string? CheckSharedByPartner(PartnerRecord record)
    {
        if (record.OccurredAt is null)
        {
            return "The Information Sharing Agreement asks for the date and time: occurred_at is missing.";
        }

        var located = !string.IsNullOrWhiteSpace(record.Location) || !string.IsNullOrWhiteSpace(record.LsoaCode) || (record.Latitude is not null && record.Longitude is not null);
        return located ? null : "The Information Sharing Agreement asks for the location: give location, lsoa_code, or latitude and longitude.";
    }

    /// <summary>The month, on UK clocks, of a moment.</summary>

    // Months whose computed indicators are owed: records were kept but not yet counted (a batch of a
    // longer stream, or the store full when it was counted). Each is stamped when owed, so that a refresh
    // clears only what it counted: a month owed again while it ran stays owed.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _owed = new(StringComparer.Ordinal);
    private long _stamp;

    private void Owe(IEnumerable<string> months)
    {
        foreach (var month in months)
        {
            _owed[month] = Interlocked.Increment(ref _stamp);
        }
    }

    private async Task RefreshAsync(IEnumerable<string> months, CancellationToken ct)
    {
        var owed = _owed.ToArray();
        var due = months.Concat(owed.Select(o => o.Key)).Distinct().ToList();
        if (due.Count == 0)
        {
            return;
        }

        try
        {
            await calculator.RefreshAsync(due, ct);
            foreach (var counted in owed)
            {
                _owed.TryRemove(counted);
            }
        }
        catch (Exception ex) when (Storage.StoreFault.Of(ex) is { } fault)
        {
            Owe(due);
            logger.LogError("Records were kept but the computed indicators of {Months} were not updated: {Fault}", string.Join(", ", due), fault.Describe());
        }
    }

    /// <summary>Replaces a held record with its correction and recomputes the months it was and is in.</summary>
    public async Task<PartnerRecord?> CorrectAsync(PartnerRecord held, PartnerRecord corrected, string actor, CancellationToken ct)
    {
        if (Check(corrected) is { } reason)
        {
            throw new ArgumentException(reason, nameof(corrected));
        }

        var audit = AuditEntry.Of(clock.GetUtcNow(), actor, "Correct record", $"{held.Source} {held.Reference}", held, corrected with { Revision = held.Revision + 1 });
        var stored = await store.CorrectAsync(corrected, audit, ct);
        if (stored is not null)
        {
            await RefreshAsync([held.Month, stored.Month], ct);
        }

        return stored;
    }

    /// <summary>Checks and stores a batch; returns a result per record, in order.</summary>
    /// <param name="fromPartnerSystem">A partner system's records must also carry what the agreement asks (<see cref="CheckSharedByPartner"/>).</param>
    /// <param name="refreshNow">False for one batch of a longer stream: the months are owed and counted at <see cref="SettleAsync"/>.</param>
    public async Task<IReadOnlyList<IntakeResult>> TakeAsync(IReadOnlyList<PartnerRecord> batch, string actor, CancellationToken ct, bool fromPartnerSystem = false, bool refreshNow = true)
    {
        var results = new IntakeResult[batch.Count];
        var good = new List<(int Index, PartnerRecord Record)>();
        var seen = new HashSet<string>();
        for (var i = 0; i < batch.Count; i++)
        {
            var reason = Check(batch[i]) ?? (fromPartnerSystem ? CheckSharedByPartner(batch[i]) : null);
            if (reason is not null)
            {
                results[i] = new IntakeResult(batch[i], RecordOutcome.Rejected, reason);
            }
            else if (!seen.Add(batch[i].Key))
            {
                results[i] = new IntakeResult(batch[i], RecordOutcome.Duplicate, "The same reference came twice in this batch.");
            }
            else
            {
                good.Add((i, batch[i]));
            }
        }

        // One audit entry a batch: what came in, from whom; the records themselves are the "after".
        var kept = good.Select(g => g.Record).ToList();
        var audit = kept.Count == 0 ? null : new AuditEntry(clock.GetUtcNow(), actor, "Add records",
            $"{kept.Count} from {string.Join(", ", kept.Select(r => r.Source).Distinct())}: {string.Join(", ", kept.GroupBy(r => r.Category).Select(g => $"{g.Key} {g.Count()}"))}",
            null, kept.Count == 1 ? System.Text.Json.JsonSerializer.Serialize(kept[0], KernelJson.Options) : null);
        var outcomes = await store.AddAsync(kept, audit, ct);
        for (var j = 0; j < good.Count; j++)
        {
            results[good[j].Index] = new IntakeResult(good[j].Record, outcomes[j], outcomes[j] == RecordOutcome.Duplicate ? "Already held." : null);
        }

        var months = good.Where((_, j) => outcomes[j] == RecordOutcome.Accepted).Select(g => g.Record.Month).ToList();
        if (refreshNow)
        {
            await RefreshAsync(months, ct);
        }
        else
        {
            Owe(months);
        }

        return results;
    }

    /// <summary>Counts the months owed by batches taken without a refresh into their computed indicators.</summary>
    public Task SettleAsync(CancellationToken ct) => RefreshAsync([], ct);
}
