using Microsoft.AspNetCore.Http.HttpResults;
using SafeCity.Governance.DeliveryBoard.Report;

namespace SafeCity.Governance.DeliveryBoard.ExpectedOutcomes;

/// <summary>Paragraph 66's outcomes as JSON: GET /api/governance/expected-outcomes?asAt=yyyy-MM-dd.</summary>
public static class ExpectedOutcomesApi
{
    public static RouteGroupBuilder MapExpectedOutcomesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/expected-outcomes", Outcomes)
            .WithSummary("Paragraph 66's outcomes to March 2011 (the plan's three-year test), each with the indicators that show it and whether it is on course, as at a date (today by default).");
        return api;
    }

    public static async Task<Results<Ok<OutcomeDto[]>, ValidationProblem>> Outcomes(DeliveryBoardService board, string? asAt, CancellationToken ct)
    {
        if (!Kernel.Apis.AsAt.TryRead(asAt, out var day, out var problem))
        {
            return problem;
        }

        return TypedResults.Ok((await board.OutcomesAsync(day ?? board.Today, ct)).Select(OutcomeDto.From).ToArray());
    }
}

public sealed record OutcomeDto(int Number, int Line, string Text, string Test, string Progress, string? Note, OutcomeIndicatorDto[] Indicators, OutcomePoliceCountDto[] PoliceCounts)
{
    public static OutcomeDto From(OutcomeStatus s) => new(s.Outcome.Number, s.Outcome.Line, s.Outcome.Text, s.Outcome.Test.ToString(), s.Progress.ToString(), s.Outcome.Note,
        s.Indicators.Select(i => new OutcomeIndicatorDto(i.Indicator.Theme, i.Indicator.IndicatorId, i.Performance?.Code, i.Performance?.Name,
            i.Performance?.Assessment.Direction.ToString(), i.Performance?.Rag.ToString(), i.Meets)).ToArray(),
        s.PoliceCounts.Select(c => new OutcomePoliceCountDto(c.MeasureKey, c.Trend?.Measure.Name, c.Trend?.Months, c.Trend?.Count, c.Trend?.SameMonthsLastYear,
            c.Trend?.Direction.ToString(), c.Meets, c.Trend?.Why)).ToArray());
}

/// <summary>Southampton's police count of a measure, year to date against the same months of the year before.</summary>
public sealed record OutcomePoliceCountDto(string Measure, string? Name, string? Months, long? Count, long? SameMonthsLastYear, string? Direction, bool? Meets, string? Why);

public sealed record OutcomeIndicatorDto(string Theme, string IndicatorId, string? Code, string? Name, string? Direction, string? Rag, bool? Meets);
