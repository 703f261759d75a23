namespace ArchPgtable.Host.Tests.Support;

/// <summary>
/// The plugins folder the Host build fills (<c>src/Host/bin/&lt;configuration&gt;/net10.0/plugins</c>, with the
/// real arm64 plugin), found from this test assembly's location; the Host project is built before
/// these tests because they reference it.
/// </summary>
internal static class ShippedPlugins
{
    public static string Directory { get; } = Find();

    /// <summary>The real arm64 plugin assembly.</summary>
    public static string Arm64 => Path.Combine(Directory, "ArchPgtable.Arm64", "ArchPgtable.Arm64.dll");

    private static string Find()
    {
        var here = AppContext.BaseDirectory;
        var dir = new DirectoryInfo(here);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ArchPgtable.sln")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new InvalidOperationException($"no ArchPgtable.sln above {here}");
        }

        // bin/<Configuration>/<tfm>/ of this test assembly: the Host was built with the same configuration.
        var tfm = new DirectoryInfo(here.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var configuration = new DirectoryInfo(here.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var plugins = Path.Combine(dir.FullName, "src", "Host", "bin", configuration, tfm, "plugins");
        return System.IO.Directory.Exists(plugins)
            ? plugins
            : throw new InvalidOperationException($"the Host build has no plugins folder at {plugins}");
    }
}
