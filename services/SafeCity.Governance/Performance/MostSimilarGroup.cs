using System.Globalization;

namespace SafeCity.Governance.Performance;

public enum GroupPosition
{
    Below,
    InLine,
    Above,
}

/// <summary>One imported comparison: every group member's rate per 1,000 for a measure and period.</summary>
public sealed record MsgComparison(string Id, string Measure, string Period, IReadOnlyList<MsgRate> Rates, DateTimeOffset ImportedAt, string ImportedBy)
{
    public const string Home = "Southampton";

    /// <summary>
    /// The group average is the plain mean of the members' rates, Southampton included; the control
    /// limits are that mean plus and minus two standard deviations of the members' rates. Southampton
    /// is above or below the group when its rate lies outside the limits, in line within them. Rank 1
    /// is the lowest rate.
    /// </summary>
    public const string Method =
        "Group average: the mean of the 15 members' rates per 1,000, Southampton included, unweighted. Control limits: the average ± 2 standard deviations of those rates. " +
        "Above or below the group: outside the limits; in line: within them. Rank 1 is the lowest rate.";

    public double Mean => Rates.Average(r => r.Rate);

    public double StandardDeviation => Forecasting.StandardDeviation(Rates.Select(r => r.Rate).ToList());

    public double Lower => Mean - (2 * StandardDeviation);

    public double Upper => Mean + (2 * StandardDeviation);

    public double HomeRate => Rates.First(r => r.Area == Home).Rate;

    public int HomeRank => 1 + Rates.Count(r => r.Rate < HomeRate);

    public GroupPosition Position => HomeRate > Upper ? GroupPosition.Above : HomeRate < Lower ? GroupPosition.Below : GroupPosition.InLine;
}

public sealed record MsgRate(string Area, double Rate);

/// <summary>A line of an MSG file that could not be read, and why.</summary>
public sealed record MsgProblem(int Line, string Message);

/// <summary>
/// Reads an MSG comparison file: a header "area,rate" then a line per member of the group (seed
/// paragraph 11 names the 15 cities); every member exactly once, rates as non-negative numbers.
/// </summary>
public static class MsgFile
{
    public static (IReadOnlyList<MsgRate> Rates, IReadOnlyList<MsgProblem> Problems) Read(string text, IReadOnlyList<string> members)
    {
        var problems = new List<MsgProblem>();
        var rates = new List<MsgRate>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF').Split('\n');
        if (lines.Length == 0 || !lines[0].Trim().Replace(" ", "", StringComparison.Ordinal).Equals("area,rate", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new MsgProblem(1, "The first line must be the header: area,rate"));
            return (rates, problems);
        }

        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            if (cells.Length != 2)
            {
                problems.Add(new MsgProblem(i + 1, "Each line is an area and its rate, separated by one comma."));
                continue;
            }

            var area = members.FirstOrDefault(m => m.Equals(cells[0].Trim().Trim('"'), StringComparison.OrdinalIgnoreCase));
            if (area is null)
            {
                problems.Add(new MsgProblem(i + 1, $"The area is not a member of the Most Similar Group: {string.Join(", ", members)}."));
                continue;
            }

            if (!double.TryParse(cells[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || !double.IsFinite(rate) || rate < 0)
            {
                problems.Add(new MsgProblem(i + 1, $"The rate for {area} must be a number of 0 or more."));
                continue;
            }

            if (rates.Any(r => r.Area == area))
            {
                problems.Add(new MsgProblem(i + 1, $"{area} appears twice."));
                continue;
            }

            rates.Add(new MsgRate(area, rate));
        }

        var missing = members.Where(m => rates.All(r => r.Area != m)).ToList();
        if (problems.Count == 0 && missing.Count > 0)
        {
            problems.Add(new MsgProblem(lines.Length, $"Missing from the file: {string.Join(", ", missing)}."));
        }

        return (rates, problems);
    }

}
