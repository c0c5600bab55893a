using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using SafeCity.Contracts.Records;
using SafeCity.Contracts.Themes;

namespace SafeCity.Integration.Tests.BadInput;

/// <summary>What an intake answered a bad input: an HTTP status or gRPC status/outcome, and the words it gave.</summary>
public sealed record Answer(string Code, string Message);

/// <summary>One bad input: which intake it is sent to, what it is, the answer expected and a phrase the answer must say.</summary>
public sealed record BadInput(string Intake, string Name, string ExpectedCode, string Says, Func<BadInputTarget, Task<Answer>> Send)
{
    public override string ToString() => $"{Intake}: {Name}";
}

/// <summary>Where the corpus sends: the running platform, through the gateway, as an officer or a partner system.</summary>
public sealed class BadInputTarget(HttpClient gateway, ActionPlans.ActionPlansClient plans, PartnerRecords.PartnerRecordsClient records, Metadata asOfficer, Metadata asPartner, Uri gatewayHttp)
{
    public HttpClient Gateway => gateway;
    public ActionPlans.ActionPlansClient Plans => plans;
    public PartnerRecords.PartnerRecordsClient Records => records;
    public Metadata AsOfficer => asOfficer;
    public Metadata AsPartner => asPartner;
    public Uri GatewayHttp => gatewayHttp;

    /// <summary>A count indicator and a percentage indicator of the alcohol theme.</summary>
    public string CountIndicator { get; set; } = "";
    public string PercentageIndicator { get; set; } = "";
}

/// <summary>
/// The bad-input corpus: malformed and wrongly typed JSON, impossible dates, negative and fractional
/// counts, unknown codes, injection strings, enormous fields and bodies, wrong encodings in CSV files,
/// personal data in depersonalised feeds, oversized gRPC messages, against every intake the platform
/// has: measurements (HTTP and gRPC), action updates, records (HTTP and gRPC from a partner system), the
/// police and partner CSV readers, the token endpoint, and the query strings of the read APIs.
/// </summary>
public static class BadInputCorpus
{
    private const string Theme = "alcohol";

    private static readonly string[] InjectionStrings =
    [
        "'; DROP TABLE measurements;--", "<script>alert(1)</script>", "{{7*7}}", "${jndi:ldap://example.org/a}", "../../etc/passwd",
        "2008-04' OR '1'='1", "=cmd|' /C calc'!A0", "%00", "\u0000", "2008-04\r\nX-Injected: 1", "$(reboot)", "`id`",
    ];

    public static IReadOnlyList<BadInput> All { get; } = [.. Measurements(), .. GrpcMeasurements(), .. ActionUpdates(), .. HttpRecords(), .. PartnerRecords(), .. PoliceCsv(), .. PartnerCsvFiles(), .. Tokens(), .. Queries()];

    // ----- Measurements over HTTP: POST /api/{theme}/indicators/{id}/measurements -----

    private static IEnumerable<BadInput> Measurements()
    {
        const string intake = "measurement (HTTP)";
        BadInput Json(string name, string body, string code, string says, Func<BadInputTarget, string>? indicator = null) =>
            new(intake, name, code, says, t => PostAsync(t, $"/api/{Theme}/indicators/{(indicator ?? (x => x.CountIndicator))(t)}/measurements", body));

        string Body(string period, string value, string? note = null) =>
            $"{{\"period\":{JsonSerializer.Serialize(period)},\"value\":{value}{(note is null ? "" : ",\"note\":" + JsonSerializer.Serialize(note))}}}";

        // Negative counts, fractions of a count, percentages out of range.
        foreach (var value in new[] { "-1", "-0.001", "-1e308", "-2147483649" })
        {
            yield return Json($"negative count {value}", Body("2008-04", value), "400", "cannot be negative");
        }

        foreach (var value in new[] { "1.5", "0.25", "12.0000001" })
        {
            yield return Json($"fractional count {value}", Body("2008-04", value), "400", "whole number");
        }

        foreach (var value in new[] { "100.5", "101", "1e9" })
        {
            yield return Json($"percentage {value}", Body("2008-04", value), "400", "between 0 and 100", t => t.PercentageIndicator);
        }

        // Wrong types.
        foreach (var value in new[] { "\"abc\"", "\"12\"", "true", "[]", "{}", "[1,2]", "\"NaN\"", "\"Infinity\"" })
        {
            yield return Json($"value of the wrong type {value}", Body("2008-04", value), "400", "not the JSON this call takes");
        }

        yield return Json("value null", Body("2008-04", "null"), "400", "Enter the value as a number");
        yield return Json("value missing", "{\"period\":\"2008-04\"}", "400", "Enter the value as a number");
        yield return Json("value beyond a double", Body("2008-04", "1e999"), "400", "Enter the value as a number");
        yield return Json("period a number", "{\"period\":200804,\"value\":1}", "400", "not the JSON this call takes");
        yield return Json("period an object", "{\"period\":{\"month\":4},\"value\":1}", "400", "not the JSON this call takes");

        // Impossible and malformed periods.
        foreach (var period in new[]
        {
            "2008-13", "2008-00", "2008-1", "08-04", "2008/10", "2008/09 Q5", "2008/09 Q0", "2008/10 Q1", "1899-12", "2008-04-01", "April 2008",
            "2008–04", "２００８-04", "٢٠٠٨-04", "", "   ", "2008-4-1", "20008-04", "-2008-04", "2008-04-", "Q1 2008/09", "2008/09 Q", "FY2008",
        })
        {
            yield return Json($"period '{period}'", Body(period, "1"), "400", "Enter the period as");
        }

        foreach (var period in new[] { "2100-01", "9999-12", "2099/00 Q1" })
        {
            yield return Json($"period in the future '{period}'", Body(period, "1"), "400", "has not started yet");
        }

        foreach (var injection in InjectionStrings)
        {
            yield return Json($"injection in the period {injection.Replace("\0", "\\0", StringComparison.Ordinal)}", Body(injection, "1"), "400", "Enter the period as");
        }

        yield return Json("note of 2,001 characters", Body("2008-04", "1", new string('n', 2001)), "400", "2,000 characters or fewer");

        // Unknown indicator codes (in the path).
        foreach (var id in new[] { "P99.I1", "P1.I999", "P1", "I1", "P1.I1.X", "P3.I1", "%27%3B--", "P1.I1%0A", "P1.I1%20OR%201%3D1", new string('P', 3000) })
        {
            yield return new(intake, $"unknown indicator {(id.Length > 40 ? id[..10] + "…" : id)}", "404", "There is no indicator",
                t => PostAsync(t, $"/api/{Theme}/indicators/{id}/measurements", Body("2008-04", "1")));
        }

        // Bodies that are not JSON, or not this JSON.
        foreach (var (name, body) in new[]
        {
            ("an unclosed object", "{"), ("a closing brace", "}"), ("an array", "[]"), ("an empty body", ""), ("a missing value", "{\"period\":\"2008-04\",\"value\":}"),
            ("single quotes", "{'period':'2008-04','value':1}"), ("NaN as a literal", "{\"period\":\"2008-04\",\"value\":NaN}"), ("a trailing comma", "{\"period\":\"2008-04\",\"value\":1,}"),
            ("a comment", "{\"period\":\"2008-04\" /* c */,\"value\":1}"), ("a bare string", "\"2008-04\""), ("XML", "<measurement><value>1</value></measurement>"),
            ("a CSV line", "period,value\n2008-04,1"),
        })
        {
            yield return Json($"body: {name}", body, "400", "");
        }

        yield return new(intake, "body: bytes that are not UTF-8", "400", "not the JSON this call takes", t => PostBytesAsync(t, $"/api/{Theme}/indicators/{t.CountIndicator}/measurements",
            [.. Encoding.UTF8.GetBytes("{\"period\":\"2008-04\",\"value\":1,\"note\":\""), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("\"}")], "application/json"));
        yield return new(intake, "body: UTF-16", "400", "not the JSON this call takes", t => PostBytesAsync(t, $"/api/{Theme}/indicators/{t.CountIndicator}/measurements",
            Encoding.Unicode.GetBytes("{\"period\":\"2008-04\",\"value\":1}"), "application/json"));
        yield return new(intake, "content type text/plain", "415", "Send the body as JSON", t => PostBytesAsync(t, $"/api/{Theme}/indicators/{t.CountIndicator}/measurements",
            Encoding.UTF8.GetBytes(Body("2008-04", "1")), "text/plain"));
        yield return new(intake, "content type form", "415", "Send the body as JSON", t => PostBytesAsync(t, $"/api/{Theme}/indicators/{t.CountIndicator}/measurements",
            Encoding.UTF8.GetBytes("period=2008-04&value=1"), "application/x-www-form-urlencoded"));
        yield return new(intake, "body of 2 MB", "413", "larger than the 1,024 KB", t => PostAsync(t, $"/api/{Theme}/indicators/{t.CountIndicator}/measurements",
            Body("2008-04", "1", new string('n', 2 * 1024 * 1024))));
    }

    // ----- Measurements over gRPC: safecity.themes.v1.ActionPlans/RecordMeasurement -----

    private static IEnumerable<BadInput> GrpcMeasurements()
    {
        const string intake = "measurement (gRPC)";
        BadInput Call(string name, Func<BadInputTarget, RecordMeasurementRequest> request, string code, string says) =>
            new(intake, name, code, says, t => GrpcAsync(() => t.Plans.RecordMeasurementAsync(request(t), t.AsOfficer).ResponseAsync));

        yield return Call("unknown indicator", _ => new() { IndicatorId = "P99.I9", Period = "2008-04", Value = 1 }, "NotFound", "There is no indicator");
        yield return Call("negative count", t => new() { IndicatorId = t.CountIndicator, Period = "2008-04", Value = -3 }, "InvalidArgument", "cannot be negative");
        yield return Call("fractional count", t => new() { IndicatorId = t.CountIndicator, Period = "2008-04", Value = 2.5 }, "InvalidArgument", "whole number");
        yield return Call("NaN", t => new() { IndicatorId = t.CountIndicator, Period = "2008-04", Value = double.NaN }, "InvalidArgument", "as a number");
        yield return Call("infinity", t => new() { IndicatorId = t.CountIndicator, Period = "2008-04", Value = double.PositiveInfinity }, "InvalidArgument", "as a number");
        yield return Call("impossible month", t => new() { IndicatorId = t.CountIndicator, Period = "2008-13", Value = 1 }, "InvalidArgument", "Enter the period as");
        yield return Call("empty period", t => new() { IndicatorId = t.CountIndicator, Period = "", Value = 1 }, "InvalidArgument", "Enter the period as");
        yield return Call("future period", t => new() { IndicatorId = t.CountIndicator, Period = "2100-01", Value = 1 }, "InvalidArgument", "has not started yet");
        yield return Call("percentage over 100", t => new() { IndicatorId = t.PercentageIndicator, Period = "2008-04", Value = 140 }, "InvalidArgument", "between 0 and 100");
        yield return Call("injection as the indicator", _ => new() { IndicatorId = "P1.I1'; DROP TABLE measurements;--", Period = "2008-04", Value = 1 }, "NotFound", "There is no indicator");
        yield return Call("note of 2,001 characters", t => new() { IndicatorId = t.CountIndicator, Period = "2008-04", Value = 1, Note = new string('n', 2001) }, "InvalidArgument", "2,000 characters or fewer");
        yield return Call("message of 2 MB", t => new() { IndicatorId = t.CountIndicator, Period = "2008-04", Value = 1, Note = new string('n', 2 * 1024 * 1024) }, "ResourceExhausted", "exceeds the maximum");
    }

    // ----- Action updates over HTTP: PUT /api/{theme}/actions/{id} -----

    private static IEnumerable<BadInput> ActionUpdates()
    {
        const string intake = "action update (HTTP)";
        BadInput Put(string name, string id, string body, string code, string says) => new(intake, name, code, says, t => PutAsync(t, $"/api/{Theme}/actions/{id}", body));

        foreach (var id in new[] { "P1.A999", "P9.A1", "A1", "P1.A1%27%3B--", new string('A', 2000) })
        {
            yield return Put($"unknown action {(id.Length > 30 ? "A…" : id)}", id, "{\"status\":\"InProgress\",\"rag\":\"Green\"}", "404", "There is no action");
        }

        foreach (var status in new[] { "Finished", "5", "", "in progress!", "<script>" })
        {
            yield return Put($"status '{status}'", "P1.A1", $"{{\"status\":{JsonSerializer.Serialize(status)},\"rag\":\"Green\"}}", "400", "Choose a status");
        }

        foreach (var rag in new[] { "Purple", "G", "-1", "Red;Amber" })
        {
            yield return Put($"RAG '{rag}'", "P1.A1", $"{{\"status\":\"InProgress\",\"rag\":{JsonSerializer.Serialize(rag)}}}", "400", "Choose a RAG rating");
        }

        yield return Put("status a number", "P1.A1", "{\"status\":3,\"rag\":\"Green\"}", "400", "not the JSON this call takes");
        yield return Put("commentary of 5,000 characters", "P1.A1", $"{{\"status\":\"InProgress\",\"rag\":\"Green\",\"commentary\":\"{new string('c', 5000)}\"}}", "400", "characters or fewer");
        yield return Put("an unclosed object", "P1.A1", "{\"status\":", "400", "not the JSON this call takes");
        yield return Put("an empty body", "P1.A1", "", "400", "");
    }

    // ----- Records over HTTP: POST /api/{theme}/records (asb-arson) -----

    private static IEnumerable<BadInput> HttpRecords()
    {
        const string intake = "record (HTTP)";
        BadInput Post(string name, object record, string says, string code = "400") =>
            new(intake, name, code, says, t => PostAsync(t, "/api/asb-arson/records", JsonSerializer.Serialize(record)));

        var fire = new Dictionary<string, string> { ["fireType"] = "secondary", ["deliberate"] = "yes" };
        yield return Post("unknown category", new { reference = "bad-1", category = "Fire", month = "2008-04" }, "does not keep records of the category given");
        yield return Post("another theme's category", new { reference = "bad-2", category = "Burglary", month = "2008-04" }, "does not keep records of the category given");
        yield return Post("category an injection", new { reference = "bad-3", category = "'; DROP TABLE records;--", month = "2008-04" }, "does not keep");
        yield return Post("empty category", new { reference = "bad-4", category = "", month = "2008-04" }, "does not keep");
        foreach (var month in new[] { "2008-13", "2008-00", "08-04", "April", "", "2008-04-01", "2008/04" })
        {
            yield return Post($"month '{month}'", new { reference = "bad-m", category = "Fire incident", month, attributes = fire }, "is not a month like 2008-04");
        }

        yield return Post("month in the future", new { reference = "bad-5", category = "Fire incident", month = "2100-01", attributes = fire }, "has not happened yet");
        yield return Post("occurred in another month", new { reference = "bad-6", category = "Fire incident", month = "2008-04", occurredAt = "2008-05-10T12:00:00+01:00", attributes = fire }, "which is not in 2008-04");
        yield return Post("occurred in the future", new { reference = "bad-7", category = "Fire incident", occurredAt = "2099-05-10T12:00:00Z", attributes = fire }, "has not happened yet");
        yield return Post("reference of 201 characters", new { reference = new string('r', 201), category = "Fire incident", month = "2008-04" }, "longer than 200 characters");
        yield return Post("location of 1,001 characters", new { reference = "bad-8", category = "Fire incident", month = "2008-04", location = new string('l', 1001) }, "location is longer than 1,000");
        yield return Post("LSOA name of 1,001 characters", new { reference = "bad-9", category = "Fire incident", month = "2008-04", lsoaName = new string('l', 1001) }, "lsoa_name is longer than 1,000");
        yield return Post("51 details", new { reference = "bad-10", category = "Fire incident", month = "2008-04", attributes = Enumerable.Range(0, 51).ToDictionary(i => "d" + i.ToString(CultureInfo.InvariantCulture), _ => "x") }, "details are too many");
        yield return Post("a detail of 1,001 characters", new { reference = "bad-11", category = "Fire incident", month = "2008-04", attributes = new Dictionary<string, string> { ["notes"] = new string('x', 1001) } }, "Detail 1's value is longer than 1,000 characters (it has 1,001)");
        yield return Post("a detail name of 101 characters", new { reference = "bad-12", category = "Fire incident", month = "2008-04", attributes = new Dictionary<string, string> { [new string('k', 101)] = "x" } }, "Detail 1's name is longer than 100 characters (it has 101)");
        yield return Post("occurredAt not a date", new { reference = "bad-13", category = "Fire incident", occurredAt = "yesterday" }, "not the JSON this call takes");
        yield return Post("attributes a list", new { reference = "bad-14", category = "Fire incident", month = "2008-04", attributes = new[] { "a", "b" } }, "not the JSON this call takes");

        // Personal data in a depersonalised register.
        foreach (var (name, details, location) in new (string, Dictionary<string, string>, string?)[]
        {
            ("a name field", new() { ["name"] = "John Smith" }, null),
            ("a surname field", new() { ["surname"] = "Smith" }, null),
            ("a titled name", new() { ["notes"] = "Reported by Mr John Smith" }, null),
            ("a date of birth", new() { ["dob"] = "01/02/1990" }, null),
            ("an NHS number", new() { ["ref"] = "943 476 5919" }, null),
            ("a full postcode", new(), "12 High Street, SO14 7LY"),
            ("a telephone number", new() { ["contact"] = "023 8083 3000" }, null),
            ("a mobile number", new() { ["contact"] = "07700 900123" }, null),
            ("an e-mail address", new() { ["contact"] = "someone@example.org" }, null),
        })
        {
            yield return Post($"personal data: {name}", new { reference = "pd-" + name.Replace(' ', '-'), category = "Fire incident", month = "2008-04", location, attributes = details }, "Personal data in a depersonalised feed");
        }
    }

    // ----- Records from a partner system over gRPC: safecity.records.v1.PartnerRecords/SubmitRecord -----

    private static IEnumerable<BadInput> PartnerRecords()
    {
        const string intake = "record (gRPC, partner system)";
        static RecordSubmission Fire(string reference) => new()
        {
            Reference = reference,
            Category = "Fire incident",
            OccurredAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2008, 4, 12, 22, 15, 0, TimeSpan.FromHours(1))),
            Location = "On or near Portswood Road",
            Attributes = { ["fireType"] = "secondary", ["deliberate"] = "yes" },
        };

        BadInput Submit(string name, Func<RecordSubmission, RecordSubmission> change, string says, string code = "Rejected") =>
            new(intake, name, code, says, t => SubmitAsync(t, change(Fire("partner-" + name.Replace(' ', '-')))));

        yield return Submit("no date and time", r => { r.OccurredAt = null; r.Month = "2008-04"; return r; }, "asks for the date and time");
        yield return Submit("no location", r => { r.Location = ""; return r; }, "asks for the location");
        yield return Submit("a category it may not share", r => { r.Category = "ASB incident"; return r; }, "may not share 'ASB incident'", "PermissionDenied");
        yield return Submit("a category no theme keeps here", r => { r.Category = "Parking ticket"; return r; }, "does not keep records of the category given");
        yield return Submit("an empty reference", r => { r.Reference = ""; return r; }, "reference is missing");
        yield return Submit("a reference of 201 characters", r => { r.Reference = new string('r', 201); return r; }, "longer than 200 characters");
        yield return Submit("a month the time is not in", r => { r.Month = "2008-05"; return r; }, "which is not in 2008-05");
        yield return Submit("an impossible month", r => { r.Month = "2008-13"; r.OccurredAt = null; return r; }, "is not a month like 2008-04");
        yield return Submit("a time in the future", r => { r.OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddYears(2)); return r; }, "has not happened yet");
        yield return Submit("a time beyond the calendar", r => { r.OccurredAt = new Timestamp { Seconds = long.MaxValue }; return r; }, "occurred_at is not a date");
        yield return Submit("a time with impossible nanoseconds", r => { r.OccurredAt = new Timestamp { Seconds = 1_207_000_000, Nanos = -5 }; return r; }, "occurred_at is not a date");
        yield return Submit("latitude 91", r => { r.Latitude = 91; r.Longitude = -1.4; return r; }, "latitude must be between -90 and 90");
        yield return Submit("longitude -181", r => { r.Latitude = 50.9; r.Longitude = -181; return r; }, "between -180 and 180");
        yield return Submit("latitude NaN", r => { r.Latitude = double.NaN; r.Longitude = -1.4; return r; }, "latitude must be between");
        yield return Submit("51 details", r => { for (var i = 0; i < 51; i++) { r.Attributes["d" + i.ToString(CultureInfo.InvariantCulture)] = "x"; } return r; }, "details are too many");
        yield return Submit("a location of 1,001 characters", r => { r.Location = new string('l', 1001); return r; }, "location is longer than 1,000");
        yield return Submit("an outcome of 1,001 characters", r => { r.Outcome = new string('o', 1001); return r; }, "outcome is longer than 1,000");
        yield return Submit("a name", r => { r.Attributes["name"] = "Jane Doe"; return r; }, "Personal data in a depersonalised feed");
        yield return Submit("an NHS number", r => { r.Attributes["patient"] = "9434765919"; return r; }, "Personal data in a depersonalised feed");
        yield return Submit("a full postcode as the location", r => { r.Location = "SO17 1BJ"; return r; }, "Personal data in a depersonalised feed");
        yield return Submit("a telephone number", r => { r.Attributes["caller"] = "+44 23 8083 3000"; return r; }, "Personal data in a depersonalised feed");
        yield return Submit("an e-mail address", r => { r.Outcome = "forwarded to a.person@example.org"; return r; }, "Personal data in a depersonalised feed");
        yield return Submit("a date of birth", r => { r.Attributes["date_of_birth"] = "1990-02-01"; return r; }, "Personal data in a depersonalised feed");
        yield return Submit("a message of 2 MB", r => { r.Attributes["blob"] = new string('b', 2 * 1024 * 1024); return r; }, "exceeds the maximum", "ResourceExhausted");
        yield return new(intake, "no theme named", "", "", async t =>
        {
            var headers = new Metadata();
            foreach (var entry in t.AsPartner.Where(e => e.Key != "safecity-theme"))
            {
                headers.Add(entry);
            }

            return await GrpcAsync(() => t.Records.SubmitRecordAsync(Fire("partner-no-theme"), headers).ResponseAsync);
        });
        yield return new(intake, "an unknown theme named", "", "", async t =>
        {
            var headers = new Metadata { { "safecity-theme", "parking" } };
            foreach (var entry in t.AsPartner.Where(e => e.Key != "safecity-theme"))
            {
                headers.Add(entry);
            }

            return await GrpcAsync(() => t.Records.SubmitRecordAsync(Fire("partner-unknown-theme"), headers).ResponseAsync);
        });
    }

    // ----- The police street-level CSV, through the import the analysts run -----

    private const string PoliceHeader = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context";
    private const string PoliceRow = "{0},2008-10,Hampshire Constabulary,Hampshire Constabulary,-1.40,50.91,On or near Above Bar Street,E01017139,Southampton 029A,Burglary,,";

    private static IEnumerable<BadInput> PoliceCsv()
    {
        const string intake = "police CSV import";
        string Id(int n) => n.ToString("x64", CultureInfo.InvariantCulture);
        BadInput File(string name, string says, Func<byte[]> content) => new(intake, name, "Rejected", says, t => PoliceImportAsync(t, content()));
        BadInput Row(string name, string row, string says) => File(name, says, () => Encoding.UTF8.GetBytes(PoliceHeader + "\n" + row + "\n"));

        yield return Row("too few fields", "a,2008-10,Hampshire Constabulary", "has 3 fields where the header has 12");
        yield return Row("too many fields", string.Format(CultureInfo.InvariantCulture, PoliceRow, Id(1)) + ",extra", "has 13 fields where the header has 12");
        yield return Row("an impossible month", string.Format(CultureInfo.InvariantCulture, PoliceRow, Id(2)).Replace("2008-10", "2008-13", StringComparison.Ordinal), "is not a month like 2008-04");
        yield return Row("a month as words", string.Format(CultureInfo.InvariantCulture, PoliceRow, Id(3)).Replace("2008-10", "Oct-08", StringComparison.Ordinal), "is not a month like 2008-04");
        yield return Row("an unknown crime type", string.Format(CultureInfo.InvariantCulture, PoliceRow, Id(4)).Replace("Burglary", "Cheque fraud", StringComparison.Ordinal), "is not one data.police.uk uses");
        yield return Row("no crime type", string.Format(CultureInfo.InvariantCulture, PoliceRow, Id(5)).Replace("Burglary", "", StringComparison.Ordinal), "has no Crime type");
        yield return Row("a crime ID of 63 characters", string.Format(CultureInfo.InvariantCulture, PoliceRow, Id(6)[1..]), "Crime ID is not 64 hexadecimal");
        yield return Row("a crime ID that is not hexadecimal", string.Format(CultureInfo.InvariantCulture, PoliceRow, new string('z', 64)), "Crime ID is not 64 hexadecimal");
        yield return Row("a longitude of 200", string.Format(CultureInfo.InvariantCulture, PoliceRow, Id(7)).Replace("-1.40", "200", StringComparison.Ordinal), "ongitude");
        yield return Row("a latitude as words", string.Format(CultureInfo.InvariantCulture, PoliceRow, Id(8)).Replace("50.91", "north", StringComparison.Ordinal), "atitude");
        yield return Row("a field of 1,001 characters", string.Format(CultureInfo.InvariantCulture, PoliceRow, Id(9)).Replace("On or near Above Bar Street", new string('l', 1001), StringComparison.Ordinal), "has a field of 1,001 characters");
        yield return Row("a quote never closed", string.Format(CultureInfo.InvariantCulture, PoliceRow, Id(10)).Replace("On or near", "\"On or near", StringComparison.Ordinal), "never closed");
        yield return Row("a NUL character", string.Format(CultureInfo.InvariantCulture, PoliceRow, Id(11)).Replace("Street", "Str\0eet", StringComparison.Ordinal), "control characters");
        yield return File("Latin-1 bytes (é as 0xE9)", "not UTF-8 text", () =>
            [.. Encoding.UTF8.GetBytes(PoliceHeader + "\n"), .. Encoding.Latin1.GetBytes(string.Format(CultureInfo.InvariantCulture, PoliceRow, Id(12)).Replace("Above", "Abové", StringComparison.Ordinal) + "\n")]);
        yield return File("binary garbage", "", () => Enumerable.Range(0, 4096).Select(i => (byte)((i * 73) % 256)).ToArray());
        yield return File("an empty file", "The file is empty", () => []);
        yield return File("a file separated by semicolons", "this is not a street-level crime file", () => Encoding.UTF8.GetBytes(PoliceHeader.Replace(',', ';') + "\n"));
        yield return File("a header without Crime type", "this is not a street-level crime file", () => Encoding.UTF8.GetBytes(PoliceHeader.Replace("Crime type", "Offence", StringComparison.Ordinal) + "\n" + string.Format(CultureInfo.InvariantCulture, PoliceRow, Id(13)) + "\n"));
        yield return File("a quoted field of 200,000 characters", "is longer than 100,000 characters", () =>
            Encoding.UTF8.GetBytes(PoliceHeader + "\n" + string.Format(CultureInfo.InvariantCulture, PoliceRow, Id(14)).Replace("On or near Above Bar Street", "\"" + string.Join("\n", Enumerable.Repeat(new string('q', 1000), 200)) + "\"", StringComparison.Ordinal) + "\n"));
        yield return File("a header in UTF-16 without a byte order mark", "", () => Encoding.Unicode.GetBytes(PoliceHeader + "\n" + string.Format(CultureInfo.InvariantCulture, PoliceRow, Id(15)) + "\n"));
    }

    // ----- A partner's CSV file, as the partner client reads it before sending -----

    private const string PartnerHeader = "reference,category,occurred_at,location,fireType,deliberate";

    private static IEnumerable<BadInput> PartnerCsvFiles()
    {
        const string intake = "partner CSV file";
        BadInput File(string name, string says, Func<byte[]> content) => new(intake, name, "Rejected", says, _ => PartnerCsvAsync(content()));
        BadInput Row(string name, string row, string says) => File(name, says, () => Encoding.UTF8.GetBytes(PartnerHeader + "\n" + row + "\n"));

        yield return Row("occurred_at as words", "f1,Fire incident,yesterday evening,On or near X,secondary,yes", "is not a date and time");
        yield return Row("occurred_at on 30 February", "f2,Fire incident,2008-02-30T10:00:00Z,On or near X,secondary,yes", "is not a date and time");
        yield return Row("occurred_at with hour 25", "f3,Fire incident,2008-02-10T25:00:00Z,On or near X,secondary,yes", "is not a date and time");
        yield return Row("too few fields", "f4,Fire incident", "has 2 fields where the header has 6");
        yield return Row("a quote never closed", "f5,Fire incident,2008-04-01T10:00:00Z,\"On or near X,secondary,yes", "never closed");
        yield return Row("a field of 1,001 characters", "f6,Fire incident,2008-04-01T10:00:00Z," + new string('l', 1001) + ",secondary,yes", "has a field of 1,001 characters");
        yield return Row("a NUL character", "f7,Fire incident,2008-04-01T10:00:00Z,On or\0 near X,secondary,yes", "control characters");
        yield return File("Latin-1 bytes", "not UTF-8 text", () => [.. Encoding.UTF8.GetBytes(PartnerHeader + "\n"), .. Encoding.Latin1.GetBytes("f8,Fire incident,2008-04-01T10:00:00Z,Café Row,secondary,yes\n")]);
        yield return File("a header without occurred_at", "has no occurred_at column", () => Encoding.UTF8.GetBytes("reference,category,location\nf9,Fire incident,On or near X\n"));
        yield return File("an empty file", "The file is empty", () => []);
        yield return File("binary garbage", "", () => Enumerable.Range(0, 2048).Select(i => (byte)((i * 151) % 256)).ToArray());
        yield return File("a latitude as words", "atitude", () => Encoding.UTF8.GetBytes("reference,category,occurred_at,latitude,longitude\nf10,Fire incident,2008-04-01T10:00:00Z,north,-1.4\n"));
    }

    // ----- The token endpoint partner systems sign in at: POST /connect/token -----

    private static IEnumerable<BadInput> Tokens()
    {
        const string intake = "token (HTTP)";
        BadInput Form(string name, Dictionary<string, string> form, string code, string says) =>
            new(intake, name, code, says, async t =>
            {
                using var anonymous = new HttpClient { BaseAddress = t.GatewayHttp };
                using var response = await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(form));
                return new Answer(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), await response.Content.ReadAsStringAsync());
            });

        yield return Form("no grant type", new() { ["client_id"] = "x", ["client_secret"] = "y" }, "400", "grant_type");
        yield return Form("the password grant", new() { ["grant_type"] = "password", ["username"] = "admin", ["password"] = "x" }, "400", "unsupported_grant_type");
        // RFC 6749 5.2: a client that does not authenticate is invalid_client (401).
        yield return Form("no client id", new() { ["grant_type"] = "client_credentials", ["client_secret"] = "y" }, "401", "invalid_client");
        yield return Form("an unknown client", new() { ["grant_type"] = "client_credentials", ["client_id"] = "no-such-client", ["client_secret"] = "y" }, "401", "invalid_client");
        yield return Form("an injection as the client id", new() { ["grant_type"] = "client_credentials", ["client_id"] = "x' OR '1'='1", ["client_secret"] = "y" }, "401", "invalid_client");
        yield return Form("a secret of 10,000 characters", new() { ["grant_type"] = "client_credentials", ["client_id"] = "no-such-client-2", ["client_secret"] = new string('s', 10_000) }, "401", "invalid_client");
        yield return new(intake, "a JSON body", "400", "", async t =>
        {
            using var anonymous = new HttpClient { BaseAddress = t.GatewayHttp };
            using var response = await anonymous.PostAsync("/connect/token", new StringContent("{\"grant_type\":\"client_credentials\"}", Encoding.UTF8, "application/json"));
            return new Answer(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), await response.Content.ReadAsStringAsync());
        });
    }

    // ----- Query strings of the read APIs -----

    private static IEnumerable<BadInput> Queries()
    {
        const string intake = "query string (HTTP)";
        BadInput Get(string name, string url, string says) => new(intake, name, "400", says, async t =>
        {
            using var response = await t.Gateway.GetAsync(url);
            return new Answer(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), await response.Content.ReadAsStringAsync());
        });

        foreach (var asAt in new[] { "2008-13-01", "tomorrow", "01/04/2009", "9999-99-99", "'; DROP TABLE x;--" })
        {
            yield return Get($"performance as at '{asAt}'", "/api/governance/performance?asAt=" + Uri.EscapeDataString(asAt), "asAt");
        }

        foreach (var (from, to) in new[] { ("2008-13", "2009-01"), ("bad", "2009-01"), ("2009-01", "2008-01"), ("", ""), ("2008-04'--", "2009-03") })
        {
            yield return Get($"records from '{from}' to '{to}'", $"/api/asb-arson/records?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}", "month");
            yield return Get($"record counts from '{from}' to '{to}'", $"/api/asb-arson/records/counts?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}", "month");
        }

        yield return Get("records with a limit that is not a number", "/api/asb-arson/records?from=2008-04&to=2008-05&limit=lots", "limit");
    }

    // ----- How each is sent -----

    private static async Task<Answer> PostAsync(BadInputTarget t, string url, string body) => await PostBytesAsync(t, url, Encoding.UTF8.GetBytes(body), "application/json");

    private static async Task<Answer> PostBytesAsync(BadInputTarget t, string url, byte[] body, string contentType)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await t.Gateway.PostAsync(url, content);
        return new Answer(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), await response.Content.ReadAsStringAsync());
    }

    private static async Task<Answer> PutAsync(BadInputTarget t, string url, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await t.Gateway.PutAsync(url, content);
        return new Answer(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), await response.Content.ReadAsStringAsync());
    }

    private static async Task<Answer> GrpcAsync<T>(Func<Task<T>> call)
    {
        try
        {
            var reply = await call();
            return reply is RecordResult result ? new Answer(result.Outcome.ToString(), result.Reason) : new Answer("OK", reply?.ToString() ?? "");
        }
        catch (RpcException e)
        {
            return new Answer(e.StatusCode.ToString(), e.Status.Detail);
        }
    }

    private static Task<Answer> SubmitAsync(BadInputTarget t, RecordSubmission submission) =>
        GrpcAsync(() => t.Records.SubmitRecordAsync(submission, t.AsPartner).ResponseAsync);

    private static async Task<Answer> PoliceImportAsync(BadInputTarget t, byte[] file)
    {
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(t.GatewayHttp);
        using var reader = new StreamReader(new MemoryStream(file), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var output = new StringWriter();
        // The import reads and checks every row before it sends any; here no row is good, so nothing is sent.
        var summary = await new SafeCity.Cli.Import.PoliceStreetImport(channel, output).RunAsync(reader, null, CancellationToken.None);
        var sent = summary.ByTheme.Values.Sum(v => v.Item1 + v.Item2 + v.Item3);
        return summary.Rejected.Count > 0 && sent == 0
            ? new Answer("Rejected", string.Join(" | ", summary.Rejected.Select(r => $"line {r.Line}: {r.Reason}")))
            : new Answer($"sent {sent}", output.ToString());
    }

    private static async Task<Answer> PartnerCsvAsync(byte[] file)
    {
        using var reader = new StreamReader(new MemoryStream(file), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var rejected = new List<string>();
        var readable = 0;
        await foreach (var (record, problem) in SafeCity.RecordFiles.PartnerCsv.ReadAsync(reader))
        {
            if (problem is not null)
            {
                rejected.Add($"line {problem.Line}: {problem.Reason}");
            }
            else if (record is not null)
            {
                readable++;
            }
        }

        return rejected.Count > 0 && readable == 0 ? new Answer("Rejected", string.Join(" | ", rejected)) : new Answer($"{readable} readable", string.Join(" | ", rejected));
    }
}
