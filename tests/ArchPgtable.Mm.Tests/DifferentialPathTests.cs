using System.Globalization;
using System.Numerics;
using System.Text;
using ArchPgtable.Hardware;
using ArchPgtable.Mm.Memory;
using ArchPgtable.Mm.Operations;

namespace ArchPgtable.Mm.Tests;

/// <summary>
/// Differential tests of each core-mm path's old and new algorithm (issue 12 item 5): two machines built by the same
/// seeded setup — folios of several sizes, partly mapped (fork, partial munmap in the child, COW writes), mixed
/// write/dirty/young (and soft-dirty where the arch has it) inside one folio — run the old and the new algorithm on
/// the same random range and must end in the same view: per page present, PFN, write, soft-dirty, swap, mapcount and
/// PageAnonExclusive; per folio young and dirty OR-ed over its entries and its flags (batched helpers merge the
/// access bits over a batch, which the semantics allow). A known-bad variant of each batched path must differ or be
/// caught by an oracle.
/// </summary>
public class DifferentialPathTests
{
    private const int Pages = 128;
    private const ulong Far = 0x10000000;

    public static TheoryData<string> Arches => new(["arm64-4k", "arm64-16k", "arm64-64k", "arm64-4k-noafdbm", "x86_64", "riscv64-sv48", "riscv64-sv48-svade", "generic"]);

    [Theory]
    [MemberData(nameof(Arches))]
    public void Mprotect_old_and_new_end_in_the_same_view(string arch)
    {
        for (var seed = 1; seed <= 12; seed++)
        {
            var (old, oldMm, range) = Setup(arch, seed);
            var (neu, newMm, _) = Setup(arch, seed);
            Mprotect.Run(oldMm, range.Start, range.Len, VmFlags.Read, MprotectAlgorithm.Old);
            Mprotect.Run(newMm, range.Start, range.Len, VmFlags.Read, MprotectAlgorithm.New);
            AssertSame(old, oldMm, neu, newMm, $"{arch} seed {seed} mprotect(R) [0x{range.Start:x}+0x{range.Len:x}]");
            Mprotect.Run(oldMm, range.Start, range.Len, VmFlags.Read | VmFlags.Write, MprotectAlgorithm.Old);
            Mprotect.Run(newMm, range.Start, range.Len, VmFlags.Read | VmFlags.Write, MprotectAlgorithm.New);
            AssertSame(old, oldMm, neu, newMm, $"{arch} seed {seed} mprotect(RW) [0x{range.Start:x}+0x{range.Len:x}]");
            AssertNoFindings(old, neu, arch, seed);
        }
    }

    [Theory]
    [MemberData(nameof(Arches))]
    public void Mremap_old_and_new_end_in_the_same_view(string arch)
    {
        for (var seed = 1; seed <= 12; seed++)
        {
            var (old, oldMm, range) = Setup(arch, seed);
            var (neu, newMm, _) = Setup(arch, seed);
            var page = old.Arch.Geometry.PageSize;
            var to = Machines.Base + Far + ((ulong)(seed % 3 == 0 ? 7 : 16) * page);
            Mremap.Run(oldMm, range.Start, range.Len, to, MremapAlgorithm.Old);
            Mremap.Run(newMm, range.Start, range.Len, to, MremapAlgorithm.New);
            AssertSame(old, oldMm, neu, newMm, $"{arch} seed {seed} mremap [0x{range.Start:x}+0x{range.Len:x}] → 0x{to:x}");
            WriteEverywhere(old, oldMm);
            WriteEverywhere(neu, newMm);
            AssertNoFindings(old, neu, arch, seed);
        }
    }

    [Theory]
    [MemberData(nameof(Arches))]
    public void Reference_checking_and_aging_old_and_new_end_in_the_same_view(string arch)
    {
        for (var seed = 1; seed <= 12; seed++)
        {
            var (old, oldMm, range) = Setup(arch, seed);
            var (neu, newMm, _) = Setup(arch, seed, ReferenceAlgorithm.New);
            var oldYoung = AgingWalk.Run(oldMm, range.Start, range.Len, ReferenceAlgorithm.Old);
            var newYoung = AgingWalk.Run(newMm, range.Start, range.Len, ReferenceAlgorithm.New);
            Assert.True(oldYoung == newYoung, $"{arch} seed {seed}: aging found {oldYoung} young folios old, {newYoung} new");
            AssertSame(old, oldMm, neu, newMm, $"{arch} seed {seed} aging walk");
            var oldOut = Reclaim.Range(oldMm, range.Start, range.Len);
            var newOut = Reclaim.Range(newMm, range.Start, range.Len);
            Assert.Equal(oldOut, newOut);
            AssertSame(old, oldMm, neu, newMm, $"{arch} seed {seed} reclaim");
            AssertNoFindings(old, neu, arch, seed);
        }
    }

    [Fact]
    public void The_first_entry_only_reference_variant_differs_from_the_per_entry_algorithm()
    {
        var differed = 0;
        for (var seed = 1; seed <= 12; seed++)
        {
            var (old, oldMm, range) = Setup("arm64-4k", seed);
            var (bad, badMm, _) = Setup("arm64-4k", seed);
            AgingWalk.Run(oldMm, range.Start, range.Len, ReferenceAlgorithm.Old);
            AgingWalk.Run(badMm, range.Start, range.Len, ReferenceAlgorithm.NewFirstEntryOnly);
            differed += View(old, oldMm) == View(bad, badMm) ? 0 : 1;
        }

        Assert.True(differed > 0, "ignoring nr in the batched aging walk was never seen by the differential view");
    }

    [Fact]
    public void The_write_ignoring_mremap_variant_is_caught_on_a_writable_block_followed_by_read_only_pages()
    {
        // One 128K folio on arm64 4K (two contiguous blocks): the first block writable and exclusive, the second
        // read-only and no longer exclusive (as after fork). The batch from the first block runs into the second.
        foreach (var (algorithm, caught) in new[] { (MremapAlgorithm.New, false), (MremapAlgorithm.NewIgnoringWrite, true) })
        {
            var a = Machines.Build("arm64-4k");
            var (sys, mm) = Machines.Create(a, 32 * 4096, folioOrder: 5);
            Machines.WriteAll(sys, mm, Machines.Base, 32 * 4096);
            var ptep = mm.PageTable.PtePointer(Machines.Base);
            var pfn = sys.Format.Pfn(sys.Arch.Ops.PtepGet(ptep));
            sys.Arch.Ops.WrprotectPtes(mm, Machines.Base + (16 * 4096), ptep + 16, 16);
            mm.Tlb.FlushAll();
            sys.Memory.SetAnonExclusive(pfn + 16, 16, false);
            Mremap.Run(mm, Machines.Base, 32 * 4096, Machines.Base + Far, algorithm);
            Oracle.IsolationAudit.Range(mm, Machines.Base + Far, Machines.Base + Far + (32 * 4096));
            Assert.True(caught == sys.Oracle!.Violations.Count > 0, $"{algorithm}: {string.Join(" | ", sys.Oracle.Violations)}");
            Assert.Equal(caught, sys.Format.Write(sys.Arch.Ops.PtepGet(mm.PageTable.PtePointer(Machines.Base + Far + (20 * 4096)))));
        }
    }

    [Fact]
    public void The_first_page_decides_mprotect_variant_is_caught_by_the_permission_oracle()
    {
        foreach (var (algorithm, caught) in new[] { (MprotectAlgorithm.New, false), (MprotectAlgorithm.Old, false), (MprotectAlgorithm.NewFirstPageDecides, true) })
        {
            var a = Machines.Build("arm64-4k");
            var (sys, mm) = Machines.Create(a, 16 * 4096, folioOrder: 4);
            Machines.WriteAll(sys, mm, Machines.Base, 16 * 4096);
            var pfn = sys.Format.Pfn(sys.Arch.Ops.PtepGet(mm.PageTable.PtePointer(Machines.Base)));
            Mprotect.Run(mm, Machines.Base, 16 * 4096, VmFlags.Read, algorithm);
            sys.Memory.SetAnonExclusive(pfn + 8, 8, false); // as if those pages were shared and the sharer left
            Mprotect.Run(mm, Machines.Base, 16 * 4096, VmFlags.Read | VmFlags.Write, algorithm);
            sys.Mmu.Write(mm, Machines.Base + (12 * 4096));
            Assert.True(caught == sys.Oracle!.Violations.Any(v => v.Kind == Oracle.ViolationKind.Permission), $"{algorithm}: {string.Join(" | ", sys.Oracle.Violations)}");
        }
    }

    private static (MmSystem Sys, MmStruct Mm, (ulong Start, ulong Len) Range) Setup(string arch, int seed, ReferenceAlgorithm referenced = ReferenceAlgorithm.Old)
    {
        var a = Machines.Build(arch);
        var g = a.Geometry;
        var sys = new MmSystem(a, new MmOptions { PhysicalPages = 1 << 14, Thp = ThpPolicy.WithOrders(2, 4), Seed = seed, Referenced = referenced });
        if (g.ContPtes > 1)
        {
            sys.Options.Thp.Enable(BitOperations.Log2((uint)g.ContPtes));
        }

        var mm = sys.CreateMm();
        mm.Mmap(Machines.Base, Pages * g.PageSize, VmFlags.Read | VmFlags.Write);
        var rng = new Random(seed);
        ulong Page() => Machines.Base + ((ulong)rng.Next(Pages) * g.PageSize);
        for (var i = 0; i < Pages * 2; i++)
        {
            sys.Mmu.Access(mm, Page(), rng.Next(3) == 0 ? MemoryAccess.Read : MemoryAccess.Write);
        }

        // Partial folios and mixed write/exclusive pages: fork, the child unmaps a piece and writes some pages.
        var child = Fork.Run(mm);
        var cut = rng.Next(Pages - 8);
        Munmap.Run(child, Machines.Base + ((ulong)cut * g.PageSize), (ulong)(1 + rng.Next(24)) * g.PageSize);
        for (var i = 0; i < Pages / 2; i++)
        {
            try
            {
                sys.Mmu.Access(rng.Next(2) == 0 ? mm : child, Page(), rng.Next(4) == 0 ? MemoryAccess.Read : MemoryAccess.Write);
            }
            catch (SegmentationFaultException)
            {
            }
        }

        // Mixed young/dirty: some ranges cold or lazyfree, some entries touched again.
        var (s1, l1) = RandomRange(rng, g.PageSize);
        Madvise.Cold(mm, s1, l1);
        var (s2, l2) = RandomRange(rng, g.PageSize);
        Madvise.Free(mm, s2, l2, MadviseFreeAlgorithm.New);
        for (var i = 0; i < Pages / 4; i++)
        {
            sys.Mmu.Access(mm, Page(), rng.Next(2) == 0 ? MemoryAccess.Read : MemoryAccess.Write);
        }

        if (sys.Format.HasSoftDirty)
        {
            // Soft-dirty on some entries only (the kernel sets it in faults; clear_refs clears it).
            for (var va = Machines.Base; va < Machines.Base + (Pages * g.PageSize); va += g.PageSize)
            {
                var ptep = mm.PageTable.PtePointer(va);
                var pte = sys.Arch.Ops.PtepGet(ptep);
                if (sys.Format.Present(pte) && rng.Next(3) == 0)
                {
                    sys.Arch.Ops.SetPteAt(mm, va, ptep, sys.Format.MkSoftDirty(pte));
                }
            }
        }

        return (sys, mm, RandomRange(rng, g.PageSize));
    }

    private static (ulong Start, ulong Len) RandomRange(Random rng, ulong page)
    {
        var first = rng.Next(Pages);
        var n = 1 + rng.Next(Pages - first);
        return (Machines.Base + ((ulong)first * page), (ulong)n * page);
    }

    private static void WriteEverywhere(MmSystem sys, MmStruct mm)
    {
        foreach (var vma in mm.Vmas.ToList())
        {
            for (var va = vma.Start; va < vma.End; va += sys.Arch.Geometry.PageSize)
            {
                if ((vma.Flags & VmFlags.Write) != 0)
                {
                    sys.Mmu.Write(mm, va);
                }

                sys.Mmu.Read(mm, va);
            }
        }
    }

    private static void AssertNoFindings(MmSystem a, MmSystem b, string arch, int seed)
    {
        foreach (var s in new[] { a, b })
        {
            Oracle.IsolationAudit.All(s);
            Assert.True(s.Oracle!.Losses.Count == 0, $"{arch} seed {seed}: {(s.Oracle.Losses.Count > 0 ? s.Oracle.Losses[0] : null)}");
            Assert.True(s.Oracle.Violations.Count == 0, $"{arch} seed {seed}: {(s.Oracle.Violations.Count > 0 ? s.Oracle.Violations[0] : null)}");
        }
    }

    private static void AssertSame(MmSystem a, MmStruct am, MmSystem b, MmStruct bm, string what)
    {
        var va = View(a, am);
        var vb = View(b, bm);
        if (va == vb)
        {
            return;
        }

        var la = va.Split('\n');
        var lb = vb.Split('\n');
        var i = 0;
        while (i < Math.Min(la.Length, lb.Length) && la[i] == lb[i])
        {
            i++;
        }

        Assert.Fail($"{what}: old and new differ first at line {i}: old '{(i < la.Length ? la[i] : "")}' new '{(i < lb.Length ? lb[i] : "")}'");
    }

    /// <summary>Every VMA, every mapped page (present, PFN, write, soft-dirty, mapcount, exclusive, or swap), every folio's young/dirty OR and flags.</summary>
    private static string View(MmSystem sys, MmStruct mm)
    {
        var ops = sys.Arch.Ops;
        var fmt = sys.Format;
        var mem = sys.Memory;
        var g = sys.Arch.Geometry;
        var sb = new StringBuilder();
        var folios = new SortedDictionary<ulong, (bool Young, bool Dirty)>();
        foreach (var vma in mm.Vmas)
        {
            sb.Append(CultureInfo.InvariantCulture, $"vma {vma}\n");
            for (var va = vma.Start; va < vma.End; va += g.PageSize)
            {
                var table = mm.PageTable.Find(va);
                var pte = table is null ? default : ops.PtepGet(table[g.PteIndex(va)]);
                if (pte.IsNone)
                {
                    continue;
                }

                if (!fmt.Present(pte))
                {
                    sb.Append(CultureInfo.InvariantCulture, $"0x{va:x} swap\n");
                    continue;
                }

                var pfn = fmt.Pfn(pte);
                if (pfn == mem.ZeroPfn)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"0x{va:x} zero w{fmt.Write(pte)}\n");
                    continue;
                }

                sb.Append(CultureInfo.InvariantCulture,
                    $"0x{va:x} pfn 0x{pfn:x} w{fmt.Write(pte)} sd{fmt.SoftDirty(pte)} map{mem.Mapcount(pfn)} ex{mem.AnonExclusive(pfn)}\n");
                var head = mem.HeadOf(pfn);
                folios.TryGetValue(head, out var yd);
                folios[head] = (yd.Young | fmt.Young(pte), yd.Dirty | fmt.Dirty(pte));
            }
        }

        foreach (var (head, yd) in folios)
        {
            sb.Append(CultureInfo.InvariantCulture, $"folio 0x{head:x} young {yd.Young} dirty {yd.Dirty | mem.Test(head, FolioFlags.Dirty)} flags {mem.Flags(head)}\n");
        }

        return sb.ToString();
    }
}
