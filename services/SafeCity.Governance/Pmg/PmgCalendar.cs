namespace SafeCity.Governance.Pmg;

public sealed record PmgCalendar(DateOnly FirstMeeting, int IntervalWeeks)
{
    public static PmgCalendar From(PmgCalendarOptions options) =>
        options.IntervalWeeks < 1 ? throw new InvalidOperationException("Pmg:IntervalWeeks must be at least 1.") : new(options.FirstMeeting, options.IntervalWeeks);

    /// <summary>The meeting on or after the day.</summary>
    public DateOnly NextOnOrAfter(DateOnly day)
    {
        if (day <= FirstMeeting)
        {
            return FirstMeeting;
        }

        var days = day.DayNumber - FirstMeeting.DayNumber;
        var step = IntervalWeeks * 7;
        return FirstMeeting.AddDays((days + step - 1) / step * step);
    }

    public IEnumerable<DateOnly> Between(DateOnly from, DateOnly to)
    {
        for (var d = NextOnOrAfter(from); d <= to; d = d.AddDays(IntervalWeeks * 7))
        {
            yield return d;
        }
    }

    public bool IsMeetingDay(DateOnly day) => NextOnOrAfter(day) == day;
}
