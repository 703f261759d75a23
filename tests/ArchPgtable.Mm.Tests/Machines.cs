using ArchPgtable.Arm64;
using ArchPgtable.Generic;
using ArchPgtable.Kconfig;
using ArchPgtable.Mm.Memory;
using ArchPgtable.Plugins;
using ArchPgtable.RiscV;
using ArchPgtable.X86;

namespace ArchPgtable.Mm.Tests;

/// <summary>Builds small simulated machines for the tests.</summary>
internal static class Machines
{
    public const ulong Base = 0x40000000;

    /// <summary>Every shipped architecture configuration, by name (xunit MemberData).</summary>
    public static TheoryData<string> All => new(Configs.Keys);

    /// <summary>
    /// Every architecture configuration the Mm theories run on, built the way the host builds
    /// them: the plugin's defconfig overridden by a few assignments, resolved as Kconfig would.
    /// </summary>
    public static IReadOnlyDictionary<string, Func<ArchInstance>> Configs { get; } = BuildConfigs();

    public static ArchInstance Build(string name) => Configs[name]();

    public static ArchInstance Generic() =>
        new GenericArchPlugin().Build(new EffectiveConfig("generic", new Dictionary<string, string>
        {
            [CommonKconfig.DebugVm] = "y",
            [CommonKconfig.TransparentHugepage] = "y",
        }));

    /// <summary>Builds <paramref name="plugin"/> for its defconfig plus <paramref name="assignments"/> (<c>CONFIG_X=y</c>).</summary>
    public static ArchInstance Resolve(IArchPlugin plugin, params string[] assignments)
    {
        var config = KconfigResolver.Resolve(plugin.Arch, plugin.Kconfig, [KernelConfig.FromAssignments("Machines", assignments)]);
        return plugin.Build(config);
    }

    private static Dictionary<string, Func<ArchInstance>> BuildConfigs()
    {
        var configs = new Dictionary<string, Func<ArchInstance>> { ["generic"] = Generic };
        foreach (var (granule, symbol) in new[] { ("4k", Arm64Kconfig.Pages4K), ("16k", Arm64Kconfig.Pages16K), ("64k", Arm64Kconfig.Pages64K) })
        {
            foreach (var contPte in new[] { true, false })
            {
                foreach (var afdbm in new[] { true, false })
                {
                    var name = $"arm64-{granule}{(contPte ? "" : "-nocontpte")}{(afdbm ? "" : "-noafdbm")}";
                    string[] assignments = [$"{symbol}=y", $"{Arm64Kconfig.ContPte}={Yn(contPte)}", $"{Arm64Kconfig.HwAfdbm}={Yn(afdbm)}"];
                    configs[name] = () => Resolve(new Arm64ArchPlugin(), assignments);
                }
            }
        }

        configs["x86_64"] = () => Resolve(new X86ArchPlugin());
        configs["x86_64-nosaveddirty"] = () => Resolve(new X86ArchPlugin(), $"{X86Kconfig.UserShadowStack}=n");
        foreach (var (mode, symbol) in new[] { ("sv48", RiscVKconfig.Sv48), ("sv39", RiscVKconfig.Sv39) })
        {
            foreach (var svadu in new[] { true, false })
            {
                foreach (var svnapot in new[] { true, false })
                {
                    var name = $"riscv64-{mode}{(svadu ? "" : "-svade")}{(svnapot ? "" : "-nonapot")}";
                    string[] assignments = [$"{symbol}=y", $"{RiscVKconfig.Svadu}={Yn(svadu)}", $"{RiscVKconfig.Svnapot}={Yn(svnapot)}"];
                    configs[name] = () => Resolve(new RiscVArchPlugin(), assignments);
                }
            }
        }

        return configs;
    }

    private static string Yn(bool value) => value ? "y" : "n";

    public static (MmSystem Sys, MmStruct Mm) Create(ArchInstance arch, ulong bytes, int folioOrder = 0, ContPolicy policy = ContPolicy.Random, int seed = 1,
        ArchPgtable.Machines.MachineDescription? machine = null, bool localFlushOnly = false)
    {
        var sys = new MmSystem(arch, new MmOptions
        {
            PhysicalPages = 1 << 16,
            Thp = ThpPolicy.WithOrders(folioOrder),
            ContPolicy = policy,
            Seed = seed,
            Machine = machine,
            LocalFlushOnly = localFlushOnly,
        });
        var mm = sys.CreateMm();
        mm.Mmap(Base, bytes, VmFlags.Read | VmFlags.Write);
        return (sys, mm);
    }

    public static void WriteAll(MmSystem sys, MmStruct mm, ulong start, ulong bytes)
    {
        for (var va = start; va < start + bytes; va += sys.Arch.Geometry.PageSize)
        {
            sys.Mmu.Write(mm, va);
        }
    }

    public static Pte Get(MmSystem sys, MmStruct mm, ulong va) => sys.Arch.Ops.PtepGet(mm.PageTable.PtePointer(va));
}
