using Microsoft.Data.Sqlite;

namespace SafeCity.Gateway;

/// <summary>
/// The gateway's own SQLite file (accounts, the partner register): opening it and the few
/// commands its stores run, written once.
/// </summary>
public sealed class GatewayDatabase
{
    private readonly string _connectionString;

    public GatewayDatabase(string file)
    {
        // Password and client-secret hashes: the file (and so its log) is the gateway's owner's alone.
        SafeCity.ServiceDefaults.OwnerOnly.CreateFile(file);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = file }.ToString();
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}

public static class GatewaySql
{
    /// <summary>Runs a statement; the rows it changed.</summary>
    public static int Execute(this SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static object? Scalar(this SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteScalar();
    }

    public static List<T> Query<T>(this SqliteConnection connection, string sql, Func<SqliteDataReader, T> read, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
