namespace SafeCity.Governance.Sharing;

/// <summary>
/// Working days in England and Wales: Monday to Friday, less the bank holidays. The regular holidays
/// follow their rules (New Year's Day, Good Friday, Easter Monday, the early May, spring and summer
/// bank holidays, Christmas and Boxing Day, with substitute days when they fall at a weekend); the
/// one-off and moved holidays since 1995 are listed, as GOV.UK publishes them.
/// </summary>
public static class WorkingDays
{
    private static readonly Dictionary<DateOnly, string> OneOff = new()
    {
        [new(1999, 12, 31)] = "Millennium Eve",
        [new(2002, 6, 3)] = "Golden Jubilee",
        [new(2011, 4, 29)] = "Royal Wedding",
        [new(2012, 6, 5)] = "Diamond Jubilee",
        [new(2022, 6, 3)] = "Platinum Jubilee",
        [new(2022, 9, 19)] = "State Funeral of Queen Elizabeth II",
        [new(2023, 5, 8)] = "Coronation of King Charles III",
    };

    // Years when a regular holiday moved: the early May holiday for VE Day anniversaries, the spring one for jubilees.
    private static readonly Dictionary<int, DateOnly> EarlyMayMoved = new() { [1995] = new(1995, 5, 8), [2020] = new(2020, 5, 8) };
    private static readonly Dictionary<int, DateOnly> SpringMoved = new() { [2002] = new(2002, 6, 4), [2012] = new(2012, 6, 4), [2022] = new(2022, 6, 2) };

    public static IReadOnlyDictionary<DateOnly, string> BankHolidays(int year)
    {
        var days = new Dictionary<DateOnly, string>();
        var newYear = new DateOnly(year, 1, 1);
        days[Weekday(newYear)] = "New Year's Day";
        var easter = EasterSunday(year);
        days[easter.AddDays(-2)] = "Good Friday";
        days[easter.AddDays(1)] = "Easter Monday";
        days[EarlyMayMoved.GetValueOrDefault(year, FirstMonday(year, 5))] = "Early May bank holiday";
        days[SpringMoved.GetValueOrDefault(year, LastMonday(year, 5))] = "Spring bank holiday";
        days[LastMonday(year, 8)] = "Summer bank holiday";
        var christmas = new DateOnly(year, 12, 25);
        var (christmasDay, boxingDay) = christmas.DayOfWeek switch
        {
            DayOfWeek.Friday => (christmas, new DateOnly(year, 12, 28)),
            DayOfWeek.Saturday => (new DateOnly(year, 12, 27), new DateOnly(year, 12, 28)),
            DayOfWeek.Sunday => (new DateOnly(year, 12, 27), new DateOnly(year, 12, 26)),
            _ => (christmas, new DateOnly(year, 12, 26)),
        };
        days[christmasDay] = "Christmas Day";
        days[boxingDay] = "Boxing Day";
        foreach (var (day, name) in OneOff.Where(o => o.Key.Year == year))
        {
            days[day] = name;
        }

        return days;
    }

    public static bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !BankHolidays(day.Year).ContainsKey(day);

    /// <summary>The day that is <paramref name="count"/> working days after <paramref name="from"/> (which itself does not count).</summary>
    public static DateOnly Add(DateOnly from, int count)
    {
        var day = from;
        for (var left = count; left > 0;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                left--;
            }
        }

        return day;
    }

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static DateOnly Weekday(DateOnly day) => day.DayOfWeek switch
    {
        DayOfWeek.Saturday => day.AddDays(2),
        DayOfWeek.Sunday => day.AddDays(1),
        _ => day,
    };

    private static DateOnly FirstMonday(int year, int month)
    {
        var day = new DateOnly(year, month, 1);
        return day.AddDays(((int)DayOfWeek.Monday - (int)day.DayOfWeek + 7) % 7);
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var day = new DateOnly(year, month, 1).AddMonths(1).AddDays(-1);
        return day.AddDays(-(((int)day.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7));
    }
}
