using Microsoft.Data.Sqlite;

namespace SafeCity.Storage;

/// <summary>
/// The commands every store runs, with parameters by name: synchronous for the gateway's stores, which
/// answer within a request's own thread, asynchronous for the services'.
/// </summary>
public static class SqliteCommands
{
    /// <summary>Runs a statement; the rows it changed.</summary>
    public static int Execute(this SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters) =>
        connection.Execute(null, sql, parameters);

    /// <summary>Runs a statement inside <paramref name="transaction"/> where there is one; the rows it changed.</summary>
    public static int Execute(this SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static object? Scalar(this SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters) =>
        connection.Scalar(null, sql, parameters);

    public static object? Scalar(this SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        var result = command.ExecuteScalar();
        return result is DBNull ? null : result;
    }

    public static List<T> Query<T>(this SqliteConnection connection, string sql, Func<SqliteDataReader, T> read, params (string Name, object? Value)[] parameters) =>
        connection.Query(null, sql, read, parameters);

    public static List<T> Query<T>(this SqliteConnection connection, SqliteTransaction? transaction, string sql, Func<SqliteDataReader, T> read, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public static async Task<int> ExecuteAsync(this SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Reads rows; inside a write's transaction, what is read cannot change before the write.</summary>
    public static async Task<List<T>> QueryAsync<T>(this SqliteConnection connection, SqliteTransaction? transaction, string sql, Func<SqliteDataReader, T> read, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public static async Task<object?> ScalarAsync(this SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        var result = await command.ExecuteScalarAsync(ct);
        return result is DBNull ? null : result;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            // A null as SQL's NULL.
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
