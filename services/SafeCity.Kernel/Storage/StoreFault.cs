using Microsoft.Data.Sqlite;
using MongoDB.Driver;

namespace SafeCity.Kernel.Storage;

/// <summary>What went wrong with a service's own store, in words an operator can act on.</summary>
public enum StoreFaultKind
{
    /// <summary>The disk (or the store's quota) is full: nothing more can be written until space is made.</summary>
    Full,

    /// <summary>The file is not a database, or its pages are damaged: restore it from a backup.</summary>
    Damaged,

    /// <summary>The file cannot be opened or written (permissions, a read-only disk, an I/O error).</summary>
    Unavailable,
}

public sealed record StoreFault(StoreFaultKind Kind, string Detail)
{
    // SQLite's primary result codes (https://www.sqlite.org/rescode.html).
    private const int SqliteIoErr = 10, SqliteCorrupt = 11, SqliteFull = 13, SqliteCantOpen = 14, SqliteReadOnly = 8, SqliteNotADb = 26;

    // MongoDB's server error code for a full disk.
    private const int MongoOutOfDiskSpace = 14031;

    /// <summary>The fault a storage exception stands for, or null when it is not the store's fault.</summary>
    public static StoreFault? Of(Exception exception) => exception switch
    {
        SqliteException { SqliteErrorCode: SqliteFull } e => new(StoreFaultKind.Full, e.Message),
        SqliteException { SqliteErrorCode: SqliteCorrupt or SqliteNotADb } e => new(StoreFaultKind.Damaged, e.Message),
        SqliteException { SqliteErrorCode: SqliteIoErr or SqliteCantOpen or SqliteReadOnly } e => new(StoreFaultKind.Unavailable, e.Message),
        MongoWriteException { WriteError.Code: MongoOutOfDiskSpace } e => new(StoreFaultKind.Full, e.Message),
        MongoCommandException { Code: MongoOutOfDiskSpace } e => new(StoreFaultKind.Full, e.Message),
        _ when exception.InnerException is { } inner => Of(inner),
        _ => null,
    };

    public string Describe() => Kind switch
    {
        StoreFaultKind.Full => $"The service's store is full (its disk or its Storage:MaxSizeMegabytes quota): nothing of this change was kept. An operator must make room. ({Detail})",
        StoreFaultKind.Damaged => $"The service's store is damaged ({Detail}): an operator must restore the last backup (./safecity restore, docs/reliability.md).",
        _ => $"The service's store cannot be written: check the disk and the file's permissions. ({Detail})",
    };
}

/// <summary>Thrown at start when the store may not be served from; the message says what to do.</summary>
public sealed class StoreUnusableException(string file, string reason, Exception? inner)
    : Exception($"The store {file} cannot be used, so the service will not start. {reason} (Moving the file aside starts the service with an empty store.)", inner);
