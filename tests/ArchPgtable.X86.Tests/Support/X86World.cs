using ArchPgtable.Hardware;
using ArchPgtable.Testing;

namespace ArchPgtable.X86.Tests.Support;

/// <summary>One PTE table of an x86-64 user address space for a helper test: the ops, a <see cref="TestMm"/>, and shorthands by index.</summary>
public sealed class X86World
{
    public const ulong BasePfn = 0x12340;

    public X86World(bool savedDirty = true, ITlbFlusher? tlb = null)
    {
        Fmt = X86PteFormat.For(savedDirty);
        Ops = new X86PageTableOps(Fmt);
        Mm = new TestMm(tlb);
        Base = 4 * Ops.Geometry.PmdSize;
        Table = Mm.NewTable(Ops.Geometry, Base);
    }

    public X86PteFormat Fmt { get; }

    public X86PageTableOps Ops { get; }

    public TestMm Mm { get; }

    public PteTable Table { get; }

    public ulong Base { get; }

    public ulong Addr(int index) => Base + ((ulong)index << 12);

    public PtePointer P(int index) => Table[index];

    public Pte Raw(int index) => Table.Peek(index);

    /// <summary>set_ptes of <paramref name="nr"/> entries of <paramref name="prot"/> from <paramref name="pfn"/>.</summary>
    public void Map(int index, ulong pfn, int nr, ulong prot = X86PageProt.PAGE_SHARED) =>
        Ops.SetPtes(Mm, Addr(index), P(index), Fmt.PfnPte(pfn, new PteProt(prot)), nr);

    /// <summary>What the CPU does on an access: the hardware model's update, as one locked compare-and-exchange.</summary>
    public void Touch(int index, bool write)
    {
        for (; ; )
        {
            var old = Table.Peek(index);
            var outcome = X86HardwareModel.Instance.Translate(old, write ? MemoryAccess.Write : MemoryAccess.Read);
            Assert.True(outcome.Ok, $"the access faults: {outcome.Fault}");
            if (Table.HardwareCompareExchange(index, outcome.Updated, old) == old)
            {
                return;
            }
        }
    }
}
