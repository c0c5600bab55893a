using System.Globalization;

namespace SafeCity.Governance.Performance.MostSimilarGroup;

/// <summary>
/// Reads an MSG comparison file: a header "area,rate" then a line per member of the group (seed
/// paragraph 11 names the 15 cities); every member exactly once, rates as non-negative numbers.
/// </summary>
public static class MostSimilarGroupFile
{
    public static (IReadOnlyList<MostSimilarGroupRate> Rates, IReadOnlyList<MostSimilarGroupProblem> Problems) Read(string text, IReadOnlyList<string> members)
    {
        var problems = new List<MostSimilarGroupProblem>();
        var rates = new List<MostSimilarGroupRate>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF').Split('\n');
        if (lines.Length == 0 || !lines[0].Trim().Replace(" ", "", StringComparison.Ordinal).Equals("area,rate", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new MostSimilarGroupProblem(1, "The first line must be the header: area,rate"));
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
                problems.Add(new MostSimilarGroupProblem(i + 1, "Each line is an area and its rate, separated by one comma."));
                continue;
            }

            var area = members.FirstOrDefault(m => m.Equals(cells[0].Trim().Trim('"'), StringComparison.OrdinalIgnoreCase));
            if (area is null)
            {
                problems.Add(new MostSimilarGroupProblem(i + 1, $"The area is not a member of the Most Similar Group: {string.Join(", ", members)}."));
                continue;
            }

            if (!double.TryParse(cells[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || !double.IsFinite(rate) || rate < 0)
            {
                problems.Add(new MostSimilarGroupProblem(i + 1, $"The rate for {area} must be a number of 0 or more."));
                continue;
            }

            if (rates.Any(r => r.Area == area))
            {
                problems.Add(new MostSimilarGroupProblem(i + 1, $"{area} appears twice."));
                continue;
            }

            rates.Add(new MostSimilarGroupRate(area, rate));
        }

        var missing = members.Where(m => rates.All(r => r.Area != m)).ToList();
        if (problems.Count == 0 && missing.Count > 0)
        {
            problems.Add(new MostSimilarGroupProblem(lines.Length, $"Missing from the file: {string.Join(", ", missing)}."));
        }

        return (rates, problems);
    }

}
