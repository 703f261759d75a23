namespace ArchPgtable.Native.Tree;

/// <summary>
/// Where extracted kernel files and built libraries are kept: <c>$ARCHPGTABLE_CACHE_DIR</c>, else
/// <c>$XDG_CACHE_HOME/archpgtable</c>, else <c>~/.cache/archpgtable</c>. Entries are written to a
/// temporary folder and renamed into place, so a cache entry is never half done.
/// </summary>
public sealed class NativeCache
{
    /// <summary>Creates a cache rooted at <paramref name="root"/>.</summary>
    public NativeCache(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The cache's root folder.</summary>
    public string Root { get; }

    /// <summary>The default cache, from the environment.</summary>
    public static NativeCache Default
    {
        get
        {
            var explicitDir = Environment.GetEnvironmentVariable("ARCHPGTABLE_CACHE_DIR");
            if (!string.IsNullOrEmpty(explicitDir))
            {
                return new NativeCache(explicitDir);
            }

            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var baseDir = !string.IsNullOrEmpty(xdg)
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return new NativeCache(Path.Combine(baseDir, "archpgtable"));
        }
    }

    /// <summary>The folder of one cache entry (it may not exist yet).</summary>
    public string Entry(string kind, string key) => Path.Combine(Root, kind, key);

    /// <summary>A fresh scratch folder inside the cache (same file system, so a rename can publish it).</summary>
    public string NewScratch()
    {
        var dir = Path.Combine(Root, "tmp", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>
    /// Holds an exclusive lock on cache entry <paramref name="kind"/>/<paramref name="key"/> across threads and
    /// processes (a lock file opened with <see cref="FileShare.None"/>), so that two test processes do not extract
    /// the same tarball at once; waits up to ten minutes. Dispose to release.
    /// </summary>
    public IDisposable Lock(string kind, string key)
    {
        var path = Path.Combine(Root, kind, key + ".lock");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
        }
    }

    /// <summary>Moves a finished scratch folder to <paramref name="entry"/>; if another process got there first, keeps theirs.</summary>
    public static void Publish(string scratch, string entry)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(entry)!);
        try
        {
            Directory.Move(scratch, entry);
        }
        catch (IOException) when (Directory.Exists(entry))
        {
            TryDelete(scratch);
        }
    }

    /// <summary>Deletes a folder, ignoring failures (scratch cleanup).</summary>
    public static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
