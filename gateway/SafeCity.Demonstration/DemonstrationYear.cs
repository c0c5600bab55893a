using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using SafeCity.Contracts.Records;

namespace SafeCity.Demonstration;

/// <summary>
/// Fills a new platform with a generated 2008/09 so that a newcomer sees a working partnership:
/// records with places and times in every theme, monthly figures for the indicators people enter,
/// actions under way (some owned by the first administrator, "admin"), and four PMG meetings with
/// remedial actions. Everything goes in through the platform's own gRPC and JSON APIs, as a partner
/// or an officer would send it, so every rule and event applies. The figures are random around each
/// indicator's own target and mean nothing; the platform labels every page "demonstration data".
/// </summary>
public sealed class DemonstrationYear(HttpClient api, GrpcChannel grpc, TextWriter output)
{
    public const string Owner = "admin";
    public const string Source = "demonstration";

    /// <summary>Police-recorded rows a month across the city: about Southampton's rate in 2008.</summary>
    public const int PoliceRowsPerMonth = 1500;

    /// <summary>Records from partners (fire, health, council) a month, for each theme that keeps partner categories.</summary>
    public const int PartnerRowsPerMonth = 60;

    private static readonly string[] Months = Enumerable.Range(0, 12).Select(i => new DateOnly(2008, 4, 1).AddMonths(i).ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToArray();

    // Places in Southampton the records gather around: a centre, a spread in degrees, and a street there.
    private static readonly (double Lat, double Lon, double Spread, string Street, string Lsoa, int Weight)[] Places =
    [
        (50.9045, -1.4040, 0.0025, "Above Bar Street", "Southampton 030", 9),
        (50.9085, -1.4010, 0.0020, "London Road", "Southampton 031", 6),
        (50.9075, -1.4075, 0.0015, "Bedford Place", "Southampton 029", 6),
        (50.8990, -1.4000, 0.0020, "Oxford Street", "Southampton 032", 4),
        (50.9070, -1.3930, 0.0030, "St Mary Street", "Southampton 033", 4),
        (50.9245, -1.3930, 0.0035, "Portswood Road", "Southampton 014", 4),
        (50.9220, -1.4290, 0.0035, "Shirley High Street", "Southampton 019", 4),
        (50.9170, -1.3650, 0.0040, "Bitterne Road West", "Southampton 022", 3),
        (50.8950, -1.3750, 0.0040, "Portsmouth Road", "Southampton 035", 2),
        (50.9170, -1.4550, 0.0045, "Millbrook Road West", "Southampton 024", 3),
        (50.9410, -1.4500, 0.0045, "Lordshill Way", "Southampton 002", 2),
        (50.9180, -1.3420, 0.0040, "Thornhill Park Road", "Southampton 018", 2),
        (50.9340, -1.4010, 0.0040, "Burgess Road", "Southampton 008", 2),
        (50.9130, -1.3880, 0.0030, "Northam Road", "Southampton 027", 2),
    ];

    private static readonly string[] PoliceTypes =
    [
        "Anti-social behaviour", "Anti-social behaviour", "Anti-social behaviour", "Violence and sexual offences", "Violence and sexual offences",
        "Criminal damage and arson", "Criminal damage and arson", "Burglary", "Vehicle crime", "Vehicle crime", "Shoplifting", "Other theft", "Other theft",
        "Public order", "Drugs", "Robbery", "Bicycle theft", "Theft from the person", "Possession of weapons", "Other crime",
    ];

    private readonly Random random = new(2008);

    /// <summary>
    /// Fills the platform behind a gateway as its operator: <paramref name="operatorKeys"/> signs a
    /// bearer token of minutes for every call, over HTTP to <paramref name="http"/> and gRPC to <paramref name="grpc"/>.
    /// </summary>
    public static async Task FillAsync(Uri http, Uri grpc, string operatorKeys, TextWriter output, CancellationToken ct)
    {
        using var api = new HttpClient(new OperatorCalls(operatorKeys)) { BaseAddress = http, Timeout = TimeSpan.FromMinutes(2) };
        using var grpcHttp = new HttpClient(new OperatorCalls(operatorKeys));
        using var channel = GrpcChannel.ForAddress(grpc, new GrpcChannelOptions { HttpClient = grpcHttp, MaxReceiveMessageSize = 64 * 1024 * 1024 });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await new DemonstrationYear(api, channel, output).FillAsync(ct);
        output.WriteLine($"Demonstration data for 2008/09 in {clock.Elapsed.TotalSeconds:0} s. Every page says so. Sign in as \"{Owner}\" and open My work to see the work it owns.");
    }

    /// <summary>A bearer token as the platform's operator on every call, made afresh before it ends.</summary>
    private sealed class OperatorCalls(string operatorKeys) : DelegatingHandler(new SocketsHttpHandler())
    {
        private string? _token;
        private DateTimeOffset _renewAt = DateTimeOffset.MinValue;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_token is null || DateTimeOffset.UtcNow >= _renewAt)
            {
                _token = SafeCity.Contracts.Identity.PlatformTokens.OperatorToken(operatorKeys, DateTimeOffset.UtcNow);
                _renewAt = DateTimeOffset.UtcNow.Add(SafeCity.Contracts.Identity.PlatformTokens.OperatorLifetime / 2);
            }

            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _token);
            return base.SendAsync(request, cancellationToken);
        }
    }

    public async Task FillAsync(CancellationToken ct)
    {
        var themes = await api.GetFromJsonAsync<JsonElement>("/api/governance/performance", ct);
        var slugs = themes.GetProperty("priorities").EnumerateArray().Select(p => p.GetProperty("theme").GetString()).OfType<string>().ToList();

        output.WriteLine("Demonstration data: records with places and times…");
        var records = await RecordsAsync(slugs, ct);
        output.WriteLine($"  {records:N0} records kept.");

        output.WriteLine("Demonstration data: demonstration targets where the plan prints none, indicators' monthly figures and actions…");
        var (figures, actions, targets) = (0, 0, 0);
        foreach (var theme in slugs)
        {
            var plans = await api.GetFromJsonAsync<JsonElement>($"/api/{theme}/plans", ct);
            foreach (var indicator in plans.EnumerateArray().SelectMany(p => p.GetProperty("indicators").EnumerateArray()).Where(Unset))
            {
                // An indicator counted from the records above already has its figures: its target sits around what they add up to.
                var counted = indicator.TryGetProperty("latest", out var latest) && latest.ValueKind == JsonValueKind.Object;
                if ((counted ? await CountedLevelAsync(theme, indicator, ct) : Level(indicator)) is { } level)
                {
                    targets += await DemonstrationTargetAsync(theme, indicator, level, ct) ? 1 : 0;
                }
            }

            // Read again: the figures are generated around each indicator's target, the demonstration's among them.
            plans = await api.GetFromJsonAsync<JsonElement>($"/api/{theme}/plans", ct);
            foreach (var plan in plans.EnumerateArray())
            {
                foreach (var indicator in plan.GetProperty("indicators").EnumerateArray())
                {
                    figures += await FiguresAsync(theme, indicator, ct);
                }

                foreach (var action in plan.GetProperty("actions").EnumerateArray())
                {
                    actions += await ActionAsync(theme, action, ct) ? 1 : 0;
                }
            }
        }

        output.WriteLine($"  {targets:N0} demonstration targets set; {figures:N0} figures recorded; {actions:N0} actions brought up to date.");

        // Governance hears of every figure and action through the bus: wait until it holds them before the PMG meets.
        await SettleAsync(figures, ct);

        // Before the PMG meets: its lists hold Southampton's ranking in its family.
        await new DemonstrationFamily(api, output).FillAsync(ct);

        output.WriteLine("Demonstration data: PMG meetings and remedial actions…");
        var remedials = 0;
        // The last meets before the year ends: the demonstration is judged as at 31 March 2009.
        string[] meetings = ["2008-07-03", "2008-10-02", "2009-01-08", "2009-03-26"];
        for (var m = 0; m < meetings.Length; m++)
        {
            var drawn = await api.PostAsJsonAsync("/api/governance/pmg/meetings", new { meetingDate = meetings[m] }, ct);
            if (!drawn.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"The PMG meeting of {meetings[m]} was not drawn up: {(int)drawn.StatusCode} {await drawn.Content.ReadAsStringAsync(ct)}");
            }

            var meeting = await drawn.Content.ReadFromJsonAsync<JsonElement>(ct);
            var items = meeting.GetProperty("exceptions").EnumerateArray()
                .Where(e => e.GetProperty("kind").GetString() != "MissingTarget" && e.GetProperty("stillFailing").GetBoolean()).Take(3).ToList();
            foreach (var item in items)
            {
                var due = DateOnly.ParseExact(meetings[m], "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(28);
                var added = await api.PostAsJsonAsync("/api/governance/pmg/remedial-actions", new
                {
                    meetingId = meeting.GetProperty("id").GetString(),
                    itemKey = item.GetProperty("key").GetString(),
                    description = $"Review {item.GetProperty("name").GetString()} with the lead partnership and report back to the next PMG.",
                    owner = Owner,
                    due = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                }, ct);
                if (!added.IsSuccessStatusCode)
                {
                    continue;
                }

                remedials++;
                var remedial = await added.Content.ReadFromJsonAsync<JsonElement>(ct);
                // The earlier meetings' remedial actions are done; the last meeting's are still open.
                if (m < meetings.Length - 1)
                {
                    await api.PutAsJsonAsync($"/api/governance/pmg/remedial-actions/{remedial.GetProperty("id").GetString()}",
                        new { status = "Done", note = "Reviewed with the lead partnership; the recovery plan is in the action's commentary." }, ct);
                }
            }
        }

        output.WriteLine($"  {meetings.Length} meetings drawn up; {remedials} remedial actions recorded, owned by \"{Owner}\".");
    }

    private async Task<int> RecordsAsync(IReadOnlyList<string> themes, CancellationToken ct)
    {
        var client = new PartnerRecords.PartnerRecordsClient(grpc);
        var byTheme = themes.ToDictionary(t => t, _ => new List<RecordSubmission>());
        // Each theme says which categories it keeps, police crime types among them: a police row goes to every theme that keeps its type.
        var kept = new Dictionary<string, List<JsonElement>>();
        foreach (var theme in themes)
        {
            kept[theme] = (await api.GetFromJsonAsync<JsonElement>($"/api/{theme}/records/categories", ct)).EnumerateArray().ToList();
        }

        static bool Police(JsonElement category) => category.GetProperty("policeRecorded").GetBoolean();
        var line = 0L;
        foreach (var month in Months)
        {
            for (var i = 0; i < PoliceRowsPerMonth; i++)
            {
                var type = PoliceTypes[random.Next(PoliceTypes.Length)];
                var submission = Located(++line, type, month, $"police-{month}-{i}");
                submission.Outcome = "Under investigation";
                foreach (var theme in themes.Where(t => kept[t].Any(c => Police(c) && c.GetProperty("name").GetString() == type)))
                {
                    byTheme[theme].Add(submission);
                }
            }
        }

        foreach (var theme in themes)
        {
            var partner = kept[theme].Where(c => !Police(c)).ToList();
            foreach (var month in partner.Count == 0 ? [] : Months)
            {
                for (var i = 0; i < PartnerRowsPerMonth; i++)
                {
                    var category = partner[random.Next(partner.Count)];
                    var submission = Located(++line, category.GetProperty("name").GetString()!, "", $"{theme}-{month}-{i}");
                    submission.OccurredAt = Timestamp.FromDateTimeOffset(When(month));
                    foreach (var detail in category.GetProperty("details").EnumerateArray())
                    {
                        submission.Attributes[detail.GetProperty("name").GetString()!] = detail.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array
                            ? choices[random.Next(choices.GetArrayLength())].GetString()!
                            : random.Next(2, 9).ToString(CultureInfo.InvariantCulture);
                    }

                    byTheme[theme].Add(submission);
                }
            }
        }

        var taken = 0;
        foreach (var (theme, submissions) in byTheme.Where(t => t.Value.Count > 0))
        {
            foreach (var chunk in submissions.Chunk(5000))
            {
                using var call = client.SubmitRecordGroups(new Metadata { { "safecity-theme", theme } }, cancellationToken: ct);
                foreach (var group in chunk.Chunk(500))
                {
                    var records = new RecordGroup();
                    records.Records.AddRange(group);
                    await call.RequestStream.WriteAsync(records, ct);
                }

                await call.RequestStream.CompleteAsync();
                var reply = await call.ResponseAsync;
                taken += reply.Results.Count(r => r.Outcome is RecordOutcome.Accepted or RecordOutcome.Duplicate);
                if (reply.Results.FirstOrDefault(r => r.Outcome == RecordOutcome.Rejected) is { } refused)
                {
                    output.WriteLine($"  {theme} refused some records, e.g. line {refused.Line}: {refused.Reason}");
                }
            }
        }

        return taken;
    }

    private RecordSubmission Located(long line, string category, string month, string reference)
    {
        var (place, index) = Pick();
        var letter = random.Next(4);
        return new RecordSubmission
        {
            Line = line,
            Source = Source,
            Reference = reference,
            Category = category,
            Month = month,
            Location = "On or near " + place.Street,
            // Made-up neighbourhoods in the shape of the census's: E01 codes and "Southampton 030A" names.
            LsoaCode = "E01" + (17139 + index * 4 + letter).ToString("000000", CultureInfo.InvariantCulture),
            LsoaName = $"{place.Lsoa}{(char)('A' + letter)}",
            Latitude = place.Lat + Normal() * place.Spread,
            Longitude = place.Lon + Normal() * place.Spread * 1.6,
        };
    }

    private ((double Lat, double Lon, double Spread, string Street, string Lsoa, int Weight) Place, int Index) Pick()
    {
        var ticket = random.Next(Places.Sum(p => p.Weight));
        for (var i = 0; i < Places.Length; i++)
        {
            if ((ticket -= Places[i].Weight) < 0)
            {
                return (Places[i], i);
            }
        }

        return (Places[0], 0);
    }

    /// <summary>A time in the month, most often on Friday and Saturday nights: the night-time economy the alcohol plan is about.</summary>
    private DateTimeOffset When(string month)
    {
        var start = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var days = start.AddMonths(1).DayNumber - start.DayNumber;
        while (true)
        {
            var day = start.AddDays(random.Next(days));
            var hour = random.Next(24);
            var weekend = day.DayOfWeek is DayOfWeek.Friday or DayOfWeek.Saturday ? 2.5 : 1;
            var night = hour is >= 21 or <= 2 ? 3 : hour is >= 9 and <= 18 ? 1.2 : 0.5;
            if (random.NextDouble() * 7.5 < weekend * night)
            {
                var local = day.ToDateTime(new TimeOnly(hour, random.Next(60)));
                return new DateTimeOffset(local, TimeZoneInfo.FindSystemTimeZoneById("Europe/London").GetUtcOffset(local));
            }
        }
    }

    private double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Whether the indicator is its own (not held by another plan) and has no 2008/09 target, printed or set.</summary>
    private static bool Unset(JsonElement indicator) =>
        !(indicator.TryGetProperty("heldBy", out var held) && held.ValueKind == JsonValueKind.Object)
        && !indicator.GetProperty("targets").EnumerateArray().Any(t => t.GetProperty("year").GetString() == "2008/09");

    /// <summary>Where a demonstration target sits: the baseline where the plan prints one; else a plausible level for the unit.</summary>
    private static double? Level(JsonElement indicator)
    {
        if (indicator.GetProperty("baseline").TryGetProperty("value", out var b) && b.ValueKind == JsonValueKind.Number && b.GetDouble() > 0)
        {
            return b.GetDouble();
        }

        var higherIsBetter = indicator.GetProperty("polarity").GetString() == "HigherIsBetter";
        return indicator.GetProperty("unit").GetString() switch
        {
            "Percentage" => higherIsBetter ? 70 : 20,
            "Count" => 120,
            "RatePer1000" => 10,
            "RatePer100000" => 500,
            "RatePer100" => 40,
            _ => null,
        };
    }

    /// <summary>
    /// A 2008/09 target near <paramref name="level"/>, a little better than it, set as the partnership
    /// would set one and labelled "demonstration target" on the indicator's page.
    /// </summary>
    private async Task<bool> DemonstrationTargetAsync(string theme, JsonElement indicator, double level, CancellationToken ct)
    {
        var higherIsBetter = indicator.GetProperty("polarity").GetString() == "HigherIsBetter";
        var value = AsWritten(level * (higherIsBetter ? 1.03 : 0.97), indicator);
        var response = await api.PutAsJsonAsync($"{IndicatorPath(theme, indicator)}/targets/2008", new
        {
            value,
            asWritten = string.Create(CultureInfo.InvariantCulture, $"{value:#,0.#} (demonstration target)"),
            reason = DemonstrationTargetReason,
        }, ct);
        return response.IsSuccessStatusCode;
    }

    /// <summary>What an indicator counted from records adds up to over 2008/09, moved a little at random.</summary>
    private async Task<double?> CountedLevelAsync(string theme, JsonElement indicator, CancellationToken ct)
    {
        var values = (await api.GetFromJsonAsync<JsonElement>($"{IndicatorPath(theme, indicator)}/measurements", ct))
            .EnumerateArray().Where(m => Months.Contains(m.GetProperty("period").GetString()))
            .Select(m => m.GetProperty("value").GetDouble()).ToList();
        if (values.Count == 0)
        {
            return null;
        }

        // A year's count or rate per head is its months' sum; a percentage is their mean.
        var level = indicator.GetProperty("unit").GetString() == "Percentage" ? values.Average() : values.Sum();
        return level > 0 ? level * (1 + (0.06 * Normal())) : null;
    }

    private static string IndicatorPath(string theme, JsonElement indicator) =>
        $"/api/{theme}/indicators/{Uri.EscapeDataString(indicator.GetProperty("id").GetString()!)}";

    /// <summary>A figure as the indicator's unit is written: a count whole, anything else to one place, a percentage 100 at most.</summary>
    private static double AsWritten(double value, JsonElement indicator) => indicator.GetProperty("unit").GetString() switch
    {
        "Count" => Math.Round(value),
        "Percentage" => Math.Min(100, Math.Round(value, 1)),
        _ => Math.Round(value, 1),
    };

    private const string DemonstrationTargetReason = "Demonstration target: the plan prints none for 2008/09, so one was made up for the demonstration to rate the indicator.";

    /// <summary>Twelve monthly figures (or four quarters, or the year) around the indicator's 2008/09 target: some on track, some just off, some well off.</summary>
    private async Task<int> FiguresAsync(string theme, JsonElement indicator, CancellationToken ct)
    {
        if (indicator.TryGetProperty("heldBy", out var held) && held.ValueKind == JsonValueKind.Object)
        {
            return 0;
        }

        var annual = indicator.GetProperty("targets").EnumerateArray()
            .Where(t => t.GetProperty("year").GetString() == "2008/09" && t.TryGetProperty("annualFigure", out var f) && f.ValueKind == JsonValueKind.Number)
            .Select(t => (double?)t.GetProperty("annualFigure").GetDouble()).FirstOrDefault();
        var baseline = indicator.GetProperty("baseline").TryGetProperty("value", out var b) && b.ValueKind == JsonValueKind.Number ? b.GetDouble() : (double?)null;
        if ((annual ?? baseline) is not { } level || level <= 0)
        {
            return 0;
        }

        var count = indicator.GetProperty("unit").GetString() == "Count";
        var lowerIsBetter = indicator.GetProperty("polarity").GetString() == "LowerIsBetter";
        var frequency = indicator.GetProperty("frequency").GetString();
        // As a real year reads: most on track, one in ten just off, one in twenty well off.
        var roll = random.NextDouble();
        var off = roll < 0.85 ? -0.06 : roll < 0.95 ? 0.03 : 0.15;
        var factor = lowerIsBetter ? 1 + off : 1 - off;
        string[] periods = frequency switch
        {
            "Annual" => ["2008/09"],
            "Quarterly" => ["2008/09 Q1", "2008/09 Q2", "2008/09 Q3", "2008/09 Q4"],
            _ => Months,
        };
        var recorded = 0;
        foreach (var period in periods)
        {
            var share = count ? level / periods.Length : level;
            var value = AsWritten(Math.Max(0, share * factor * (1 + 0.05 * Normal())), indicator);
            var response = await api.PostAsJsonAsync($"{IndicatorPath(theme, indicator)}/measurements",
                new { period, value, note = "Demonstration figure" }, ct);
            if (!response.IsSuccessStatusCode)
            {
                // Indicators computed from records refuse figures typed in: theirs come from the records above.
                return recorded;
            }

            recorded++;
        }

        return recorded;
    }

    /// <summary>Most actions completed, some in progress (one in ten of those amber), three in a hundred delayed; a third owned by "admin".</summary>
    private async Task<bool> ActionAsync(string theme, JsonElement action, CancellationToken ct)
    {
        var roll = random.NextDouble();
        var (status, rag, commentary) = roll < 0.70 ? ("Completed", "Green", "Done as the plan set out.")
            : roll < 0.97 ? ("InProgress", random.NextDouble() < 0.9 ? "Green" : "Amber", "Under way; the lead partnership reports progress at each PMG.")
            : ("Delayed", "Red", "Delayed: the partners involved are agreeing a new date.");
        var response = await api.PutAsJsonAsync($"/api/{theme}/actions/{Uri.EscapeDataString(action.GetProperty("id").GetString()!)}", new
        {
            status,
            rag,
            commentary,
            expectedRevision = action.GetProperty("revision").GetInt64(),
            owner = random.NextDouble() < 0.33 ? Owner : null,
        }, ct);
        return response.IsSuccessStatusCode;
    }

    private async Task SettleAsync(int figures, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        var held = 0;
        while (DateTimeOffset.UtcNow < deadline)
        {
            held = (await api.GetFromJsonAsync<JsonElement>("/api/governance/measurements", ct)).GetArrayLength();
            if (held >= figures)
            {
                return;
            }

            await Task.Delay(500, ct);
        }

        output.WriteLine($"  Governance holds {held:N0} of {figures:N0} figures after a minute; the PMG meetings are drawn up from what it holds.");
    }
}
