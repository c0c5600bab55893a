using Microsoft.Extensions.Configuration;
using SafeCity.Kernel.Apis;
using SafeCity.ServiceDefaults;
using SafeCity.Testing;

namespace SafeCity.Kernel.Tests.Features;

/// <summary>A demonstration platform is judged as at the end of its year; any other, as at today.</summary>
public sealed class JudgingDayTests : IDisposable
{
    private static readonly MovableClock Clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private readonly TempDirectory _data = new();

    private JudgingDay With(params (string Key, string Value)[] settings) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)).Append(KeyValuePair.Create("SAFECITY_DATA_DIR", (string?)_data.Path))).Build());

    [Fact]
    public void A_platform_of_real_data_is_judged_as_at_today()
    {
        Assert.Equal(new DateOnly(2026, 12, 7), With().Default(Clock));
        Assert.Equal(new DateOnly(2026, 12, 7), JudgingDay.Of(null, Clock));
    }

    [Fact]
    public void A_demonstration_platform_is_judged_as_at_31_March_2009_whether_started_so_or_filled_while_running()
    {
        Assert.Equal(new DateOnly(2009, 3, 31), With((DemonstrationData.Setting, "true")).Default(Clock));

        var filledLater = With();
        Assert.Equal(new DateOnly(2026, 12, 7), filledLater.Default(Clock));
        File.WriteAllText(Path.Combine(_data.Path, DemonstrationData.Marker), "");
        Assert.Equal(new DateOnly(2009, 3, 31), filledLater.Default(Clock));
        Assert.Equal(new DateOnly(2009, 3, 31), JudgingDay.Of(filledLater, Clock));
    }

    public void Dispose() => _data.Dispose();
}
