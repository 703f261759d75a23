using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ArchPgtable.Native.Tree;

/// <summary>
/// The files of a kernel tree that the native build needs, materialized in a folder: from a
/// source directory (copied, so a patch never touches the user's tree) or from a
/// <c>.tar.xz</c>/<c>.tar.gz</c>/<c>.tar</c> (Debian's <c>/usr/src/linux-source-6.12.tar.xz</c>), of which only
/// the top Makefile and the named files are extracted, once, into the cache.
/// </summary>
public sealed class KernelSource
{
    private KernelSource(string origin, string directory, KernelVersion version)
    {
        Origin = origin;
        Directory = directory;
        Version = version;
    }

    /// <summary>The path the user gave.</summary>
    public string Origin { get; }

    /// <summary>The folder holding the materialized files at their tree-relative paths.</summary>
    public string Directory { get; }

    /// <summary>The version the top Makefile states.</summary>
    public KernelVersion Version { get; }

    /// <summary>True when <paramref name="path"/> names a tarball rather than a source directory.</summary>
    public static bool IsTarball(string path) =>
        path.EndsWith(".tar.xz", StringComparison.Ordinal) || path.EndsWith(".tar.gz", StringComparison.Ordinal)
        || path.EndsWith(".tar.bz2", StringComparison.Ordinal) || path.EndsWith(".tar", StringComparison.Ordinal);

    /// <summary>Materializes <paramref name="files"/> (tree-relative paths) of the tree at <paramref name="path"/> into a fresh folder under the cache.</summary>
    /// <exception cref="NativeBuildException">The tree does not exist, is not a kernel tree, or lacks a file.</exception>
    public static KernelSource Materialize(string path, IReadOnlyCollection<string> files, NativeCache cache, string option)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(cache);
        var full = Path.GetFullPath(path);
        string sourceDir;
        if (File.Exists(full) && IsTarball(full))
        {
            sourceDir = Extract(full, files, cache, option);
        }
        else if (System.IO.Directory.Exists(full))
        {
            sourceDir = full;
        }
        else
        {
            throw new NativeBuildException(File.Exists(full)
                ? $"{option} {path}: not a directory or a .tar.xz/.tar.gz/.tar/.tar.bz2 tarball."
                : $"{option} {path}: no such directory or tarball.");
        }

        var makefile = Path.Combine(sourceDir, "Makefile");
        if (!File.Exists(makefile))
        {
            throw new NativeBuildException($"{option} {path}: no top-level Makefile; not a Linux source tree.");
        }

        var version = KernelVersion.Parse(File.ReadAllText(makefile), path);
        var work = cache.NewScratch();
        foreach (var file in files)
        {
            var from = Path.Combine(sourceDir, file);
            if (!File.Exists(from))
            {
                NativeCache.TryDelete(work);
                throw new NativeBuildException($"Linux {version} ({path}) has no {file}, which the native helpers need.");
            }

            var to = Path.Combine(work, file);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to);
        }

        File.Copy(makefile, Path.Combine(work, "Makefile"));
        return new KernelSource(path, work, version);
    }

    /// <summary>Deletes the materialized folder.</summary>
    public void Delete() => NativeCache.TryDelete(Directory);

    private static string Extract(string tarball, IReadOnlyCollection<string> files, NativeCache cache, string option)
    {
        var info = new FileInfo(tarball);
        var keyText = string.Create(CultureInfo.InvariantCulture,
            $"{tarball}\n{info.Length}\n{info.LastWriteTimeUtc.Ticks}\n{string.Join('\n', files.Order(StringComparer.Ordinal))}");
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(keyText)))[..16];
        var entry = cache.Entry("kernel", key);
        if (File.Exists(Path.Combine(entry, "Makefile")))
        {
            return entry;
        }

        using var held = cache.Lock("kernel", key);
        if (File.Exists(Path.Combine(entry, "Makefile")))
        {
            return entry;
        }

        var scratch = cache.NewScratch();
        string[] patterns = ["*/Makefile", .. files.Select(f => "*/" + f)];
        var (_, output) = ProcessRunner.Run("tar",
            ["-xf", tarball, "-C", scratch, "--strip-components=1", "--wildcards", "--no-wildcards-match-slash", .. patterns]);
        if (!File.Exists(Path.Combine(scratch, "Makefile")))
        {
            NativeCache.TryDelete(scratch);
            var first = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "no top-level Makefile in it";
            throw new NativeBuildException($"{option} {tarball}: not a Linux source tarball ({first.Trim()}).");
        }

        NativeCache.Publish(scratch, entry);
        return entry;
    }
}
