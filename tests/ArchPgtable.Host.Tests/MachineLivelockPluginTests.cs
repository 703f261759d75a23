using ArchPgtable.Host.Tests.Support;
using Microsoft.CodeAnalysis;

namespace ArchPgtable.Host.Tests;

/// <summary>
/// A third-party plugin whose <c>ptep_set_access_flags</c> decides "nothing to do" from the gathered view (arm64 from
/// v6.10 until mainline's fix): on an SMMU without HTTU, <c>lazyfree</c> records a fault livelock and exits 1, and
/// <c>verify</c> on that machine fails <c>ptep_set_access_flags/fault-progress</c>.
/// </summary>
[Collection(PluginBuildsCollection.Name)]
public sealed class MachineLivelockPluginTests(PluginBuilds builds)
{
    private const string Source = """
        using System.Collections.Generic;
        using ArchPgtable;
        using ArchPgtable.Arm64;
        using ArchPgtable.Kconfig;
        using ArchPgtable.Plugins;

        namespace GatheredPlugin;

        [ArchPlugin("arm64-gathered", Description = "arm64 with a ptep_set_access_flags that trusts the gathered view")]
        public sealed class GatheredArchPlugin : IArchPlugin
        {
            private readonly Arm64ArchPlugin _arm64 = new();

            public string Arch => "arm64-gathered";

            public IReadOnlyList<KconfigSymbol> Kconfig => _arm64.Kconfig;

            public ArchInstance Build(EffectiveConfig config)
            {
                var real = _arm64.Build(new EffectiveConfig("arm64", config.Values));
                return new ArchInstance
                {
                    Arch = "arm64-gathered",
                    Config = config,
                    Geometry = real.Geometry,
                    Format = real.Format,
                    Ops = new GatheredOps(Arm64ArchPlugin.SelectGranule(config)),
                    Hardware = real.Hardware,
                    Invariants = real.Invariants,
                    Machines = real.Machines,
                    Description = real.Description + ", gathered no-op ptep_set_access_flags",
                };
            }
        }

        public sealed class GatheredOps : Arm64ContPteOps
        {
            public GatheredOps(Arm64Granule granule) : base(granule) { }

            [KernelHelper("contpte_ptep_set_access_flags")]
            protected override bool PtepSetAccessFlagsCore(IMmContext vma, ulong addr, PtePointer ptep, Pte entry, bool dirty)
            {
                if (Arm64Pte.Cont(Arm64RawPtes.PtepGet(ptep)) && Arm64Pte.MkNonCont(PtepGet(ptep)) == Arm64Pte.MkNonCont(entry))
                {
                    return false;
                }

                return base.PtepSetAccessFlagsCore(vma, addr, ptep, entry, dirty);
            }
        }
        """;

    private string Place()
    {
        var dir = Path.Combine(builds.NewPluginsDirectory(), "GatheredPlugin");
        Directory.CreateDirectory(dir);
        PluginCompiler.Compile("GatheredPlugin", Source, Path.Combine(dir, "GatheredPlugin.dll"),
            [.. PluginCompiler.HostContract, MetadataReference.CreateFromFile(ShippedPlugins.Arm64)]);
        File.Copy(ShippedPlugins.Arm64, Path.Combine(dir, "ArchPgtable.Arm64.dll"));
        return dir;
    }

    [Fact]
    public void Lazyfree_on_an_smmu_without_httu_reports_a_fault_livelock_and_exits_1()
    {
        var dir = Place();

        var result = CliRun.Run("lazyfree", "--plugins", dir, "--arch", "arm64-gathered", "--machine", "smmu-no-httu", "--size", "1M", "--folio", "64K");

        Assert.True(result.ExitCode == 1, result.Out + result.Error);
        Assert.Contains("fault livelock(s)", result.Out, StringComparison.Ordinal);
        Assert.Contains("fault livelock: smmu0", result.Out, StringComparison.Ordinal);
        Assert.Contains("ptep_set_access_flags(", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_on_an_smmu_without_httu_fails_fault_progress()
    {
        var dir = Place();

        var result = CliRun.Run("verify", "--plugins", dir, "--arch", "arm64-gathered", "--machine", "smmu-no-httu", "--helper", "ptep_set_access_flags", "--cases", "3000", "--seed", "1");

        Assert.True(result.ExitCode == 1, result.Out + result.Error);
        Assert.Contains("FAIL ptep_set_access_flags/fault-progress", result.Out, StringComparison.Ordinal);
        Assert.Contains("[agent smmu0", result.Out, StringComparison.Ordinal);
    }
}
