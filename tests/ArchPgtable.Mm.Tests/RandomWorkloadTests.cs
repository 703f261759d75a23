using System.Numerics;
using ArchPgtable.Mm.Operations;

namespace ArchPgtable.Mm.Tests;

public class RandomWorkloadTests
{
    /// <summary>
    /// A long seeded mix of writes, reads, MADV_FREE (old and new, aligned and not), MADV_COLD,
    /// reclaim, fork (with writes in both), munmap and re-mmap, with folios of 4, 16 and (where the
    /// architecture has contiguous blocks) one block's pages. The oracle must see no data loss.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void A_long_random_workload_loses_no_data(string arch, int seed) => Run(Machines.Build(arch), seed, machine: null);

    /// <summary>
    /// The same mix for 500,000 steps (issue 12 item 6): freed folios must merge back into large blocks (the buddy
    /// allocator), or large-folio faults fall back to smaller orders, reclaim, and finally record out-of-memory. One
    /// seeded run per page-table shape family keeps the suite's time reasonable.
    /// </summary>
    [Theory]
    [InlineData("arm64-4k", 1)]
    [InlineData("x86_64", 2)]
    [InlineData("riscv64-sv48", 3)]
    public void A_500k_step_random_workload_keeps_memory_and_data(string arch, int seed)
    {
        var sys = Run(Machines.Build(arch), seed, machine: null, steps: 500_000);
        Assert.True(sys.OutOfMemory.Count == 0, $"seed {seed}: {(sys.OutOfMemory.Count > 0 ? sys.OutOfMemory[0] : null)}");
    }

    /// <summary>
    /// The same workload on every preset machine of the arch: reads and writes come from a random agent (CPUs and
    /// the SMMU/IOMMU), flushes must reach all of them, and no access may livelock.
    /// </summary>
    [Theory]
    [MemberData(nameof(PresetCases))]
    public void Every_preset_runs_the_random_workload_without_loss_or_livelock(string arch, string preset, int seed)
    {
        var a = Machines.Build(arch);
        Run(a, seed, a.MachineSupportOrDefault.Find(preset)!);
    }

    public static TheoryData<string, string, int> PresetCases()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var arch in new[] { "arm64-4k", "arm64-64k", "arm64-4k-noafdbm", "x86_64", "riscv64-sv48", "riscv64-sv48-svade" })
        {
            foreach (var preset in Machines.Build(arch).MachineSupportOrDefault.Presets)
            {
                foreach (var seed in new[] { 1, 2 })
                {
                    data.Add(arch, preset.Name, seed);
                }
            }
        }

        return data;
    }

    private static MmSystem Run(ArchPgtable.Plugins.ArchInstance a, int seed, ArchPgtable.Machines.MachineDescription? machine, int steps = 3000)
    {
        var g = a.Geometry;
        var pages = 256;
        var bytes = (ulong)pages * g.PageSize;
        var (sys, mm) = Machines.Create(a, bytes, folioOrder: 4, seed: seed, machine: machine);
        sys.Options.Thp.Enable(2);
        if (g.ContPtes > 1)
        {
            // Folios of exactly one contiguous block too, so every granule maps contiguous blocks
            // (set_ptes) and unfolds them; the single-entry fold path is not reached by this mix.
            sys.Options.Thp.Enable(BitOperations.Log2((uint)g.ContPtes));
        }

        var rng = new Random(seed);
        Hardware.MmAgent Agent() => sys.Agents.Count > 1 ? sys.Agents[rng.Next(sys.Agents.Count)] : sys.DefaultAgent;
        var mms = new List<MmStruct> { mm };
        ulong Page() => Machines.Base + ((ulong)rng.Next(pages) * g.PageSize);
        (ulong Start, ulong Len) Range()
        {
            var first = rng.Next(pages);
            var n = 1 + rng.Next(Math.Min(48, pages - first));
            return (Machines.Base + ((ulong)first * g.PageSize), (ulong)n * g.PageSize);
        }

        for (var step = 0; step < steps; step++)
        {
            var m = mms[rng.Next(mms.Count)];
            var op = rng.Next(100);
            var (start, len) = Range();
            try
            {
                switch (op)
                {
                    case < 45: sys.Mmu.Access(Agent(), m, Page(), ArchPgtable.Hardware.MemoryAccess.Write); break;
                    case < 75: sys.Mmu.Access(Agent(), m, Page(), ArchPgtable.Hardware.MemoryAccess.Read); break;
                    case < 82: Madvise.Free(m, start, len, rng.Next(2) == 0 ? MadviseFreeAlgorithm.New : MadviseFreeAlgorithm.Old); break;
                    case < 86: Madvise.Cold(m, start, len); break;
                    case < 93: Reclaim.Range(m, start, len); break;
                    case < 95 when mms.Count < 3: mms.Add(Fork.Run(m)); break;
                    case < 97:
                        Munmap.Run(m, start, len);
                        m.Mmap(start, len, VmFlags.Read | VmFlags.Write);
                        break;
                    default: sys.Mmu.Write(m, start); break;
                }
            }
            catch (SegmentationFaultException)
            {
                // An access to a munmapped hole: fine, the process would get SIGSEGV.
            }

            Assert.True(sys.Oracle!.Losses.Count == 0, $"seed {seed} step {step}: {(sys.Oracle.Losses.Count > 0 ? sys.Oracle.Losses[0] : null)}");
            Assert.True(sys.Livelocks.Count == 0, $"seed {seed} step {step}: {(sys.Livelocks.Count > 0 ? sys.Livelocks[0] : null)}");
            Assert.True(sys.OutOfMemory.Count == 0, $"seed {seed} step {step}: {(sys.OutOfMemory.Count > 0 ? sys.OutOfMemory[0] : null)}");
            Assert.True(sys.Oracle.Violations.Count == 0, $"seed {seed} step {step}: {(sys.Oracle.Violations.Count > 0 ? sys.Oracle.Violations[0] : null)}");
        }

        foreach (var m in mms)
        {
            for (var va = Machines.Base; va < Machines.Base + bytes; va += g.PageSize)
            {
                if (m.FindVma(va) is not null)
                {
                    sys.Mmu.Read(m, va);
                }
            }
        }

        Assert.True(sys.Oracle!.Losses.Count == 0, $"seed {seed}: {(sys.Oracle.Losses.Count > 0 ? sys.Oracle.Losses[0] : null)}");
        Assert.True(sys.Oracle.ReadsChecked > 1000, $"only {sys.Oracle.ReadsChecked} reads checked");
        return sys;
    }

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var arch in Machines.Configs.Keys)
        {
            foreach (var seed in new[] { 1, 2, 3 })
            {
                data.Add(arch, seed);
            }
        }

        return data;
    }
}
