using Microsoft.CodeAnalysis;

namespace ArchPgtable.Host.Tests.Support;

/// <summary>
/// Builds every test plugin once, with Roslyn, into a temp folder; tests copy the ones they need
/// into a fresh plugins folder of their own (<see cref="NewPluginsDirectory"/>).
/// </summary>
public sealed class PluginBuilds : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("archpgtable-host-tests-");
    private int _next;

    public PluginBuilds()
    {
        var build = Path.Combine(_root.FullName, "build");
        var contract = PluginCompiler.HostContract;

        TestArchHelpers = PluginCompiler.Compile("TestArch.Helpers", PluginSources.Helpers, Path.Combine(build, "TestArch.Helpers.dll"), []);
        TestArch = PluginCompiler.Compile("TestArch", PluginSources.GoodPlugin("testarch", useHelpers: true),
            Path.Combine(build, "TestArch.dll"), [.. contract, MetadataReference.CreateFromFile(TestArchHelpers)]);
        Clash = PluginCompiler.Compile("Clash", PluginSources.GoodPlugin("testarch"), Path.Combine(build, "Clash.dll"), contract);
        FakeArm64 = PluginCompiler.Compile("FakeArm64", PluginSources.GoodPlugin("arm64"), Path.Combine(build, "FakeArm64.dll"), contract);
        GenericImpostor = PluginCompiler.Compile("GenericImpostor", PluginSources.GoodPlugin("generic"), Path.Combine(build, "GenericImpostor.dll"), contract);
        Throwing = PluginCompiler.Compile("Throwing", PluginSources.Throwing, Path.Combine(build, "Throwing.dll"), contract);
        TestBase = PluginCompiler.Compile("TestBase", PluginSources.Base, Path.Combine(build, "TestBase.dll"), contract);
        NeedsBase = PluginCompiler.Compile("NeedsBase", PluginSources.NeedsBase, Path.Combine(build, "NeedsBase.dll"),
            [.. contract, MetadataReference.CreateFromFile(TestBase)]);
        NoExport = PluginCompiler.Compile("NoExport", PluginSources.NoExport, Path.Combine(build, "NoExport.dll"), contract);

        var futureContract = PluginCompiler.Compile("ArchPgtable.Abstractions", PluginSources.FutureAbstractions,
            Path.Combine(_root.FullName, "future-contract", "ArchPgtable.Abstractions.dll"), [PluginCompiler.Composition]);
        Future = PluginCompiler.Compile("Future", PluginSources.FuturePlugin, Path.Combine(build, "Future.dll"),
            [MetadataReference.CreateFromFile(futureContract), PluginCompiler.Composition]);
    }

    /// <summary>The good plugin (arch testarch, version 1.2.0.0); needs <see cref="TestArchHelpers"/> beside it.</summary>
    public string TestArch { get; }

    /// <summary>TestArch's dependency; exports nothing.</summary>
    public string TestArchHelpers { get; }

    /// <summary>Another plugin claiming testarch.</summary>
    public string Clash { get; }

    /// <summary>A plugin claiming arm64 (for the default-arch rule).</summary>
    public string FakeArm64 { get; }

    /// <summary>A plugin claiming generic, which is in-box.</summary>
    public string GenericImpostor { get; }

    /// <summary>An export whose constructor throws "constructor exploded".</summary>
    public string Throwing { get; }

    /// <summary>The base class NeedsBase derives from.</summary>
    public string TestBase { get; }

    /// <summary>An export whose base type lives in TestBase.dll.</summary>
    public string NeedsBase { get; }

    /// <summary>A library using the contract with no export.</summary>
    public string NoExport { get; }

    /// <summary>A plugin (arch future) built against ArchPgtable.Abstractions 9.0.0.0.</summary>
    public string Future { get; }

    /// <summary>A fresh, empty plugins folder.</summary>
    public string NewPluginsDirectory()
    {
        var dir = Path.Combine(_root.FullName, "plugins" + Interlocked.Increment(ref _next));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Copies <paramref name="files"/> into <paramref name="directory"/>; returns the first copy's path.</summary>
    public static string Place(string directory, params string[] files)
    {
        Directory.CreateDirectory(directory);
        string? first = null;
        foreach (var file in files)
        {
            var target = Path.Combine(directory, Path.GetFileName(file));
            File.Copy(file, target, overwrite: true);
            first ??= target;
        }

        return first!;
    }

    /// <summary>Places the good plugin as DIR/TestArch/TestArch.dll with its dependency; returns the main file.</summary>
    public string PlaceTestArch(string pluginsDirectory) =>
        Place(Path.Combine(pluginsDirectory, "TestArch"), TestArch, TestArchHelpers);

    /// <summary>Writes random bytes as DIR/<paramref name="name"/>.</summary>
    public static string PlaceGarbage(string directory, string name = "junk.dll")
    {
        var path = Path.Combine(directory, name);
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a loaded plugin may still hold a file on some platforms.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PluginBuildsCollection : ICollectionFixture<PluginBuilds>
{
    public const string Name = "plugin builds";
}
