using ArchPgtable.Hardware;
using ArchPgtable.Mm.Operations;
using ArchPgtable.Mm.Oracle;

namespace ArchPgtable.Mm.Tests;

/// <summary>The permission and isolation oracles (issue 12 item 4): what core mm does passes, each way around it is recorded with history.</summary>
public class PermissionIsolationOracleTests
{
    public static TheoryData<string> Arches => new(["arm64-4k", "arm64-4k-nocontpte-noafdbm", "x86_64", "riscv64-sv48", "riscv64-sv48-svade", "generic"]);

    [Theory]
    [MemberData(nameof(Arches))]
    public void Copy_on_write_after_fork_keeps_each_process_to_its_own_pages(string arch)
    {
        var (sys, parent) = Machines.Create(Machines.Build(arch), 0x10000, folioOrder: 2);
        Machines.WriteAll(sys, parent, Machines.Base, 0x10000);
        var child = Fork.Run(parent);
        Assert.Equal(0, IsolationAudit.All(sys));
        var p = sys.Mmu.Write(parent, Machines.Base);
        var c = sys.Mmu.Write(child, Machines.Base);
        Assert.Equal(p, sys.Mmu.Read(parent, Machines.Base));
        Assert.Equal(c, sys.Mmu.Read(child, Machines.Base));
        Assert.Equal(0, IsolationAudit.All(sys));
        Assert.Empty(sys.Oracle!.Violations);
        Assert.True(sys.Oracle.StoresChecked >= 18);
    }

    [Fact]
    public void A_fork_that_leaves_the_parent_writable_is_an_isolation_violation_with_history()
    {
        var (sys, parent) = Machines.Create(Machines.Build("x86_64"), 0x4000);
        Machines.WriteAll(sys, parent, Machines.Base, 0x4000);
        var child = Fork.Run(parent);

        // Undo fork's write protection on one entry, as a fork that forgot wrprotect_ptes would.
        var ptep = parent.PageTable.PtePointer(Machines.Base + 0x1000);
        sys.Arch.Ops.SetPteAt(parent, Machines.Base + 0x1000, ptep, sys.Format.MkWrite(sys.Arch.Ops.PtepGet(ptep)));
        Assert.Equal(1, IsolationAudit.Range(parent, Machines.Base, Machines.Base + 0x4000));
        sys.Mmu.Write(parent, Machines.Base + 0x1000);
        sys.Mmu.Read(child, Machines.Base + 0x1000);

        var kinds = sys.Oracle!.Violations.Select(v => v.Kind).ToList();
        Assert.Equal([ViolationKind.Isolation, ViolationKind.Isolation, ViolationKind.Isolation], kinds);
        Assert.Contains("mapped 2 times", sys.Oracle.Violations[1].Detail, StringComparison.Ordinal);
        Assert.Contains($"which mm {parent.Id} wrote", sys.Oracle.Violations[2].Detail, StringComparison.Ordinal);
        Assert.Contains(sys.Oracle.Violations[1].History, h => h.StartsWith("fork → mm", StringComparison.Ordinal));
    }

    [Fact]
    public void A_store_through_a_stale_writable_entry_after_mprotect_read_only_is_a_permission_violation()
    {
        var arch = Machines.Build("arm64-4k");
        var (sys, mm) = Machines.Create(arch, 0x10000, folioOrder: 4, machine: arch.MachineSupportOrDefault.Find("smmu-httu"), localFlushOnly: true);
        Machines.WriteAll(sys, mm, Machines.Base, 0x10000);
        sys.Mmu.Access(sys.Agent("smmu0"), mm, Machines.Base + 0x2000, MemoryAccess.Write);
        Mprotect.Run(mm, Machines.Base, 0x10000, VmFlags.Read, MprotectAlgorithm.New);
        sys.Mmu.Access(sys.Agent("smmu0"), mm, Machines.Base + 0x2000, MemoryAccess.Write);
        var v = Assert.Single(sys.Oracle!.Violations);
        Assert.Equal(ViolationKind.Permission, v.Kind);
        Assert.Contains("non-writable VMA", v.Detail, StringComparison.Ordinal);
        Assert.Contains(v.History, h => h.StartsWith("mprotect(R, new)", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Arches))]
    public void Mprotect_read_only_then_read_write_needs_no_fault_for_exclusive_pages_and_a_copy_for_shared_ones(string arch)
    {
        foreach (var algorithm in new[] { MprotectAlgorithm.Old, MprotectAlgorithm.New })
        {
            var (sys, mm) = Machines.Create(Machines.Build(arch), 0x8000, folioOrder: 2);
            Machines.WriteAll(sys, mm, Machines.Base, 0x8000);
            var child = Fork.Run(mm);
            Munmap.Run(child, Machines.Base, 0x4000); // the first half is the parent's alone again (not yet exclusive)
            sys.Mmu.Write(mm, Machines.Base);          // reuse: exclusive again
            Mprotect.Run(mm, Machines.Base, 0x8000, VmFlags.Read, algorithm);
            Assert.Throws<SegmentationFaultException>(() => sys.Mmu.Write(mm, Machines.Base));
            Mprotect.Run(mm, Machines.Base, 0x8000, VmFlags.Read | VmFlags.Write, algorithm);
            Assert.True(sys.Format.Write(Machines.Get(sys, mm, Machines.Base)), $"{arch} {algorithm}: the exclusive page was not made writable");
            Assert.False(sys.Format.Write(Machines.Get(sys, mm, Machines.Base + 0x1000)), $"{arch} {algorithm}: a non-exclusive page was made writable");
            Assert.False(sys.Format.Write(Machines.Get(sys, mm, Machines.Base + 0x5000)), $"{arch} {algorithm}: a shared page was made writable");
            var cows = sys.Stats.CowCopies;
            Machines.WriteAll(sys, mm, Machines.Base, 0x8000);
            Assert.Equal(cows + 4, sys.Stats.CowCopies); // the shared half is copied, the unshared half reused
            Assert.Equal(0, IsolationAudit.All(sys));
            Assert.Empty(sys.Oracle!.Violations);
            Assert.Empty(sys.Oracle.Losses);
        }
    }
}
