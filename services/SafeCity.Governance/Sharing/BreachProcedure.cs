using System.Globalization;
using SafeCity.Kernel.Apis;
using SafeCity.Kernel.Storage.Documents;

namespace SafeCity.Governance.Sharing;

/// <summary>
/// The breach procedure of paragraph 32. Reporting a breach starts the clock on the day it was
/// identified: (a) the partner alleging it reports it to the other partners within 5 working days;
/// (b) the partner in breach reports back within 5 days of receiving that report; (c) all partners
/// meet within 10 days of that response; (d) the agreed action or sanction is minuted and circulated
/// within 5 days of the meeting. Each step's clock starts when the step before was done. Working days
/// skip weekends and the bank holidays of England and Wales; the other steps count calendar days, as
/// the agreement words them.
/// </summary>
public sealed class BreachProcedure(IDocumentStore documents, TimeProvider clock)
{
    private const string Collection = "isa-breaches";

    public static IReadOnlyList<BreachStep> Steps { get; } =
    [
        new("report", "The partner alleging the breach", "Report it to the other partner organisations", 5, true, "the day the breach was identified", null, null),
        new("response", "The partner in breach", "Report back to the partners", 5, false, "receipt of the initial report", null, null),
        new("meeting", "All partner organisations", "Meet to agree any actions or sanctions", 10, false, "the response", null, null),
        new("minutes", "All partner organisations", "Record the agreed action or sanction in minutes and circulate them to all partners", 5, false, "the meeting", null, null),
    ];

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public static IReadOnlyList<StepStatus> Status(Breach breach, DateOnly today)
    {
        var statuses = new List<StepStatus>();
        DateOnly? start = breach.IdentifiedOn;
        foreach (var step in breach.Steps)
        {
            DateOnly? due = start is { } s ? (step.WorkingDays ? WorkingDays.Add(s, step.Days) : s.AddDays(step.Days)) : null;
            var state = step.DoneOn is not null ? StepState.Done
                : due is null ? StepState.Waiting
                : today > due ? StepState.Overdue
                : StepState.Due;
            statuses.Add(new StepStatus(step, state, due));
            start = step.DoneOn;
        }

        return statuses;
    }

    public async Task<IReadOnlyList<Breach>> AllAsync(CancellationToken ct) =>
        (await documents.ListAsync<Breach>(Collection, ct)).OrderByDescending(b => b.IdentifiedOn).ToList();

    public Task<Breach?> FindAsync(string id, CancellationToken ct) => documents.GetAsync<Breach>(Collection, id, ct);

    public async Task<Breach> ReportAsync(string? identifiedOn, string? allegedBy, string? inBreach, string? description, string by, CancellationToken ct)
    {
        var day = Day(identifiedOn, "identifiedOn", "Enter the day the breach was identified, as yyyy-MM-dd.");
        if (day > Today)
        {
            throw new BreachException("identifiedOn", "The day the breach was identified cannot be in the future.");
        }

        var breach = new Breach(
            "B" + clock.GetUtcNow().ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture),
            day,
            Required(allegedBy, "allegedBy", "Name the partner organisation alleging the breach."),
            Required(inBreach, "inBreach", "Name the partner organisation alleged to be in breach."),
            Required(description, "description", "Describe the breach (no personal data)."),
            Steps, null, clock.GetUtcNow(), by);
        if (!await documents.InsertAsync(Collection, breach.Id, breach, ct))
        {
            throw new BreachException("description", "Another breach was reported at the same moment: try again.");
        }

        return breach;
    }

    /// <summary>Records that a step was done on a day; the steps go in order, and a step is done once.</summary>
    public async Task<Breach> CompleteStepAsync(string id, string step, string? doneOn, string? note, string? outcome, CancellationToken ct)
    {
        var breach = await FindAsync(id, ct) ?? throw new BreachException("id", $"There is no breach {SentValue.Shown(id)}.");
        var index = breach.Steps.ToList().FindIndex(s => s.Key == step);
        if (index < 0)
        {
            throw new BreachException("step", "There is no such step: choose one of the procedure's.");
        }

        if (breach.Steps[index].DoneOn is not null)
        {
            throw new BreachException("step", "That step is already recorded as done.");
        }

        if (index > 0 && breach.Steps[index - 1].DoneOn is null)
        {
            throw new BreachException("step", "Record the step before it first.");
        }

        var day = Day(doneOn, "doneOn", "Enter the day the step was done, as yyyy-MM-dd.");
        var earliest = index == 0 ? breach.IdentifiedOn : breach.Steps[index - 1].DoneOn!.Value;
        if (day < earliest || day > Today)
        {
            throw new BreachException("doneOn", $"The step was done between {earliest:yyyy-MM-dd} and today.");
        }

        var last = index == breach.Steps.Count - 1;
        if (last && string.IsNullOrWhiteSpace(outcome))
        {
            throw new BreachException("outcome", "Record the agreed action or sanction: it is the breach's outcome.");
        }

        var steps = breach.Steps.Select((s, i) => i == index ? s with { DoneOn = day, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim() } : s).ToList();
        var changed = breach with { Steps = steps, Outcome = last ? outcome!.Trim() : breach.Outcome };
        await documents.PutAsync(Collection, id, changed, ct);
        return changed;
    }

    private static DateOnly Day(string? text, string field, string message) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : throw new BreachException(field, message);

    private static string Required(string? text, string field, string message) =>
        string.IsNullOrWhiteSpace(text) ? throw new BreachException(field, message) : text.Trim();
}
