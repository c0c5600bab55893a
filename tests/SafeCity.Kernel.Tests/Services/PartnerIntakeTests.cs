using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using SafeCity.Alcohol;
using SafeCity.Contracts.Identity;
using SafeCity.Contracts.Records;
using SafeCity.Testing;
using RecordIntake = SafeCity.Kernel.Records.RecordIntake;

namespace SafeCity.Kernel.Tests.Services;

/// <summary>
/// A partner system hands records to a theme under the Information Sharing Agreement: signed in as
/// its organisation, only the categories it may share, with time, date and location, and never
/// personal data.
/// </summary>
public sealed class PartnerIntakeTests : IDisposable
{
    private readonly AlcoholServiceFactory _factory = new() { Settings = { ["Access:AllowAnonymous"] = "false" } };

    // A partner system as the gateway forwards it to the theme (or, for the analyst, a person).
    private static string Token(params string[] roles) =>
        roles.Contains(PlatformRoles.PartnerSystem) ? TestIdentity.Partner("alcohol", "uht", roles) : TestIdentity.Person("alcohol", "analyst", roles);

    private static readonly string[] Hospital = [PlatformRoles.PartnerSystem, PlatformRoles.Organisation("uht"), PlatformRoles.Shares(AlcoholTheme.EmergencyDepartment)];

    private PartnerRecords.PartnerRecordsClient Client(string token)
    {
        var channel = GrpcChannel.ForAddress(_factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = _factory.Server.CreateHandler() });
        return new PartnerRecords.PartnerRecordsClient(channel.Intercept(metadata =>
        {
            metadata.Add(PlatformTokens.Header, token);
            return metadata;
        }));
    }

    private static RecordSubmission Presentation(string reference, int line = 1) => new()
    {
        Line = line,
        Source = "whatever the sender says",
        Reference = reference,
        Category = AlcoholTheme.EmergencyDepartment,
        OccurredAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2008, 10, 4, 1, 30, 0, TimeSpan.Zero)),
        Location = "Bargate",
    };

    [Fact]
    public async Task A_record_is_kept_under_the_organisation_once_and_a_resubmission_is_a_duplicate()
    {
        var client = Client(Token(Hospital));

        var first = await client.SubmitRecordAsync(Presentation("ED-2008-0001"));
        var again = await client.SubmitRecordAsync(Presentation("ED-2008-0001"));

        Assert.Equal((RecordOutcome.Accepted, RecordOutcome.Duplicate), (first.Outcome, again.Outcome));
        var page = await Admin().GetFromJsonAsync<JsonElement[]>("/api/alcohol/records?from=2008-10&to=2008-10");
        var record = Assert.Single(page!);
        Assert.Equal(("uht", "2008-10"), (record.GetProperty("source").GetString(), record.GetProperty("month").GetString()));
    }

    [Fact]
    public async Task An_officer_writes_as_their_own_account_never_as_the_source_they_name_and_only_the_platforms_tools_name_a_public_source()
    {
        var officer = Client(TestIdentity.Person("alcohol", "jo.officer", [PlatformRoles.OfficerOf("alcohol")]));
        var administrator = Client(TestIdentity.Person("alcohol", "someone", [PlatformRoles.Administrator]));
        var tools = Client(TestIdentity.Person("alcohol", "operator", [PlatformRoles.Administrator, PlatformRoles.PlatformOperator]));
        var asHospital = Presentation("ED-2008-0101");
        asHospital.Source = "uht";

        await officer.SubmitRecordAsync(asHospital);
        await administrator.SubmitRecordAsync(Presentation("ED-2008-0102"));
        var imported = Presentation("ED-2008-0103");
        imported.Source = "data.police.uk";
        await tools.SubmitRecordAsync(imported);
        var http = _factory.CreateClient();
        http.DefaultRequestHeaders.Add(PlatformTokens.Header, TestIdentity.Person("alcohol", "jo.officer", [PlatformRoles.OfficerOf("alcohol")]));
        using var entered = await http.PostAsJsonAsync("/api/alcohol/records", new { reference = "ED-2008-0104", category = AlcoholTheme.EmergencyDepartment, month = "2008-10", location = "Bargate", source = "uht" });

        var page = await Admin().GetFromJsonAsync<JsonElement[]>("/api/alcohol/records?from=2008-10&to=2008-10");
        var sources = page!.ToDictionary(r => r.GetProperty("reference").GetString()!, r => r.GetProperty("source").GetString());
        Assert.Equal(System.Net.HttpStatusCode.Created, entered.StatusCode);
        Assert.Equal("jo.officer", sources["ED-2008-0101"]);
        Assert.Equal("someone", sources["ED-2008-0102"]);
        Assert.Equal("data.police.uk", sources["ED-2008-0103"]);
        Assert.Equal("jo.officer", sources["ED-2008-0104"]);
    }

    [Fact]
    public async Task A_category_the_organisation_may_not_share_fails_the_call_with_permission_denied_and_keeps_nothing()
    {
        var client = Client(Token(Hospital));
        var crime = Presentation("CR-1", 2);
        crime.Category = "Alcohol-related crime";

        var refused = await Assert.ThrowsAsync<RpcException>(() => client.SubmitRecordAsync(crime).ResponseAsync);
        using var stream = client.SubmitRecords();
        await stream.RequestStream.WriteAsync(Presentation("ED-OK-1", 1));
        await stream.RequestStream.WriteAsync(crime);
        await stream.RequestStream.CompleteAsync();
        var streamed = await Assert.ThrowsAsync<RpcException>(() => stream.ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("may not share 'Alcohol-related crime' records under the Information Sharing Agreement", refused.Status.Detail);
        Assert.Equal(StatusCode.PermissionDenied, streamed.StatusCode);
        Assert.Contains("Nothing from line 1 on was kept", streamed.Status.Detail);
        Assert.Empty((await Admin().GetFromJsonAsync<JsonElement[]>("/api/alcohol/records?from=2008-10&to=2008-10"))!);
    }

    [Fact]
    public async Task Records_sent_in_groups_are_answered_one_by_one_in_the_order_sent_and_only_the_good_kept()
    {
        var client = Client(Token(Hospital));
        var postcode = Presentation("ED-G2", 2);
        postcode.Location = "Outside 12 Above Bar Street, SO14 7DU";

        using var stream = client.SubmitRecordGroups();
        await stream.RequestStream.WriteAsync(new RecordGroup { Records = { Presentation("ED-G1", 1), postcode } });
        await stream.RequestStream.WriteAsync(new RecordGroup { Records = { Presentation("ED-G1", 3), Presentation("ED-G4", 4) } });
        await stream.RequestStream.CompleteAsync();
        var result = await stream.ResponseAsync;

        Assert.Equal([(1L, RecordOutcome.Accepted), (2L, RecordOutcome.Rejected), (3L, RecordOutcome.Duplicate), (4L, RecordOutcome.Accepted)],
            result.Results.Select(r => (r.Line, r.Outcome)));
        Assert.Equal((2, 1, 1), (result.Accepted, result.Duplicates, result.Rejected));
        Assert.Contains("location holds a full postcode", result.Results[1].Reason);
        var records = await Admin().GetFromJsonAsync<JsonElement[]>("/api/alcohol/records?from=2008-10&to=2008-10");
        Assert.Equal(["ED-G1", "ED-G4"], records!.Select(r => r.GetProperty("reference").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_group_holding_a_category_the_organisation_may_not_share_fails_the_call_and_keeps_nothing()
    {
        var crime = Presentation("CR-G2", 2);
        crime.Category = "Alcohol-related crime";

        using var stream = Client(Token(Hospital)).SubmitRecordGroups();
        await stream.RequestStream.WriteAsync(new RecordGroup { Records = { Presentation("ED-G1", 1), crime } });
        await stream.RequestStream.CompleteAsync();
        var refused = await Assert.ThrowsAsync<RpcException>(() => stream.ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("may not share 'Alcohol-related crime' records", refused.Status.Detail);
        Assert.Empty((await Admin().GetFromJsonAsync<JsonElement[]>("/api/alcohol/records?from=2008-10&to=2008-10"))!);
    }

    [Fact]
    public async Task A_stream_mixing_good_and_bad_records_answers_each_and_keeps_only_the_good()
    {
        var client = Client(Token(Hospital));
        var noTime = Presentation("ED-2", 2);
        noTime.OccurredAt = null;
        noTime.Month = "2008-10";
        var nowhere = Presentation("ED-3", 3);
        nowhere.Location = "";
        var postcode = Presentation("ED-4", 4);
        postcode.Location = "Outside 12 Above Bar Street, SO14 7DU";
        var named = Presentation("ED-5", 5);
        named.Attributes["surname"] = "Smith";
        var phone = Presentation("ED-6", 6);
        phone.Outcome = "Called back on 023 8083 3000";

        using var stream = client.SubmitRecords();
        foreach (var record in new[] { Presentation("ED-1", 1), noTime, nowhere, postcode, named, phone, Presentation("ED-1", 7) })
        {
            await stream.RequestStream.WriteAsync(record);
        }

        await stream.RequestStream.CompleteAsync();
        var result = await stream.ResponseAsync;

        Assert.Equal((1, 1, 5), (result.Accepted, result.Duplicates, result.Rejected));
        var reasons = result.Results.ToDictionary(r => r.Line, r => r.Reason);
        Assert.Contains("occurred_at is missing", reasons[2]);
        Assert.Contains("asks for the location", reasons[3]);
        Assert.Contains("location holds a full postcode", reasons[4]);
        Assert.Contains("the name of detail 1 holds a person's name", reasons[5]);
        Assert.Contains("outcome holds a telephone number", reasons[6]);
        Assert.DoesNotContain("SO14 7DU", string.Join(" ", reasons.Values));
        Assert.DoesNotContain("Smith", string.Join(" ", reasons.Values));

        // Nothing of a rejected record reached the register or its audit trail.
        var audit = await (await Admin().GetAsync("/api/alcohol/audit")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Smith", audit);
        Assert.DoesNotContain("SO14 7DU", audit);
        var records = await Admin().GetFromJsonAsync<JsonElement[]>("/api/alcohol/records?from=2008-10&to=2008-10");
        Assert.Equal(["ED-1"], records!.Select(r => r.GetProperty("reference").GetString()));
    }

    [Fact]
    public async Task Just_after_midnight_on_the_first_of_a_month_in_summer_time_is_that_month()
    {
        var late = Presentation("ED-MIDNIGHT");
        late.OccurredAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2008, 5, 1, 0, 30, 0, TimeSpan.FromHours(1)));

        var stated = late.Clone();
        stated.Reference = "ED-MIDNIGHT-2";
        stated.Month = "2008-05";

        Assert.Equal(RecordOutcome.Accepted, (await Client(Token(Hospital)).SubmitRecordAsync(late)).Outcome);
        Assert.Equal(RecordOutcome.Accepted, (await Client(Token(Hospital)).SubmitRecordAsync(stated)).Outcome);
        var page = await Admin().GetFromJsonAsync<JsonElement[]>("/api/alcohol/records?from=2008-05&to=2008-05");
        Assert.Equal(["ED-MIDNIGHT", "ED-MIDNIGHT-2"], page!.Select(r => r.GetProperty("reference").GetString()).Order());
    }

    [Fact]
    public async Task Oversized_fields_too_many_details_and_impossible_coordinates_are_refused_and_not_kept()
    {
        var huge = Presentation("ED-BIG-1", 1);
        huge.Location = new string('x', RecordIntake.MaxTextLength + 1);
        var many = Presentation("ED-BIG-2", 2);
        for (var i = 0; i <= RecordIntake.MaxDetails; i++)
        {
            many.Attributes["detail" + i] = "x";
        }

        var longValue = Presentation("ED-BIG-3", 3);
        longValue.Attributes["note"] = new string('y', RecordIntake.MaxTextLength + 1);
        var north = Presentation("ED-BIG-4", 4);
        north.Latitude = 91;
        north.Longitude = 0;
        var notANumber = Presentation("ED-BIG-5", 5);
        notANumber.Latitude = double.NaN;
        notANumber.Longitude = 0;

        using var stream = Client(Token(Hospital)).SubmitRecords();
        foreach (var record in new[] { huge, many, longValue, north, notANumber })
        {
            await stream.RequestStream.WriteAsync(record);
        }

        await stream.RequestStream.CompleteAsync();
        var result = await stream.ResponseAsync;

        Assert.Equal(5, result.Rejected);
        Assert.Contains("location is longer than 1,000 characters", result.Results[0].Reason);
        Assert.Contains("too many", result.Results[1].Reason);
        Assert.Contains("value is longer than 1,000 characters (it has 1,001)", result.Results[2].Reason);
        Assert.All(result.Results.Skip(3), r => Assert.Contains("latitude must be between", r.Reason));
        Assert.Empty((await Admin().GetFromJsonAsync<JsonElement[]>("/api/alcohol/records?from=2008-10&to=2008-10"))!);
    }

    [Fact]
    public async Task A_caller_signed_in_as_no_organisation_or_an_analyst_may_not_submit()
    {
        var noOrganisation = await Assert.ThrowsAsync<RpcException>(() => Client(Token(PlatformRoles.PartnerSystem, PlatformRoles.Shares(AlcoholTheme.EmergencyDepartment))).SubmitRecordAsync(Presentation("X")).ResponseAsync);
        var analyst = await Assert.ThrowsAsync<RpcException>(() => Client(Token(PlatformRoles.Analyst)).SubmitRecordAsync(Presentation("X")).ResponseAsync);

        Assert.Equal((StatusCode.PermissionDenied, StatusCode.PermissionDenied), (noOrganisation.StatusCode, analyst.StatusCode));
        // The analyst is refused by the named policy before the method runs, in gRPC's terms and in words.
        Assert.Equal(Kernel.Access.ThemeAccess.RefusalMessage, analyst.Status.Detail);
        Assert.Equal("A partner system must sign in as its organisation.", noOrganisation.Status.Detail);
    }

    private HttpClient Admin()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add(PlatformTokens.Header, TestIdentity.Person("alcohol", "admin", [PlatformRoles.Administrator]));
        return client;
    }

    public void Dispose() => _factory.Dispose();
}
