using System.Runtime.InteropServices;

namespace SafeCity.ServiceDefaults;

/// <summary>Folders and files only their owner may read or write, made so from the start rather than narrowed afterwards.</summary>
public static partial class OwnerOnly
{
    /// <summary>
    /// From now on, whatever this process (and every process it starts) creates is its owner's alone:
    /// the file-mode creation mask 077, so that files written by libraries (the framework's
    /// data-protection keys, RabbitMQ's node files) are made so, not only the platform's own.
    /// </summary>
    public static void ForEverythingCreated()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = SetCreationMask(0b000_111_111);
        }
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint SetCreationMask(uint mask);

    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, Folder);
    }

    /// <summary>
    /// Makes an empty file, readable and writable by its owner alone, where there is none: a store's
    /// file made so before SQLite opens it (SQLite gives its log and shared-memory files the same mode).
    /// </summary>
    public static void CreateFile(string path)
    {
        CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (System.IO.File.Exists(path))
        {
            return;
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = File;
        }

        try
        {
            using var _ = new FileStream(path, options);
        }
        catch (IOException) when (System.IO.File.Exists(path))
        {
            // Made at the same moment by another opener: it was made owner-only too.
        }
    }

    /// <summary>Copies a file to one readable and writable by its owner alone.</summary>
    public static void Copy(string from, string to)
    {
        System.IO.File.Delete(to);
        CreateFile(to);
        using var source = System.IO.File.OpenRead(from);
        using var target = new FileStream(to, FileMode.Truncate, FileAccess.Write);
        source.CopyTo(target);
    }

    /// <summary>A file to append to (a log), created readable and writable by its owner alone, its folder too.</summary>
    public static FileStream OpenAppend(string path)
    {
        CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = File;
        }

        return new FileStream(path, options);
    }

    /// <summary>Writes the file, created readable and writable by its owner alone (an existing one is replaced).</summary>
    public static async Task WriteAllTextAsync(string path, string text, CancellationToken ct)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = File;
            if (System.IO.File.Exists(path))
            {
                System.IO.File.SetUnixFileMode(path, File);
            }
        }

        await using var stream = new FileStream(path, options);
        await using var writer = new StreamWriter(stream);
        await writer.WriteAsync(text.AsMemory(), ct);
    }
}

/// <summary>The administrator's first sign-in: the one-time password the gateway creates at the first start is kept here (owner-only), never in a log, until it is changed.</summary>
public static class FirstSignIn
{
    public const string FileName = "admin-one-time-password";
}
