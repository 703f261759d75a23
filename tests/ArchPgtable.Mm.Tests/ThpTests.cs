using ArchPgtable.Hardware;
using ArchPgtable.Mm.Memory;
using ArchPgtable.Mm.Operations;
using ArchPgtable.Mm.Oracle;
using ArchPgtable.Plugins;

namespace ArchPgtable.Mm.Tests;

/// <summary>PMD-mapped THPs in the engine: the huge fault, the MMU on a block entry, split_huge_pmd and every core-mm path's PMD branch.</summary>
public class ThpTests
{
    /// <summary>One build per arch and granule, with and without hardware A/D.</summary>
    public static TheoryData<string> Arches => new()
    {
        "arm64-4k", "arm64-16k", "arm64-64k", "arm64-4k-nocontpte-noafdbm", "arm64-16k-nocontpte", "x86_64", "riscv64-sv48", "riscv64-sv39-svade", "generic",
    };

    /// <summary>A few builds for the slower path tests.</summary>
    public static TheoryData<string> Some => new() { "arm64-4k", "arm64-64k", "x86_64", "riscv64-sv39-svade" };

    private static int PmdOrder(ArchInstance a) => System.Numerics.BitOperations.Log2((uint)a.Geometry.PtrsPerPte);

    private static (MmSystem Sys, MmStruct Mm) Create(ArchInstance a, ulong start, ulong bytes, ArchPgtable.Machines.MachineDescription? machine = null) =>
        CreateWith(a, start, bytes, machine);

    private static (MmSystem Sys, MmStruct Mm) CreateWith(ArchInstance a, ulong start, ulong bytes, ArchPgtable.Machines.MachineDescription? machine, bool pmdMapping = true)
    {
        var sys = new MmSystem(a, new MmOptions
        {
            PhysicalPages = 1 << 16,
            Thp = ThpPolicy.WithOrders(PmdOrder(a)),
            Machine = machine,
            PmdMapping = pmdMapping,
        });
        var mm = sys.CreateMm();
        mm.Mmap(start, bytes, VmFlags.Read | VmFlags.Write);
        return (sys, mm);
    }

    private static bool IsLeaf(MmStruct mm, ulong va) => HugePmd.TryGetLeaf(mm, va, out _, out _);

    private static Pmd Leaf(MmStruct mm, ulong va) => HugePmd.TryGetLeaf(mm, va, out _, out var pmd) ? pmd : throw new InvalidOperationException("no huge PMD");

    /// <summary>Writes every <paramref name="stride"/>-th page of the PMD at <paramref name="haddr"/> and its last page; returns page index → version.</summary>
    private static Dictionary<ulong, int> WriteSome(MmSystem sys, MmStruct mm, ulong haddr, ulong stride = 37)
    {
        var g = sys.Arch.Geometry;
        var pages = (ulong)g.PtrsPerPte;
        var written = new Dictionary<ulong, int>();
        for (ulong i = 0; i < pages; i += stride)
        {
            written[i] = sys.Mmu.Write(mm, haddr + (i << g.PageShift));
        }

        written[pages - 1] = sys.Mmu.Write(mm, haddr + ((pages - 1) << g.PageShift));
        return written;
    }

    private static void AssertReads(MmSystem sys, MmStruct mm, ulong haddr, Dictionary<ulong, int> written)
    {
        foreach (var (i, v) in written)
        {
            Assert.Equal(v, sys.Mmu.Read(mm, haddr + (i << sys.Arch.Geometry.PageShift)));
        }

        Assert.Empty(sys.Oracle!.Losses);
        Assert.Empty(sys.Oracle.Violations);
        Assert.Empty(sys.Livelocks);
    }

    [Theory]
    [MemberData(nameof(Arches))]
    public void An_anonymous_fault_maps_one_leaf_pmd_without_a_pte_table(string arch)
    {
        var a = Machines.Build(arch);
        var g = a.Geometry;
        var (sys, mm) = Create(a, Machines.Base, 2 * g.PmdSize);
        var written = WriteSome(sys, mm, Machines.Base);

        Assert.True(IsLeaf(mm, Machines.Base));
        Assert.Null(mm.PageTable.Find(Machines.Base));
        Assert.Equal(0, mm.PageTable.PteTables);
        var pmd = Leaf(mm, Machines.Base);
        var ops = a.PmdOps!;
        Assert.True(ops.Leaf(pmd) && ops.Valid(pmd) && ops.Write(pmd) && ops.Young(pmd) && ops.Dirty(pmd));
        var head = ops.Pfn(pmd);
        Assert.Equal(0UL, head % (ulong)g.PtrsPerPte);
        Assert.Equal(PmdOrder(a), sys.Memory.OrderOf(head));
        Assert.Equal(g.PtrsPerPte, sys.Memory.FolioMapcount(head));
        Assert.True(sys.Memory.AnonExclusive(head));
        Assert.Equal(1, sys.Stats.ThpFaults);
        Assert.Equal(g.PtrsPerPte, sys.Memory.AllocatedPages);
        Assert.False(IsLeaf(mm, Machines.Base + g.PmdSize));   // the second PMD is untouched
        AssertReads(sys, mm, Machines.Base, written);

        // One TLB entry covers the whole PMD.
        var entry = Assert.Single(sys.Tlb.EntriesOf(mm.Id));
        Assert.Equal(g.PtrsPerPte, entry.Pages);
        Assert.Equal(Machines.Base >> g.PageShift, entry.BaseVpn);
        Assert.Equal(head, entry.BasePfn);
    }

    [Theory]
    [MemberData(nameof(Arches))]
    public void Without_hardware_a_d_the_block_faults_for_its_access_flag_and_dirty_bit_and_makes_progress(string arch)
    {
        var a = Machines.Build(arch);
        var g = a.Geometry;
        var (sys, mm) = Create(a, Machines.Base, g.PmdSize);
        var v = sys.Mmu.Write(mm, Machines.Base);
        Madvise.Free(mm, Machines.Base, g.PmdSize, MadviseFreeAlgorithm.New);
        var ops = a.PmdOps!;
        Assert.False(ops.Young(Leaf(mm, Machines.Base)) || ops.Dirty(Leaf(mm, Machines.Base)));

        Assert.Equal(v, sys.Mmu.Read(mm, Machines.Base));
        Assert.True(ops.Young(Leaf(mm, Machines.Base)));
        var w = sys.Mmu.Write(mm, Machines.Base + (2 * g.PageSize));
        Assert.True(ops.Dirty(Leaf(mm, Machines.Base)));
        Assert.Equal(w, sys.Mmu.Read(mm, Machines.Base + (2 * g.PageSize)));
        Assert.Equal(0, sys.Stats.PmdSplits);
        Assert.Empty(sys.Livelocks);
    }

    [Theory]
    [MemberData(nameof(Some))]
    public void The_first_and_the_last_pmd_of_a_vma_get_a_thp(string arch)
    {
        var a = Machines.Build(arch);
        var g = a.Geometry;
        var (sys, mm) = Create(a, Machines.Base, 3 * g.PmdSize);
        sys.Mmu.Write(mm, Machines.Base);
        sys.Mmu.Write(mm, Machines.Base + (3 * g.PmdSize) - g.PageSize);
        Assert.True(IsLeaf(mm, Machines.Base));
        Assert.False(IsLeaf(mm, Machines.Base + g.PmdSize));
        Assert.True(IsLeaf(mm, Machines.Base + (2 * g.PmdSize)));
        Assert.Equal(2, sys.Stats.ThpFaults);
        Assert.Equal(0, mm.PageTable.PteTables);
    }

    [Theory]
    [MemberData(nameof(Some))]
    public void A_vma_too_small_or_unaligned_for_a_pmd_gets_base_pages(string arch)
    {
        var a = Machines.Build(arch);
        var g = a.Geometry;

        // One page short of a PMD: no THP.
        var (sys, mm) = Create(a, Machines.Base, g.PmdSize - g.PageSize);
        sys.Mmu.Write(mm, Machines.Base);
        Assert.False(IsLeaf(mm, Machines.Base));
        Assert.NotNull(mm.PageTable.Find(Machines.Base));

        // A PMD's worth, but starting one page in: it covers no aligned PMD.
        (sys, mm) = Create(a, Machines.Base + g.PageSize, g.PmdSize);
        sys.Mmu.Write(mm, Machines.Base + g.PageSize);
        sys.Mmu.Write(mm, Machines.Base + g.PmdSize);
        Assert.Equal(0, sys.Stats.ThpFaults);

        // Unaligned at both ends around one whole PMD: only that PMD is huge.
        (sys, mm) = Create(a, Machines.Base + g.PmdSize - g.PageSize, g.PmdSize + (2 * g.PageSize));
        sys.Mmu.Write(mm, Machines.Base + g.PmdSize - g.PageSize);
        sys.Mmu.Write(mm, Machines.Base + g.PmdSize);
        sys.Mmu.Write(mm, Machines.Base + (2 * g.PmdSize));
        Assert.Equal(1, sys.Stats.ThpFaults);
        Assert.True(IsLeaf(mm, Machines.Base + g.PmdSize));
        Assert.Empty(sys.Oracle!.Losses);
    }

    [Fact]
    public void Without_pmd_mapping_a_pmd_order_folio_is_pte_mapped()
    {
        var a = Machines.Build("arm64-4k");
        var (sys, mm) = CreateWith(a, Machines.Base, a.Geometry.PmdSize, null, pmdMapping: false);
        sys.Mmu.Write(mm, Machines.Base);
        Assert.False(IsLeaf(mm, Machines.Base));
        Assert.Equal(PmdOrder(a), sys.Memory.OrderOf(a.Format.Pfn(Machines.Get(sys, mm, Machines.Base))));
    }

    [Theory]
    [InlineData("arm64-4k", 0UL)]
    [InlineData("arm64-4k", 200UL)]
    [InlineData("arm64-4k", 511UL)]
    [InlineData("arm64-16k", 2047UL)]
    [InlineData("x86_64", 0UL)]
    [InlineData("riscv64-sv48", 511UL)]
    [InlineData("generic", 300UL)]
    public void Munmap_of_part_of_a_pmd_splits_the_pmd_and_keeps_the_folio(string arch, ulong page)
    {
        var a = Machines.Build(arch);
        var g = a.Geometry;
        var (sys, mm) = Create(a, Machines.Base, g.PmdSize);
        var written = WriteSome(sys, mm, Machines.Base, 16);
        var head = a.PmdOps!.Pfn(Leaf(mm, Machines.Base));

        Munmap.Run(mm, Machines.Base + (page << g.PageShift), g.PageSize);

        Assert.Equal(1, sys.Stats.PmdSplits);
        Assert.False(IsLeaf(mm, Machines.Base));
        Assert.Equal(PmdOrder(a), sys.Memory.OrderOf(head));          // only the mapping was split
        Assert.Equal(g.PtrsPerPte - 1, sys.Memory.FolioMapcount(head));
        Assert.False(a.Format.Present(Machines.Get(sys, mm, Machines.Base + (page << g.PageShift))));
        var other = page == 0 ? 1UL : 0UL;
        var pte = Machines.Get(sys, mm, Machines.Base + (other << g.PageShift));
        Assert.Equal(head + other, a.Format.Pfn(pte));
        Assert.True(a.Format.Write(pte));
        written.Remove(page);
        AssertReads(sys, mm, Machines.Base, written);

        Munmap.Run(mm, Machines.Base, g.PmdSize);
        Assert.Equal(0, sys.Memory.AllocatedPages);
    }

    [Theory]
    [MemberData(nameof(Arches))]
    public void Munmap_of_a_whole_pmd_zaps_it_without_a_split_and_flushes_its_tlb_entry(string arch)
    {
        var a = Machines.Build(arch);
        var g = a.Geometry;
        var (sys, mm) = Create(a, Machines.Base, 2 * g.PmdSize);
        sys.Mmu.Write(mm, Machines.Base);
        sys.Mmu.Write(mm, Machines.Base + g.PmdSize);
        Assert.Equal(2, sys.Tlb.EntriesOf(mm.Id).Count());

        Munmap.Run(mm, Machines.Base, g.PmdSize);

        Assert.Equal(0, sys.Stats.PmdSplits);
        Assert.False(IsLeaf(mm, Machines.Base));
        Assert.Equal(g.PtrsPerPte, sys.Memory.AllocatedPages);
        var left = Assert.Single(sys.Tlb.EntriesOf(mm.Id));
        Assert.Equal((Machines.Base + g.PmdSize) >> g.PageShift, left.BaseVpn);
        Assert.Throws<SegmentationFaultException>(() => sys.Mmu.Read(mm, Machines.Base));
    }

    [Theory]
    [MemberData(nameof(Some))]
    public void A_range_flush_of_one_page_removes_the_whole_pmd_entry(string arch)
    {
        var a = Machines.Build(arch);
        var g = a.Geometry;
        var (sys, mm) = Create(a, Machines.Base, g.PmdSize);
        sys.Mmu.Read(mm, Machines.Base + (3 * g.PageSize));
        sys.Mmu.Read(mm, Machines.Base + (7 * g.PageSize));
        Assert.Single(sys.Tlb.EntriesOf(mm.Id));
        var hits = sys.Stats.TlbHits;
        sys.Mmu.Read(mm, Machines.Base + g.PmdSize - g.PageSize);
        Assert.Equal(hits + 1, sys.Stats.TlbHits);

        mm.Tlb.FlushRange(Machines.Base + g.PmdSize - g.PageSize, Machines.Base + g.PmdSize, g.PageSize, lastLevel: true, sync: true);
        Assert.Empty(sys.Tlb.EntriesOf(mm.Id));
    }

    [Theory]
    [MemberData(nameof(Some))]
    public void Mprotect_of_part_of_a_pmd_splits_it_and_of_the_whole_pmd_changes_the_leaf(string arch)
    {
        var a = Machines.Build(arch);
        var g = a.Geometry;
        var ops = a.PmdOps!;
        var (sys, mm) = Create(a, Machines.Base, 2 * g.PmdSize);
        var w0 = WriteSome(sys, mm, Machines.Base);
        var w1 = WriteSome(sys, mm, Machines.Base + g.PmdSize);

        // The whole second PMD read-only and back: change_huge_pmd, no split; the exclusive folio is writable at once.
        Mprotect.Run(mm, Machines.Base + g.PmdSize, g.PmdSize, VmFlags.Read, MprotectAlgorithm.New);
        Assert.False(ops.Write(Leaf(mm, Machines.Base + g.PmdSize)));
        Assert.Throws<SegmentationFaultException>(() => sys.Mmu.Write(mm, Machines.Base + g.PmdSize));
        Mprotect.Run(mm, Machines.Base + g.PmdSize, g.PmdSize, VmFlags.Read | VmFlags.Write, MprotectAlgorithm.Old);
        Assert.True(ops.Write(Leaf(mm, Machines.Base + g.PmdSize)));
        var faults = sys.Stats.Faults;
        w1[3] = sys.Mmu.Write(mm, Machines.Base + g.PmdSize + (3 * g.PageSize));
        Assert.Equal(faults, sys.Stats.Faults);
        Assert.Equal(0, sys.Stats.PmdSplits);

        // The last page of the first PMD read-only: that PMD is split, the rest stays writable.
        var last = Machines.Base + g.PmdSize - g.PageSize;
        Mprotect.Run(mm, last, g.PageSize, VmFlags.Read, MprotectAlgorithm.New);
        Assert.Equal(1, sys.Stats.PmdSplits);
        Assert.False(IsLeaf(mm, Machines.Base));
        Assert.True(IsLeaf(mm, Machines.Base + g.PmdSize));
        Assert.False(a.Format.Write(Machines.Get(sys, mm, last)));
        Assert.True(a.Format.Write(Machines.Get(sys, mm, last - g.PageSize)));
        Assert.Throws<SegmentationFaultException>(() => sys.Mmu.Write(mm, last));
        AssertReads(sys, mm, Machines.Base, w0);
        AssertReads(sys, mm, Machines.Base + g.PmdSize, w1);
        Assert.Equal(0, IsolationAudit.All(sys));
    }

    [Theory]
    [MemberData(nameof(Arches))]
    public void Madvise_free_of_a_whole_pmd_marks_the_folio_lazyfree_without_a_split(string arch)
    {
        var a = Machines.Build(arch);
        var g = a.Geometry;
        var ops = a.PmdOps!;
        var (sys, mm) = Create(a, Machines.Base, g.PmdSize);
        WriteSome(sys, mm, Machines.Base);
        var head = ops.Pfn(Leaf(mm, Machines.Base));
        var splits = sys.Counters.FolioSplits;

        Madvise.Free(mm, Machines.Base, g.PmdSize, MadviseFreeAlgorithm.Old);

        var pmd = Leaf(mm, Machines.Base);
        Assert.False(ops.Young(pmd));
        Assert.False(ops.Dirty(pmd));
        Assert.True(ops.Write(pmd));
        Assert.False(sys.Memory.Test(head, FolioFlags.SwapBacked));
        Assert.Equal(0, sys.Stats.PmdSplits);
        Assert.Equal(splits, sys.Counters.FolioSplits);
        Assert.Equal(1, sys.Stats.LazyfreeFolios);
    }

    [Theory]
    [InlineData("arm64-4k", 0UL)]
    [InlineData("arm64-4k", 511UL)]
    [InlineData("arm64-64k", 4000UL)]
    [InlineData("x86_64", 100UL)]
    [InlineData("riscv64-sv39-svade", 0UL)]
    public void Madvise_free_of_part_of_a_pmd_splits_the_folio(string arch, ulong page)
    {
        var a = Machines.Build(arch);
        var g = a.Geometry;
        var (sys, mm) = Create(a, Machines.Base, g.PmdSize);
        var written = WriteSome(sys, mm, Machines.Base);
        var head = a.PmdOps!.Pfn(Leaf(mm, Machines.Base));

        Madvise.Free(mm, Machines.Base + (page << g.PageShift), g.PageSize, MadviseFreeAlgorithm.New);

        Assert.Equal(1, sys.Stats.PmdSplits);
        Assert.Equal(0, sys.Memory.OrderOf(head));
        Assert.False(sys.Memory.Test(head + page, FolioFlags.SwapBacked));
        Assert.True(sys.Memory.Test(head + (page == 0 ? 1UL : 0UL), FolioFlags.SwapBacked));
        Assert.Equal(1, sys.Stats.LazyfreeFolios);
        AssertReads(sys, mm, Machines.Base, written);
    }

    [Theory]
    [MemberData(nameof(Some))]
    public void Fork_shares_the_pmd_write_protected_then_a_write_copies_one_page(string arch)
    {
        var a = Machines.Build(arch);
        var g = a.Geometry;
        var ops = a.PmdOps!;
        var (sys, parent) = Create(a, Machines.Base, g.PmdSize);
        var written = WriteSome(sys, parent, Machines.Base);
        var head = ops.Pfn(Leaf(parent, Machines.Base));

        var child = Fork.Run(parent);

        Assert.True(IsLeaf(child, Machines.Base));
        Assert.Equal(head, ops.Pfn(Leaf(child, Machines.Base)));
        Assert.False(ops.Write(Leaf(parent, Machines.Base)));
        Assert.False(ops.Write(Leaf(child, Machines.Base)));
        Assert.False(ops.Young(Leaf(child, Machines.Base)));
        Assert.Equal(2, sys.Memory.Mapcount(head + 5));
        Assert.False(sys.Memory.AnonExclusive(head));
        Assert.Equal(0, child.PageTable.PteTables);
        AssertReads(sys, child, Machines.Base, written);

        // The child's write: do_huge_pmd_wp_page splits the child's PMD and copies one page.
        var page = Machines.Base + (5 * g.PageSize);
        var v = sys.Mmu.Write(child, page);
        Assert.Equal(1, sys.Stats.PmdSplits);
        Assert.True(IsLeaf(parent, Machines.Base));
        Assert.NotEqual(head + 5, a.Format.Pfn(Machines.Get(sys, child, page)));
        Assert.Equal(1, sys.Stats.CowCopies);
        Assert.Equal(v, sys.Mmu.Read(child, page));
        Assert.NotEqual(v, sys.Mmu.Read(parent, page));

        // The parent's write to a page still shared: its PMD is split too, and it copies.
        var w = sys.Mmu.Write(parent, Machines.Base);
        Assert.Equal(2, sys.Stats.PmdSplits);
        Assert.NotEqual(w, sys.Mmu.Read(child, Machines.Base));
        Assert.Equal(0, IsolationAudit.All(sys));
        Assert.Empty(sys.Oracle!.Violations);
        Assert.Empty(sys.Oracle.Losses);
    }

    [Theory]
    [MemberData(nameof(Some))]
    public void A_write_after_the_child_exits_reuses_the_folio_at_the_pmd(string arch)
    {
        var a = Machines.Build(arch);
        var g = a.Geometry;
        var (sys, parent) = Create(a, Machines.Base, g.PmdSize);
        WriteSome(sys, parent, Machines.Base);
        var child = Fork.Run(parent);
        Munmap.Run(child, Machines.Base, g.PmdSize);

        var v = sys.Mmu.Write(parent, Machines.Base + g.PageSize);
        Assert.True(a.PmdOps!.Write(Leaf(parent, Machines.Base)));
        Assert.Equal(0, sys.Stats.PmdSplits);
        Assert.Equal(0, sys.Stats.CowCopies);
        Assert.Equal(v, sys.Mmu.Read(parent, Machines.Base + g.PageSize));
        Assert.Equal(0, IsolationAudit.All(sys));
    }

    [Theory]
    [MemberData(nameof(Arches))]
    public void Reclaim_discards_a_clean_lazyfree_thp_whole(string arch)
    {
        var a = Machines.Build(arch);
        var g = a.Geometry;
        var (sys, mm) = Create(a, Machines.Base, g.PmdSize);
        WriteSome(sys, mm, Machines.Base);
        Madvise.Free(mm, Machines.Base, g.PmdSize, MadviseFreeAlgorithm.New);

        var outcome = Assert.Single(Reclaim.Range(mm, Machines.Base, g.PmdSize));

        Assert.Equal(ReclaimOutcome.Discarded, outcome.Outcome);
        Assert.Equal(1, sys.Stats.ThpDiscarded);
        Assert.Equal(0, sys.Stats.PmdSplits);
        Assert.Equal(0, sys.Memory.AllocatedPages);
        Assert.False(IsLeaf(mm, Machines.Base));
        Assert.Equal(0, sys.Mmu.Read(mm, Machines.Base + g.PageSize));   // MADV_FREE allowed the zero fill
        Assert.Empty(sys.Oracle!.Losses);
    }

    [Theory]
    [InlineData("arm64-4k", null, "cpu0")]
    [InlineData("arm64-4k", "smmu-no-httu", "smmu0")]
    [InlineData("arm64-4k", "smmu-httu", "smmu0")]
    [InlineData("arm64-16k", "smmu-httu", "smmu0")]
    [InlineData("x86_64", null, "cpu0")]
    [InlineData("riscv64-sv48", null, "cpu0")]
    [InlineData("riscv64-sv39-svade", null, "cpu0")]
    public void Reclaim_keeps_a_lazyfree_thp_written_again(string arch, string? preset, string writer)
    {
        var a = Machines.Build(arch);
        var g = a.Geometry;
        var machine = preset is null ? null : a.MachineSupportOrDefault.Find(preset)!;
        var (sys, mm) = Create(a, Machines.Base, g.PmdSize, machine);
        var written = WriteSome(sys, mm, Machines.Base);
        Madvise.Free(mm, Machines.Base, g.PmdSize, MadviseFreeAlgorithm.New);
        var agent = machine is null ? sys.DefaultAgent : sys.Agent(writer);
        written[9] = sys.Mmu.Access(agent, mm, Machines.Base + (9 * g.PageSize), MemoryAccess.Write);
        Assert.True(written[9] > 0);

        Assert.Equal(ReclaimOutcome.KeptReferenced, Assert.Single(Reclaim.Range(mm, Machines.Base, g.PmdSize)).Outcome);
        Assert.Equal(ReclaimOutcome.Redirtied, Assert.Single(Reclaim.Range(mm, Machines.Base, g.PmdSize)).Outcome);

        Assert.True(IsLeaf(mm, Machines.Base));
        Assert.Equal(0, sys.Stats.PmdSplits);
        Assert.True(sys.Memory.Test(a.PmdOps!.Pfn(Leaf(mm, Machines.Base)), FolioFlags.SwapBacked));
        foreach (var (i, v) in written.Where(w => w.Key != 9))
        {
            // MADV_FREE allowed the other pages to read zero; they were kept, so they read what was written.
            Assert.Equal(v, sys.Mmu.Read(mm, Machines.Base + (i << g.PageShift)));
        }

        AssertReads(sys, mm, Machines.Base, new() { [9] = written[9] });
    }

    [Theory]
    [MemberData(nameof(Some))]
    public void Reclaim_of_a_swap_backed_thp_splits_it_and_swaps_the_pages(string arch)
    {
        var a = Machines.Build(arch);
        var g = a.Geometry;
        var (sys, mm) = Create(a, Machines.Base, g.PmdSize);
        var written = WriteSome(sys, mm, Machines.Base);
        Reclaim.Range(mm, Machines.Base, g.PmdSize);             // clears young: kept
        var outcomes = Reclaim.Range(mm, Machines.Base, g.PmdSize);
        Assert.Equal(g.PtrsPerPte, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal(ReclaimOutcome.SwappedOut, o.Outcome));
        Assert.Equal(1, sys.Stats.PmdSplits);
        Assert.Equal(0, sys.Memory.AllocatedPages);
        AssertReads(sys, mm, Machines.Base, written);
    }

    [Theory]
    [MemberData(nameof(Some))]
    public void Mremap_moves_a_whole_pmd_as_one_entry_and_splits_a_part(string arch)
    {
        var a = Machines.Build(arch);
        var g = a.Geometry;
        var (sys, mm) = Create(a, Machines.Base, 2 * g.PmdSize);
        var w0 = WriteSome(sys, mm, Machines.Base);
        var w1 = WriteSome(sys, mm, Machines.Base + g.PmdSize);
        var target = Machines.Base + (8 * g.PmdSize);

        Mremap.Run(mm, Machines.Base, g.PmdSize, target, MremapAlgorithm.New);
        Assert.True(IsLeaf(mm, target));
        Assert.Equal(0, sys.Stats.PmdSplits);
        AssertReads(sys, mm, target, w0);

        Mremap.Run(mm, Machines.Base + g.PmdSize, g.PageSize, target + (4 * g.PmdSize), MremapAlgorithm.Old);
        Assert.Equal(1, sys.Stats.PmdSplits);
        Assert.Equal(w1[0], sys.Mmu.Read(mm, target + (4 * g.PmdSize)));
        w1.Remove(0);
        AssertReads(sys, mm, Machines.Base + g.PmdSize, w1);
    }

    [Theory]
    [MemberData(nameof(Some))]
    public void Madvise_cold_and_the_aging_walk_clear_young_at_the_pmd(string arch)
    {
        var a = Machines.Build(arch);
        var g = a.Geometry;
        var ops = a.PmdOps!;
        var (sys, mm) = Create(a, Machines.Base, g.PmdSize);
        WriteSome(sys, mm, Machines.Base);
        Madvise.Cold(mm, Machines.Base, g.PmdSize);
        Assert.False(ops.Young(Leaf(mm, Machines.Base)));
        sys.Mmu.Read(mm, Machines.Base);
        Assert.True(ops.Young(Leaf(mm, Machines.Base)));
        Assert.Equal(1, AgingWalk.Run(mm, Machines.Base, g.PmdSize, ReferenceAlgorithm.New));
        Assert.False(ops.Young(Leaf(mm, Machines.Base)));
        Assert.Equal(0, sys.Stats.PmdSplits);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_oracle_catches_a_pmdp_set_wrprotect_that_loses_a_racing_hardware_dirty_update(bool broken)
    {
        var arm64 = Machines.Build("arm64-4k");
        var a = broken ? arm64.WithPmdOps(new ArchPgtable.Testing.ReadThenWriteWrprotectPmdOps(arm64.PmdOps!)) : arm64;
        var g = a.Geometry;
        var machine = a.MachineSupportOrDefault.Find("hafdbs")!;
        var (sys, mm) = Create(a, Machines.Base, g.PmdSize, machine);
        WriteSome(sys, mm, Machines.Base);
        Madvise.Free(mm, Machines.Base, g.PmdSize, MadviseFreeAlgorithm.New);   // clean, old, writable (DBM)

        // fork(): between pmdp_set_wrprotect's read and its store, cpu1 writes through the block (hardware DBM sets dirty).
        var page = Machines.Base + (3 * g.PageSize);
        var race = new RacingWrite(() => sys.Mmu.Access(sys.Agent("cpu1"), mm, page, MemoryAccess.Write));
        var pmdTable = mm.PageTable.FindPmd(Machines.Base)!.Value.Table;
        pmdTable.Observer = race;
        var child = Fork.Run(mm);
        pmdTable.Observer = null;
        Assert.True(race.Version > 0);
        Munmap.Run(child, Machines.Base, g.PmdSize);

        // Young after the racing write (kept once, its young bit cleared) unless the lost update took young with it.
        var outcome = Assert.Single(Reclaim.Range(mm, Machines.Base, g.PmdSize)).Outcome;
        if (outcome == ReclaimOutcome.KeptReferenced)
        {
            outcome = Assert.Single(Reclaim.Range(mm, Machines.Base, g.PmdSize)).Outcome;
        }

        var read = sys.Mmu.Read(mm, page);
        if (broken)
        {
            Assert.Equal(ReclaimOutcome.Discarded, outcome);
            Assert.NotEqual(race.Version, read);
            Assert.True(sys.Oracle!.Losses.Count == 1, $"read {read}, race {race.Version}, violations: {string.Join("; ", sys.Oracle.Violations)}");
            var loss = Assert.Single(sys.Oracle!.Losses);
            Assert.Equal(page, loss.Address);
        }
        else
        {
            Assert.Equal(ReclaimOutcome.Redirtied, outcome);
            Assert.Equal(race.Version, read);
            Assert.Empty(sys.Oracle!.Losses);
        }
    }

    [Theory]
    [InlineData("arm64-4k", null, 1)]
    [InlineData("arm64-4k", "smmu-no-httu", 2)]
    [InlineData("arm64-4k-nocontpte-noafdbm", null, 3)]
    [InlineData("arm64-16k", "smmu-httu", 4)]
    [InlineData("x86_64", null, 5)]
    [InlineData("riscv64-sv48", null, 6)]
    [InlineData("riscv64-sv39-svade", null, 7)]
    [InlineData("generic", null, 8)]
    public void The_random_workload_with_pmd_thps_keeps_every_oracle_quiet(string arch, string? preset, int seed)
    {
        var a = Machines.Build(arch);
        var machine = preset is null ? null : a.MachineSupportOrDefault.Find(preset)!;
        var workload = new Workload.RandomWorkload(a, machine, new Workload.WorkloadOptions { Ops = 12_000, Seed = seed, Pages = 2 * a.Geometry.PtrsPerPte, PmdThp = true });

        var result = workload.Run();

        Assert.True(result.Findings.Count == 0, $"replay: seed {seed}, ops {result.Ops}: {string.Join("; ", result.Findings)}");
        Assert.True(workload.System!.Stats.ThpFaults > 0);
        Assert.True(workload.System.Stats.PmdSplits > 0);
    }

    /// <summary>On the first non-hardware store to the observed table, runs a write access (once).</summary>
    private sealed class RacingWrite(Func<int> write) : IPteAccessObserver
    {
        public int Version { get; private set; }

        public void BeforeAccess(PteTable table, int index, PteAccessKind kind)
        {
            if (Version == 0 && kind is not (PteAccessKind.Read or PteAccessKind.Hardware))
            {
                Version = -1;
                Version = write();
            }
        }

        public void AfterAccess(PteTable table, int index, PteAccessKind kind, Pte before, Pte after)
        {
        }
    }
}
