using ArchPgtable.Generic;
using ArchPgtable.Kconfig;
using ArchPgtable.Mm.Memory;
using ArchPgtable.Plugins;

namespace ArchPgtable.Mm.Tests;

/// <summary>Builds small simulated machines for the tests.</summary>
internal static class Machines
{
    public const ulong Base = 0x40000000;

    /// <summary>Every shipped architecture configuration, by name (xunit MemberData).</summary>
    public static TheoryData<string> All => new(Configs.Keys);

    public static IReadOnlyDictionary<string, Func<ArchInstance>> Configs { get; } = new Dictionary<string, Func<ArchInstance>>
    {
        ["generic"] = Generic,
    };

    public static ArchInstance Build(string name) => Configs[name]();

    public static ArchInstance Generic() =>
        new GenericArchPlugin().Build(new EffectiveConfig("generic", new Dictionary<string, string>
        {
            [CommonKconfig.DebugVm] = "y",
            [CommonKconfig.TransparentHugepage] = "y",
        }));

    public static (MmSystem Sys, MmStruct Mm) Create(ArchInstance arch, ulong bytes, int folioOrder = 0, ContPolicy policy = ContPolicy.Random, int seed = 1)
    {
        var sys = new MmSystem(arch, new MmOptions
        {
            PhysicalPages = 1 << 16,
            Thp = ThpPolicy.WithOrders(folioOrder),
            ContPolicy = policy,
            Seed = seed,
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
