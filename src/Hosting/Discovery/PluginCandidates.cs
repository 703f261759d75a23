namespace ArchPgtable.Hosting.Discovery;

/// <summary>
/// The files of a plugins folder that may be plugins: <c>DIR/*.dll</c> and
/// <c>DIR/&lt;Name&gt;/&lt;Name&gt;.dll</c>. Other assemblies in a subfolder are that plugin's
/// dependencies, loaded on demand, never candidates.
/// </summary>
internal static class PluginCandidates
{
    /// <summary>The candidates in <paramref name="directory"/>, sorted by path.</summary>
    public static IReadOnlyList<string> In(string directory)
    {
        var files = Directory.EnumerateFiles(directory, "*.dll", SearchOption.TopDirectoryOnly).ToList();
        foreach (var sub in Directory.EnumerateDirectories(directory))
        {
            var main = Path.Combine(sub, Path.GetFileName(sub) + ".dll");
            if (File.Exists(main))
            {
                files.Add(main);
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }
}
