using ArchPgtable.Mm.Operations;

namespace ArchPgtable.Mm.Tests.Experiments;

/// <summary>The pre-v6.9 per-PTE fork and the batched one leave the same page tables and the same data.</summary>
public sealed class ForkAlgorithmTests
{
    [Theory]
    [InlineData("arm64-4k", 4)]
    [InlineData("arm64-4k", 0)]
    [InlineData("arm64-16k", 2)]
    [InlineData("x86_64", 4)]
    [InlineData("riscv64-sv48", 4)]
    [InlineData("generic", 3)]
    public void Per_pte_and_batched_fork_leave_the_same_views(string arch, int folioOrder)
    {
        var a = Machines.Build(arch);
        var page = a.Geometry.PageSize;
        var bytes = 64 * page;
        var views = new List<(ulong[] Parent, ulong[] Child)>();
        foreach (var algorithm in new[] { ForkAlgorithm.PerPte, ForkAlgorithm.Batched })
        {
            var (sys, mm) = Machines.Create(a, bytes, folioOrder);
            Machines.WriteAll(sys, mm, Machines.Base, bytes);
            // A batch starting mid-folio and one ending mid-folio: a hole in the first and the last folio.
            Munmap.Run(mm, Machines.Base + page, page);
            Munmap.Run(mm, Machines.Base + bytes - (2 * page), page);
            var child = Fork.Run(mm, algorithm);
            views.Add((View(sys, mm, bytes), View(sys, child, bytes)));
            sys.Mmu.Write(child, Machines.Base);
            sys.Mmu.Write(mm, Machines.Base + (3 * page));
            Assert.Empty(sys.Oracle!.Losses);
        }

        Assert.Equal(views[0].Parent, views[1].Parent);
        Assert.Equal(views[0].Child, views[1].Child);
    }

    /// <summary>Present, write and PFN of every entry's ptep_get view (young/dirty are hardware's to set).</summary>
    private static ulong[] View(MmSystem sys, MmStruct mm, ulong bytes)
    {
        var fmt = sys.Format;
        var page = sys.Arch.Geometry.PageSize;
        var view = new ulong[bytes / page];
        for (var i = 0; i < view.Length; i++)
        {
            var pte = Machines.Get(sys, mm, Machines.Base + ((ulong)i * page));
            view[i] = fmt.Present(pte) ? (fmt.Pfn(pte) << 2) | (fmt.Write(pte) ? 2UL : 0) | 1 : 0;
        }

        return view;
    }
}
