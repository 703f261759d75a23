using Microsoft.CodeAnalysis;

namespace ArchPgtable.Host.Tests.Support;

/// <summary>
/// A third-party plugin the tests build against the shipped arm64 plugin assembly: an arch that builds the real arm64
/// for the same configuration and swaps in its own <c>Arm64ContPteOps</c> subclass (a known-bad override), compiled by
/// Roslyn into a fresh plugins folder next to a copy of <c>ArchPgtable.Arm64.dll</c>.
/// </summary>
internal static class Arm64DerivedPlugin
{
    /// <summary>The plugin's C# source: <c>{ns}.DerivedArchPlugin</c> exporting <paramref name="arch"/>, plus <paramref name="opsSource"/>.</summary>
    /// <param name="ns">The namespace (and, by convention, the assembly name).</param>
    /// <param name="arch">The arch name the plugin exports.</param>
    /// <param name="description">The plugin's metadata description.</param>
    /// <param name="buildSuffix">What the build's description adds to the real arm64 one (after ", ").</param>
    /// <param name="opsType">The ops class, constructed with the configuration's granule.</param>
    /// <param name="opsSource">The ops class's source (in <paramref name="ns"/>; ArchPgtable, ArchPgtable.Arm64 and ArchPgtable.Plugins are imported).</param>
    /// <param name="withMachines">Whether the build keeps arm64's preset machines (else it has the one-CPU default only).</param>
    public static string Source(string ns, string arch, string description, string buildSuffix, string opsType, string opsSource, bool withMachines) => $$"""
        using System.Collections.Generic;
        using ArchPgtable;
        using ArchPgtable.Arm64;
        using ArchPgtable.Kconfig;
        using ArchPgtable.Plugins;

        namespace {{ns}};

        [ArchPlugin("{{arch}}", Description = "{{description}}")]
        public sealed class DerivedArchPlugin : IArchPlugin
        {
            private readonly Arm64ArchPlugin _arm64 = new();

            public string Arch => "{{arch}}";

            public IReadOnlyList<KconfigSymbol> Kconfig => _arm64.Kconfig;

            public ArchInstance Build(EffectiveConfig config)
            {
                var real = _arm64.Build(new EffectiveConfig("arm64", config.Values));
                return new ArchInstance
                {
                    Arch = "{{arch}}",
                    Config = config,
                    Geometry = real.Geometry,
                    Format = real.Format,
                    Ops = new {{opsType}}(Arm64ArchPlugin.SelectGranule(config)),
                    Hardware = real.Hardware,
                    Invariants = real.Invariants,
                    {{(withMachines ? "Machines = real.Machines," : "")}}
                    Description = real.Description + ", {{buildSuffix}}",
                };
            }
        }

        {{opsSource}}
        """;

    /// <summary>Compiles <paramref name="source"/> as assembly <paramref name="name"/> into a new plugins folder of <paramref name="builds"/>
    /// (subfolder <paramref name="name"/>), copies the shipped arm64 plugin beside it, and returns the plugin DLL's path.</summary>
    public static string Place(PluginBuilds builds, string name, string source)
    {
        var dir = Path.Combine(builds.NewPluginsDirectory(), name);
        Directory.CreateDirectory(dir);
        var dll = PluginCompiler.Compile(name, source, Path.Combine(dir, name + ".dll"),
            [.. PluginCompiler.HostContract, MetadataReference.CreateFromFile(ShippedPlugins.Arm64)]);
        File.Copy(ShippedPlugins.Arm64, Path.Combine(dir, "ArchPgtable.Arm64.dll"));
        return dll;
    }
}
