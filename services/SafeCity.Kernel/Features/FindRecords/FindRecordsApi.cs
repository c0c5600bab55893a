using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SafeCity.Kernel.Hosting;
using SafeCity.Kernel.Records;
using SafeCity.RecordFiles;

namespace SafeCity.Kernel.Features.FindRecords;

/// <summary>A theme's register of records under /api/{theme}/records: counts for analysts and the records themselves.</summary>
public static class FindRecordsApi
{
    public static RouteGroupBuilder MapFindRecordsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/counts", Counts).WithSummary("Records per month and category (the category as the source names it). format=csv for a file.");
        api.MapGet("/", Find).WithSummary("Records of a span of months, newest first; filter by category and LSOA.");
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

    private static Dictionary<string, string[]>? Span(string? from, string? to)
    {
        var errors = new Dictionary<string, string[]>();
        if (!RecordMonth.IsValid(from))
        {
            errors["from"] = ["Give the first month as YYYY-MM, e.g. from=2008-04."];
        }

        if (!RecordMonth.IsValid(to))
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
