using ArchPgtable.Arm64;
using ArchPgtable.Generic;
using ArchPgtable.Kconfig;
using ArchPgtable.Plugins;

namespace ArchPgtable.Contracts.Tests.Support;

/// <summary>Every shipped plugin configuration the contract suite runs against, built as the host would.</summary>
public static class Builds
{
    public static ArchInstance Generic() =>
        new GenericArchPlugin().Build(new EffectiveConfig(GenericArchPlugin.ArchName, new Dictionary<string, string>
        {
            [CommonKconfig.TransparentHugepage] = "y",
            [CommonKconfig.DebugVm] = "y",
        }));

    public static ArchInstance Arm64(Arm64Granule granule, bool contPte = true, bool hafdbs = true)
    {
        var values = new Dictionary<string, string>
        {
            [Arm64Kconfig.Pages4K] = "n",
            [Arm64Kconfig.Pages16K] = "n",
            [Arm64Kconfig.Pages64K] = "n",
            [Arm64Kconfig.VaBits] = "48",
            [Arm64Kconfig.ContPte] = contPte ? "y" : "n",
            [Arm64Kconfig.HwAfdbm] = hafdbs ? "y" : "n",
            [CommonKconfig.TransparentHugepage] = "y",
            [CommonKconfig.DebugVm] = "y",
        };
        values[granule.KconfigSymbol()] = "y";
        return new Arm64ArchPlugin().Build(new EffectiveConfig(Arm64ArchPlugin.ArchName, values));
    }

    /// <summary>A build with its helpers replaced by <paramref name="ops"/> (a known-bad variant); it declares no known finding.</summary>
    public static ArchInstance WithOps(ArchInstance arch, IPageTableOps ops) =>
        Copy(arch, ops, [], arch.Description + " (known-bad " + ops.GetType().Name + ")");

    /// <summary>The same build declaring exactly <paramref name="findings"/> as its known findings.</summary>
    public static ArchInstance WithKnownFindings(ArchInstance arch, params KnownFinding[] findings) =>
        Copy(arch, arch.Ops, findings, arch.Description);

    private static ArchInstance Copy(ArchInstance arch, IPageTableOps ops, KnownFinding[] findings, string description) =>
        arch.WithOps(ops, description).WithKnownFindings(findings);
}
