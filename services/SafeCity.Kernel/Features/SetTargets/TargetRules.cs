using System.Globalization;
using SafeCity.Kernel.Apis;
using SafeCity.Kernel.Commands;
using SafeCity.Kernel.Domain;

namespace SafeCity.Kernel.Features.SetTargets;

/// <summary>The rules a target must meet, for one target set on a page or by API and for every row of a bulk import alike.</summary>
public static class TargetRules
{
    public const int MaxReasonLength = 300;
    public const int MaxAsWrittenLength = 200;
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    /// <summary>The field names the rules report, as the API body and the form name them.</summary>
    public static class Fields
    {
        public const string Year = "year";
        public const string Value = "value";
        public const string WithStretch = "withStretch";
        public const string ChangePercent = "changePercent";
        public const string BaseYear = "baseYear";
        public const string AsWritten = "asWritten";
        public const string Reason = "reason";
        public const string Indicator = "indicatorId";
    }

    /// <summary>The financial year a path's year names (2009 → 2009/10), if it is one the platform takes.</summary>
    public static ReportingPeriod? YearOf(int? year) =>
        year is >= FirstYear and <= LastYear ? ReportingPeriod.OfFinancialYear(year.Value) : null;

    /// <summary>Checks the command against the indicator and builds the target; the validation says what is wrong, field by field.</summary>
    public static YearTarget? Build(SetTargetCommand command, PerformanceIndicator indicator, string actor, DateTimeOffset at, Validation validation)
    {
        var year = YearOf(command.Year);
        validation.Require(year is not null, Fields.Year, $"The year is the financial year's first calendar year, from {FirstYear} to {LastYear}: 2009 is 2009/10.");
        validation.Require(indicator.HeldBy is null, Fields.Indicator,
            indicator.HeldBy is { } h ? $"{indicator.DisplayCode} is held by the {h.Theme} theme's plan {h.PlanNumber} ({h.IndicatorId}): set its targets there." : "");

        var asFigure = command.Value is not null;
        var asStretch = command.WithStretch is not null || command.WithoutStretch is not null;
        var asChange = command.ChangePercent is not null || command.BaseYear is not null;
        validation.Require(new[] { asFigure, asStretch, asChange }.Count(b => b) == 1, Fields.Value,
            "Give the target one way: a value; or withStretch and withoutStretch (an LAA stretch target); or changePercent on a baseYear.");

        foreach (var (field, figure) in new[] { (Fields.Value, command.Value), (Fields.WithStretch, command.WithStretch), ("withoutStretch", command.WithoutStretch) })
        {
            if (figure is { } f)
            {
                validation.Require(double.IsFinite(f) && f >= 0, field, $"{Name(field)} must be a number of 0 or more.");
                validation.Require(indicator.Unit != IndicatorUnit.Percentage || f <= 100, field, $"{Name(field)} is a percentage: 100 at most.");
            }
        }

        if (asStretch)
        {
            validation.Require(command.WithStretch is not null && command.WithoutStretch is not null, Fields.WithStretch,
                "An LAA stretch target has two figures: give both withStretch and withoutStretch.");
        }

        ReportingPeriod baseYear = default;
        if (asChange)
        {
            validation.Require(command.ChangePercent is { } c && double.IsFinite(c) && c is >= -100 and <= 1000, Fields.ChangePercent,
                "The change is a percentage from -100 to 1000: -5 is a 5% reduction.");
            var baseOk = ReportingPeriod.TryParse(command.BaseYear, out baseYear) && baseYear.Kind == PeriodKind.FinancialYear;
            validation.Require(baseOk, Fields.BaseYear, "Name the base year as a financial year, like 2007/08.");
            validation.Require(!baseOk || year is null || baseYear.Start < year.Value.Start, Fields.BaseYear, "The base year comes before the year of the target.");
        }

        validation.Require(command.Reason.NullIfBlank() is { Length: <= MaxReasonLength }, Fields.Reason,
            $"Say why the target is set (for example \"LAA refresh, June 2008\"), in up to {MaxReasonLength} characters; it has {SentValue.LengthOf(command.Reason?.Trim())}.");
        validation.Require((command.AsWritten?.Length ?? 0) <= MaxAsWrittenLength, Fields.AsWritten,
            $"The target as written is up to {MaxAsWrittenLength} characters; it has {SentValue.LengthOf(command.AsWritten)}.");
        if (!validation.IsValid || year is not { } y)
        {
            return null;
        }

        return new YearTarget(y.ToString(), command.AsWritten.NullIfBlank() ?? Words(command, indicator.Unit, baseYear), command.Value, null, command.WithStretch, command.WithoutStretch)
        {
            ChangePercent = command.ChangePercent,
            BaseYear = asChange ? baseYear.ToString() : null,
            Source = new TargetSource { Kind = TargetSource.Set, By = actor, At = at, Reason = command.Reason!.Trim() },
        };
    }

    /// <summary>The indicator with the year's target replaced (or removed when <paramref name="target"/> is null), the change kept in its history.</summary>
    public static PerformanceIndicator WithTarget(PerformanceIndicator indicator, string year, YearTarget? target, string actor, DateTimeOffset at, string reason)
    {
        var before = indicator.Targets.FirstOrDefault(t => t.Year == year);
        var targets = indicator.Targets.Where(t => t.Year != year).Concat(target is null ? [] : [target])
            .OrderBy(t => ReportingPeriod.TryParse(t.Year, out var p) ? p.Start : DateOnly.MaxValue).ToList();
        return indicator with
        {
            Targets = targets,
            TargetHistory = [new TargetChange(year, before, target, actor, at, reason), .. indicator.TargetHistory],
        };
    }

    private static string Name(string field) => field switch
    {
        Fields.Value => "The target",
        Fields.WithStretch => "The target with stretch",
        _ => "The target without stretch",
    };

    private static string Words(SetTargetCommand command, IndicatorUnit unit, ReportingPeriod baseYear) =>
        command switch
        {
            { WithStretch: { } with, WithoutStretch: { } without } => $"{Figure(without, unit)} without stretch and {Figure(with, unit)} with stretch",
            { ChangePercent: { } change } => $"{YearTarget.Describe(change)} on the {baseYear} figure",
            _ => Figure(command.Value!.Value, unit),
        };

    private static string Figure(double value, IndicatorUnit unit) =>
        value.ToString(unit == IndicatorUnit.Percentage ? "#,##0.##'%'" : "#,##0.##", CultureInfo.InvariantCulture);
}
