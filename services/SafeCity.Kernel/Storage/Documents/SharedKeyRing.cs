using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MongoDB.Driver;
using SafeCity.Kernel.Storage.Sqlite;

namespace SafeCity.Kernel.Storage.Documents;

/// <summary>
/// The service's data-protection keys (what its form tokens are sealed with) kept in its own store, not
/// in the process or on the pod's disk: every replica of a service seals and opens with the same keys,
/// so a form opened on one replica may be sent to another, and a restart signs no one out.
/// </summary>
public static class SharedKeyRing
{
    private const string Collection = "data-protection-keys";

    public static IHostApplicationBuilder AddSharedKeyRing(this IHostApplicationBuilder builder, StorageOptions storage, string service)
    {
        builder.Services.AddDataProtection().SetApplicationName("safecity-" + service);
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(options =>
            options.XmlRepository = new DocumentKeyRepository(storage.UsesMongo
                ? new MongoDocumentStore(sp.GetRequiredService<IMongoDatabase>())
                : new SqliteDocumentStore(sp.GetRequiredService<SqliteDatabase>()))));
        return builder;
    }

    private sealed record KeyDocument(string Xml);

    // Data protection asks for its keys synchronously, when it first seals or opens something.
    private sealed class DocumentKeyRepository(IDocumentStore documents) : IXmlRepository
    {
        private readonly Lazy<Task> _ready = new(() => documents.InitializeAsync(CancellationToken.None));

        public IReadOnlyCollection<XElement> GetAllElements()
        {
            _ready.Value.GetAwaiter().GetResult();
            return documents.ListAsync<KeyDocument>(Collection, CancellationToken.None).GetAwaiter().GetResult().Select(d => XElement.Parse(d.Xml)).ToList();
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            _ready.Value.GetAwaiter().GetResult();
            documents.PutAsync(Collection, friendlyName, new KeyDocument(element.ToString(SaveOptions.DisableFormatting)), CancellationToken.None).GetAwaiter().GetResult();
        }
    }
}
