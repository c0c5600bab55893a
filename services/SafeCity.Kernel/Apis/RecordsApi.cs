using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SafeCity.Kernel.Access;
using SafeCity.Kernel.Hosting;
using SafeCity.Kernel.Records;

namespace SafeCity.Kernel.Apis;

/// <summary>A theme's register of records under /api/{theme}/records: counts for analysts, the records themselves, and adding one.</summary>
public static class RecordsApi
{
    public static RouteGroupBuilder MapRecordsApi(this IEndpointRouteBuilder app, ThemeDefinition theme)
    {
        var api = app.MapGroup($"/api/{theme.Slug}/records").WithTags(theme.Slug + " records");
        api.MapGet("/counts", Counts).WithSummary("Records per month and category (the category as the source names it). format=csv for a file.");
        api.MapGet("/", Find).WithSummary("Records of a span of months, newest first; filter by category and LSOA.");
        api.MapPost("/", Add).RequireAuthorization(ThemePolicies.Edit).WithSummary("Add one record entered by a person.");
        api.MapGet("/categories", (ThemeDefinition t, RecordIntake intake) => TypedResults.Ok(intake.Categories.Order(StringComparer.Ordinal).Select(c =>
                RecordCategoryDto.Of(c, t.RecordCategories.FirstOrDefault(k => k.Name == c))).ToArray()))
            .WithSummary("The categories of records this theme keeps: what partner systems may be allowed to share with it.");
        return api;
    }

    public static async Task<Results<Ok<RecordCount[]>, FileContentHttpResult, ValidationProblem>> Counts(
        string? from, string? to, string? format, IRecordStore store, ThemeDefinition theme, CancellationToken ct)
    {
        if (Span(from, to) is { } problem)
        {
            return TypedResults.ValidationProblem(problem);
        }

        var counts = await store.CountAsync(from!, to!, ct);
        if (!string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Ok(counts.ToArray());
        }

        var csv = new StringBuilder("month,category,count\n");
        foreach (var c in counts)
        {
            csv.Append(c.Month).Append(',').Append(Text.CsvField(c.Category)).Append(',').Append(c.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", $"{theme.Slug}-records-{from}-to-{to}.csv");
    }

    public static async Task<Results<Ok<PartnerRecord[]>, ValidationProblem>> Find(
        string? from, string? to, string? category, string? lsoa, int? limit, int? offset, IRecordStore store, CancellationToken ct)
    {
        if (Span(from, to) is { } problem)
        {
            return TypedResults.ValidationProblem(problem);
        }

        var query = new RecordQuery(from!, to!)
        {
            Categories = string.IsNullOrWhiteSpace(category) ? null : [category],
            LsoaCode = string.IsNullOrWhiteSpace(lsoa) ? null : lsoa,
            Limit = Math.Clamp(limit ?? 100, 1, 1000),
            Offset = Math.Max(offset ?? 0, 0),
        };
        return TypedResults.Ok((await store.FindAsync(query, ct)).ToArray());
    }

    public static async Task<Results<Created<PartnerRecord>, Conflict<string>, ValidationProblem, ProblemHttpResult>> Add(
        NewRecord body, HttpContext http, RecordIntake intake, ThemeDefinition theme, TimeProvider clock, CancellationToken ct)
    {
        var record = body.ToRecord(clock.GetUtcNow(), ThemeAccess.ActorOf(http.User));
        var result = (await intake.TakeAsync([record], ThemeAccess.ActorOf(http.User), ct))[0];
        return result.Outcome switch
        {
            RecordOutcome.Accepted => TypedResults.Created($"/api/{theme.Slug}/records?from={record.Month}&to={record.Month}", record),
            RecordOutcome.Duplicate => TypedResults.Conflict($"A record {record.Reference} from {record.Source} is held already."),
            _ => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["record"] = [result.Reason!] }),
        };
    }

    private static Dictionary<string, string[]>? Span(string? from, string? to)
    {
        var errors = new Dictionary<string, string[]>();
        if (!PartnerRecord.IsMonth(from))
        {
            errors["from"] = ["Give the first month as YYYY-MM, e.g. from=2008-04."];
        }

        if (!PartnerRecord.IsMonth(to))
        {
            errors["to"] = ["Give the last month as YYYY-MM, e.g. to=2009-03."];
        }

        if (errors.Count == 0 && string.CompareOrdinal(from, to) > 0)
        {
            errors["to"] = [$"The last month ({to}) is before the first ({from})."];
        }

        return errors.Count == 0 ? null : errors;
    }
}

/// <summary>A record as a person enters it; the source is "entered" unless another is named.</summary>
public sealed record NewRecord(string? Reference, string? Category, string? Month, DateTimeOffset? OccurredAt, string? Location, string? LsoaCode, string? LsoaName, Dictionary<string, string>? Attributes, string? Source = null)
{
    public PartnerRecord ToRecord(DateTimeOffset receivedAt, string actor) => new()
    {
        Source = string.IsNullOrWhiteSpace(Source) ? "entered" : Source,
        Reference = string.IsNullOrWhiteSpace(Reference) ? Guid.NewGuid().ToString("N")[..12] : Reference.Trim(),
        Category = Category?.Trim() ?? "",
        // The month on UK clocks, as the intake reckons it: 00:30 on 1 May (BST) is in May.
        Month = Month?.Trim() ?? (OccurredAt is { } at ? RecordIntake.MonthOf(at) : ""),
        OccurredAt = OccurredAt,
        Location = Location,
        LsoaCode = LsoaCode,
        LsoaName = LsoaName,
        Attributes = Attributes ?? [],
        ReceivedAt = receivedAt,
        ReceivedFrom = actor,
    };
}

/// <param name="Details">The details a record of the category carries (name, label, and the choices where there are some).</param>
/// <param name="PoliceRecorded">A data.police.uk crime type the theme keeps, rather than one of its partners' own categories.</param>
public sealed record RecordCategoryDto(string Name, string Description, IReadOnlyList<RecordDetail> Details, bool PoliceRecorded)
{
    public static RecordCategoryDto Of(string name, RecordCategory? kept) =>
        new(name, kept?.Description ?? "Police-recorded crime (data.police.uk category)", kept?.Details ?? [], kept is null);
}
