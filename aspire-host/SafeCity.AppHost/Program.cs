using SafeCity.AppHost;
using SafeCity.Contracts.Themes;

var builder = DistributedApplication.CreateBuilder(args);

var containers = ContainerRuntime.Answers();
// New identity keys for this start; a test (or a deployment) may give the operator's ring it signs with.
var keys = new PlatformIdentityKeys(builder.Configuration["Identity:OperatorKeys"]);

var data = builder.Configuration["SAFECITY_DATA_DIR"] is { Length: > 0 } dir
    ? Path.GetFullPath(dir)
    : Directory.CreateTempSubdirectory("safecity-aspire-").FullName;
var useBroker = PlatformResources.AddBroker(builder, containers, data);

// MongoDB only where containers run; otherwise every service keeps its own SQLite file.
Action<IResourceBuilder<ProjectResource>> useStorage = _ => { };
if (containers)
{
    // A single-node replica set: the stores write a change and its outbox entry in one transaction.
    var mongo = builder.AddContainer("mongodb", "mongo", "7.0").WithArgs("--replSet", "rs0", "--bind_ip_all").WithEndpoint(targetPort: 27017, name: "mongodb", scheme: "tcp");
    var endpoint = mongo.GetEndpoint("mongodb");
    mongo.OnResourceReady((_, _, ct) => MongoReplicaSet.InitiateAsync(endpoint.Url.Replace("tcp://", "mongodb://", StringComparison.Ordinal), ct));
    useStorage = service => service
        .WithEnvironment("ConnectionStrings__mongodb", ReferenceExpression.Create($"mongodb://{endpoint.Property(EndpointProperty.Host)}:{endpoint.Property(EndpointProperty.Port)}/?directConnection=true"))
        .WaitFor(mongo);
}

var governance = builder.AddProject<Projects.SafeCity_Governance>("governance").WithPlatformEndpoints(data, keys);
useBroker(governance);
useStorage(governance);

var gateway = builder.AddProject<Projects.SafeCity_Gateway>("gateway")
    .WithHttpEndpoint(name: "http", env: "SAFECITY_HTTP_PORT")
    .WithHttpEndpoint(name: "grpc", env: "SAFECITY_GRPC_PORT")
    .WithReference(governance)
    .WithIdentityKeys(keys.ForGateway())
    .WithEnvironment("SAFECITY_DATA_DIR", data)
    .WithHttpHealthCheck("/health", endpointName: "http");

// Themes start after governance, so that its queues exist before their first events.
IResourceBuilder<ProjectResource>[] themes = [.. PartnershipThemes.All.Select(t => ThemeProjects.Add(builder, t))];
for (var i = 0; i < themes.Length; i++)
{
    // A theme asks governance's register of plan numbers before it adds a plan.
    var theme = themes[i].WithPlatformEndpoints(data, keys).WithReference(governance).WaitFor(governance);
    useBroker(theme);
    useStorage(theme);
    gateway.WithEnvironment("Gateway__Themes__" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), theme.Resource.Name).WithReference(theme).WaitFor(theme);
    // Governance asks each theme for its state when its read model is rebuilt (no wait: themes wait for it).
    governance.WithEnvironment("Governance__Themes__" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), theme.Resource.Name).WithReference(theme);
}

builder.Build().Run();
