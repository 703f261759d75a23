using ArchPgtable.Contracts.Tests.Support;
using ArchPgtable.Kconfig;
using ArchPgtable.Plugins;
using ArchPgtable.RiscV;

namespace ArchPgtable.Contracts.Tests;

// The contract suite on all eight riscv64 configurations: Sv48/Sv39 × Svadu/Svade × the NAPOT
// layer on/off (off = upstream helpers). With Svadu, ptep_set_access_flags/race is a declared known finding.

public sealed class RiscV64_Svadu_Napot : ArchContractTests
{
    protected override ArchInstance CreateArch() => RiscVBuilds.Build(svadu: true, svnapot: true);
}

public sealed class RiscV64_Svadu_Upstream : ArchContractTests
{
    protected override ArchInstance CreateArch() => RiscVBuilds.Build(svadu: true, svnapot: false);
}

public sealed class RiscV64_Svade_Napot : ArchContractTests
{
    protected override ArchInstance CreateArch() => RiscVBuilds.Build(svadu: false, svnapot: true);
}

public sealed class RiscV64_Svade_Upstream : ArchContractTests
{
    protected override ArchInstance CreateArch() => RiscVBuilds.Build(svadu: false, svnapot: false);
}

public sealed class RiscV64_Sv39_Svadu_Napot : ArchContractTests
{
    protected override ArchInstance CreateArch() => RiscVBuilds.Build(svadu: true, svnapot: true, sv39: true);
}

public sealed class RiscV64_Sv39_Svadu_Upstream : ArchContractTests
{
    protected override ArchInstance CreateArch() => RiscVBuilds.Build(svadu: true, svnapot: false, sv39: true);
}

public sealed class RiscV64_Sv39_Svade_Napot : ArchContractTests
{
    protected override ArchInstance CreateArch() => RiscVBuilds.Build(svadu: false, svnapot: true, sv39: true);
}

public sealed class RiscV64_Sv39_Svade_Upstream : ArchContractTests
{
    protected override ArchInstance CreateArch() => RiscVBuilds.Build(svadu: false, svnapot: false, sv39: true);
}

internal static class RiscVBuilds
{
    public static ArchInstance Build(bool svadu, bool svnapot, bool sv39 = false)
    {
        var plugin = new RiscVArchPlugin();
        var config = KconfigResolver.Resolve(plugin.Arch, plugin.Kconfig,
        [
            KernelConfig.FromAssignments("test",
            [
                $"{RiscVKconfig.Svadu}={(svadu ? "y" : "n")}",
                $"{RiscVKconfig.Svnapot}={(svnapot ? "y" : "n")}",
                $"{(sv39 ? RiscVKconfig.Sv39 : RiscVKconfig.Sv48)}=y",
                $"{(sv39 ? RiscVKconfig.Sv48 : RiscVKconfig.Sv39)}=n",
            ]),
        ]);
        return plugin.Build(config);
    }
}
