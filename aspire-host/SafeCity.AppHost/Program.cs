using SafeCity.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

var containers = ContainerRuntime.Answers();
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

var governance = builder.AddProject<Projects.SafeCity_Governance>("governance").WithPlatformEndpoints(data);
useBroker(governance);
useStorage(governance);

var alcohol = builder.AddProject<Projects.SafeCity_Alcohol>("alcohol").WithPlatformEndpoints(data).WaitFor(governance);
useBroker(alcohol);
useStorage(alcohol);

builder.AddProject<Projects.SafeCity_Gateway>("gateway")
    .WithHttpEndpoint(name: "http", env: "SAFECITY_HTTP_PORT")
    .WithHttpEndpoint(name: "grpc", env: "SAFECITY_GRPC_PORT")
    .WithEnvironment("Gateway__Themes__0", "alcohol")
    .WithReference(governance)
    .WithReference(alcohol)
    .WaitFor(alcohol)
    .WithHttpHealthCheck("/health", endpointName: "http");

builder.Build().Run();
