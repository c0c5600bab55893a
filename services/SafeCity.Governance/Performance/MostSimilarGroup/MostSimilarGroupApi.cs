using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using SafeCity.Contracts.MostSimilarGroup;
using SafeCity.Governance.Access;
using SafeCity.Governance.DeliveryBoard.Report;
using SafeCity.Governance.Performance.MostSimilarGroup.CompareWithFamily;
using SafeCity.Governance.Performance.MostSimilarGroup.EditTheFamily;
using SafeCity.Governance.Performance.MostSimilarGroup.ImportPoliceMonth;
using SafeCity.Governance.Performance.MostSimilarGroup.ImportPopulation;
using SafeCity.Kernel.Access;
using SafeCity.RecordFiles;
using SafeCity.RecordFiles.PoliceData;
using SafeCity.RecordFiles.Reference;

namespace SafeCity.Governance.Performance.MostSimilarGroup;

/// <summary>
/// The Most Similar Group as JSON, CSV and XLSX, computed from the national police counts imported
/// (<c>./safecity import police-street</c>) and the population estimates held; and the two imports.
/// </summary>
public static partial class MostSimilarGroupApi
{
    public const int MaxCounts = 50_000;

    public static RouteGroupBuilder MapMostSimilarGroupApi(this RouteGroupBuilder api)
    {
        var msg = api.MapGroup("/most-similar-group");
        msg.MapGet("", Compare)
            .WithSummary("The family compared: measure (all-crime, violence, criminal-damage-and-arson, …), period (2024-01, 2023/24 Q4, 2023/24, 12 months to 2024-01; the latest month held when left out), method (funnel or sd).");
        api.MapGet("/most-similar-group.csv", CompareCsv).WithSummary("The family compared, as CSV (the same query as the JSON).");
        api.MapGet("/most-similar-group.xlsx", CompareXlsx).WithSummary("The family compared, as an Excel workbook (the same query as the JSON).");
        msg.MapGet("/police-counts", ListCounts).WithSummary("The forces' months held: month, force, rows, and who imported them when.");
        msg.MapPost("/police-counts", ImportCounts).RequireAuthorization(GovernancePolicies.RunPmg)
            .WithSummary("One force's month counted by district and crime type (what ./safecity import police-street sends); the same month and force again replaces it.");
        msg.MapGet("/family", ListFamily).WithSummary("The family's versions: paragraph 11's, then each the PMG made, with its members, the month it applies from, who and why.");
        msg.MapPost("/family", ChangeFamily).RequireAuthorization(GovernancePolicies.RunPmg)
            .WithSummary("A new version of the family (members: districts by name or code, from: yyyy-MM after every month held, why).");
        msg.MapGet("/populations", ListPopulations).WithSummary("The population estimates held: mid-year, source, districts.");
        msg.MapPost("/populations", ImportPopulation).RequireAuthorization(GovernancePolicies.RunPmg)
            .WithSummary("An ONS mid-year estimate by district (midYear, source, csv): all rows or none, every bad row named.");
        return api;
    }

    public static async Task<Results<Ok<ComparisonDto>, ValidationProblem, NotFound<string>>> Compare(FamilyBenchmark benchmark, string? measure, string? period, string? method, CancellationToken ct)
    {
        var (comparison, problem) = await ReadAsync(benchmark, measure, period, method, ct);
        if (problem is { } wrong)
        {
            return Invalid(wrong.Field, wrong.Message);
        }

        if (comparison is null)
        {
            return TypedResults.NotFound("No police counts are held yet: import a month with ./safecity import police-street.");
        }

        return TypedResults.Ok(ComparisonDto.From(comparison, await benchmark.HistoryAsync(comparison.Measure, comparison.Period.Kind, comparison.Method, ct)));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, NotFound<string>>> CompareCsv(FamilyBenchmark benchmark, string? measure, string? period, string? method, CancellationToken ct) =>
        await ExportAsync(benchmark, measure, period, method, c => ReportExport.CsvFile(ReportExport.Csv(Tables(c)), FileName(c) + ".csv"), ct);

    public static async Task<Results<FileContentHttpResult, ValidationProblem, NotFound<string>>> CompareXlsx(FamilyBenchmark benchmark, string? measure, string? period, string? method, CancellationToken ct) =>
        await ExportAsync(benchmark, measure, period, method, c => TypedResults.File(ReportExport.Xlsx(Tables(c)), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileName(c) + ".xlsx"), ct);

    private static async Task<Results<FileContentHttpResult, ValidationProblem, NotFound<string>>> ExportAsync(
        FamilyBenchmark benchmark, string? measure, string? period, string? method, Func<FamilyComparison, FileContentHttpResult> render, CancellationToken ct)
    {
        var (comparison, problem) = await ReadAsync(benchmark, measure, period, method, ct);
        return problem is { } wrong ? Invalid(wrong.Field, wrong.Message)
            : comparison is null ? TypedResults.NotFound("No police counts are held yet: import a month with ./safecity import police-street.")
            : render(comparison);
    }

    /// <summary>The comparison asked for, the latest month held by default; null when nothing is held; or the field that is wrong and why.</summary>
    public static async Task<(FamilyComparison? Comparison, (string Field, string Message)? Problem)> ReadAsync(FamilyBenchmark benchmark, string? measure, string? period, string? method, CancellationToken ct)
    {
        var chosen = BenchmarkMeasure.Find(string.IsNullOrWhiteSpace(measure) ? "all-crime" : measure);
        if (chosen is null)
        {
            return (null, ("measure", $"measure must be one of: {string.Join(", ", BenchmarkMeasure.All.Select(m => m.Key))}."));
        }

        ComparisonMethod? how = method?.Trim().ToLowerInvariant() switch
        {
            null or "" or "funnel" => ComparisonMethod.Funnel,
            "sd" => ComparisonMethod.StandardDeviations,
            _ => null,
        };
        if (how is null)
        {
            return (null, ("method", "method must be funnel (Poisson limits) or sd (mean ± 2 standard deviations)."));
        }

        BenchmarkPeriod when;
        if (string.IsNullOrWhiteSpace(period))
        {
            var months = (await benchmark.PeriodsAsync(ct)).Where(p => p.Kind == BenchmarkPeriodKind.Month).ToList();
            if (months.Count == 0)
            {
                return (null, null);
            }

            when = months[0];
        }
        else if (period.Length > 40 || !BenchmarkPeriod.TryParse(period, out when))
        {
            return (null, ("period", $"period must be {BenchmarkPeriod.FormatHelp}, at most 40 characters; it has {period.Length:N0}."));
        }

        return (await benchmark.CompareAsync(chosen, when, how.Value, ct), null);
    }

    public static async Task<Ok<List<HeldForceMonthDto>>> ListCounts(PoliceCountsStore store, CancellationToken ct) =>
        TypedResults.Ok((await store.ListAsync(ct)).Select(h => new HeldForceMonthDto(h.Counts.Month, h.Counts.Force, h.Counts.File, h.Counts.Rows,
            h.Counts.Counts.Sum(c => (long)c.Count), h.Counts.WithoutLsoa, h.Counts.UnknownLsoa, h.Counts.Rejected, h.ImportedAt, h.ImportedBy)).ToList());

    public static async Task<Results<Created<HeldForceMonthDto>, ValidationProblem>> ImportCounts(ForceMonthCounts body, HttpContext http, PoliceCountsStore store, CancellationToken ct)
    {
        if (Problem(body) is { } problem)
        {
            return problem;
        }

        var held = await store.PutAsync(body with { Force = body.Force.ToLowerInvariant() }, ThemeAccess.ActorOf(http.User), ct);
        var c = held.Counts;
        return TypedResults.Created($"/api/governance/most-similar-group/police-counts",
            new HeldForceMonthDto(c.Month, c.Force, c.File, c.Rows, c.Counts.Sum(x => (long)x.Count), c.WithoutLsoa, c.UnknownLsoa, c.Rejected, held.ImportedAt, held.ImportedBy));
    }

    public static async Task<Ok<List<PopulationEstimateDto>>> ListPopulations(PopulationEstimates estimates, CancellationToken ct) =>
        TypedResults.Ok((await estimates.ListAsync(ct)).Select(e => new PopulationEstimateDto(e.MidYear, e.Source, e.Districts.Count, e.ImportedAt, e.ImportedBy)).ToList());

    public static async Task<Ok<IReadOnlyList<FamilyVersion>>> ListFamily(FamilyStore family, CancellationToken ct) => TypedResults.Ok(await family.VersionsAsync(ct));

    public sealed record FamilyChange(IReadOnlyList<string>? Members, string? From, string? Why);

    public static async Task<Results<Created<FamilyVersion>, ValidationProblem>> ChangeFamily(FamilyChange body, HttpContext http, FamilyStore family, FamilyBenchmark benchmark, CancellationToken ct)
    {
        var (version, problem) = await family.ChangeAsync(string.Join('\n', body.Members ?? []), body.From, body.Why, await benchmark.LatestMonthHeldAsync(ct), ThemeAccess.ActorOf(http.User), ct);
        return problem is { } wrong ? Invalid(wrong.Field, wrong.Message) : TypedResults.Created("/api/governance/most-similar-group/family", version!);
    }

    public sealed record PopulationImport(int? MidYear, string? Source, string? Csv);

    public static async Task<Results<Created<PopulationEstimateDto>, ValidationProblem>> ImportPopulation(PopulationImport body, HttpContext http, PopulationEstimates estimates, CancellationToken ct)
    {
        if (body.MidYear is not { } year)
        {
            return Invalid("midYear", $"midYear must be the estimate's year, from {PopulationEstimates.EarliestYear} to this year.");
        }

        if (body.Source is { Length: > 300 })
        {
            return Invalid("source", $"source must be at most 300 characters; it has {body.Source.Length:N0}.");
        }

        if (string.IsNullOrWhiteSpace(body.Csv))
        {
            return Invalid("csv", "csv must hold the file: a header, then a row per district.");
        }

        var (estimate, problems) = await estimates.ImportAsync(year, body.Source, body.Csv, ThemeAccess.ActorOf(http.User), ct);
        if (estimate is null)
        {
            return TypedResults.ValidationProblem(problems.GroupBy(p => p.Line == 0 ? "midYear" : "csv")
                .ToDictionary(g => g.Key, g => g.Select(p => p.Line == 0 ? p.Reason : $"Line {p.Line}: {p.Reason}").ToArray()));
        }

        return TypedResults.Created("/api/governance/most-similar-group/populations",
            new PopulationEstimateDto(estimate.MidYear, estimate.Source, estimate.Districts.Count, estimate.ImportedAt, estimate.ImportedBy));
    }

    /// <summary>What is wrong with a force's month as sent, naming the field and its limit; null when nothing is.</summary>
    public static ValidationProblem? Problem(ForceMonthCounts body)
    {
        if (!RecordMonth.IsValid(body.Month))
        {
            return Invalid("month", "month must be a month like 2024-01.");
        }

        if (body.Force is not { Length: > 0 and <= 40 } || !ForceName().IsMatch(body.Force))
        {
            return Invalid("force", $"force must be the force as data.police.uk names it in its files, 1 to 40 lower-case letters, digits and hyphens (hampshire, devon-and-cornwall); it has {body.Force?.Length ?? 0:N0} characters.");
        }

        if (body.File is null || body.File.Length is 0 or > 200)
        {
            return Invalid("file", $"file must be the file's name, 1 to 200 characters; it has {body.File?.Length ?? 0:N0}.");
        }

        if (body.Rows < 0 || body.WithoutLsoa < 0 || body.UnknownLsoa < 0 || body.Rejected < 0)
        {
            return Invalid("rows", "rows, withoutLsoa, unknownLsoa and rejected must be 0 or more.");
        }

        if (body.Counts is null || body.Counts.Count > MaxCounts)
        {
            return Invalid("counts", $"counts must be a list of at most {MaxCounts:N0} district and crime type counts.");
        }

        var seen = new HashSet<(string, string)>();
        foreach (var (count, i) in body.Counts.Select((c, i) => (c, i)))
        {
            if (count?.District is null || !ReferenceData.IsDistrict(count.District))
            {
                return Invalid($"counts[{i}].district", "district must be a district code of England or Wales in the ONS lookup.");
            }

            if (count.CrimeType is null || PoliceCrimeTypes.Find(count.CrimeType) is not { } type || type.CrimeType != count.CrimeType)
            {
                return Invalid($"counts[{i}].crimeType", $"crimeType must be one data.police.uk uses: {string.Join(", ", PoliceCrimeTypes.All.Select(t => t.CrimeType))}.");
            }

            if (count.Count < 0 || count.Count > body.Rows)
            {
                return Invalid($"counts[{i}].count", "count must be from 0 to the file's rows.");
            }

            if (!seen.Add((count.District, count.CrimeType)))
            {
                return Invalid($"counts[{i}]", "Each district and crime type is counted once.");
            }
        }

        return body.Counts.Sum(c => (long)c.Count) + body.WithoutLsoa + body.UnknownLsoa + body.Rejected > body.Rows
            ? Invalid("counts", "The counts and the rows not counted add up to more than the file's rows.")
            : null;
    }

    public static IReadOnlyList<ReportTable> Tables(FamilyComparison c) =>
    [
        new ReportTable($"{c.Measure.Name}, {c.Period}",
            ["Rank", "Member", "District", "Count", "Population", "Population estimate", "Rate per 1,000", "Lower 95% limit", "Upper 95% limit", "Against the family"],
            [
                .. c.Members.Select(m => (IReadOnlyList<object?>)[m.Rank, m.Name, m.District, m.Count, m.Population, $"mid-{m.PopulationMidYear}", Math.Round(m.Rate, 3),
                    Math.Round(c.Method == ComparisonMethod.Funnel ? m.Lower95 : c.Lower, 3), Math.Round(c.Method == ComparisonMethod.Funnel ? m.Upper95 : c.Upper, 3), ComparisonDto.Words(m.Position)]),
                .. c.Missing.Select(m => (IReadOnlyList<object?>)[null, m.Name, m.District, null, null, null, null, null, null, "Missing: " + m.Why]),
            ]),
        new ReportTable("Method", ["Method", "Measure", "Populations", "Attribution"], [[c.MethodDescription, c.Measure.Definition, c.PopulationNote, ReferenceData.Attribution]]),
    ];

    private static string FileName(FamilyComparison c) =>
        $"most-similar-group-{c.Measure.Key}-{c.Period.ToString().Replace('/', '-').Replace(' ', '-')}";

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex ForceName();
}
