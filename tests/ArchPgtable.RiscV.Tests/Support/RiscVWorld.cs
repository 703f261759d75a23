using ArchPgtable.Hardware;
using ArchPgtable.Testing;

namespace ArchPgtable.RiscV.Tests.Support;

/// <summary>
/// One PTE table of a riscv64 user address space for a helper test: the ops under test (the
/// NAPOT layer unless told otherwise), a <see cref="TestMm"/> that knows one 16-page folio at
/// <see cref="BasePfn"/> and one at <see cref="BasePfn"/> + 16, and shorthands by index. The
/// table maps from a PMD-aligned VA, so index 16 is a 64 KiB-aligned VA.
/// </summary>
public sealed class RiscVWorld
{
    /// <summary>A 64 KiB-aligned PFN.</summary>
    public const ulong BasePfn = 0x12340;

    /// <summary>V|R|W|U|A|D: a young, dirty, writable user page.</summary>
    public const ulong Flags = 0xd7;

    public RiscVWorld(bool napot = true, ITlbFlusher? tlb = null, bool svadu = true)
    {
        Ops = napot ? new RiscVNapotOps(RiscVPagingMode.Sv48) : new RiscVPageTableOps(RiscVPagingMode.Sv48);
        Hardware = new RiscVHardwareModel(svadu, svnapot: true);
        Mm = new TestMm(tlb);
        Mm.AddFolio(BasePfn, 16);
        Mm.AddFolio(BasePfn + 16, 16);
        Base = 2 * Ops.Geometry.PmdSize;
        Table = Mm.NewTable(Ops.Geometry, Base);
    }

    public IPageTableOps Ops { get; }

    public RiscVHardwareModel Hardware { get; }

    public RiscVPteFormat Fmt => RiscVPteFormat.Instance;

    public TestMm Mm { get; }

    public PteTable Table { get; }

    public ulong Base { get; }

    public ulong Addr(int index) => Base + ((ulong)index << 12);

    public PtePointer P(int index) => Table[index];

    public Pte Raw(int index) => Table.Peek(index);

    public Pte Get(int index) => Ops.PtepGet(P(index));

    /// <summary>A plain entry for <paramref name="pfn"/> with <paramref name="flags"/>.</summary>
    public Pte Plain(ulong pfn, ulong flags = Flags) => Fmt.PfnPte(pfn, new PteProt(flags));

    /// <summary>set_ptes of <paramref name="nr"/> entries from <paramref name="pfn"/> at <paramref name="index"/>.</summary>
    public void Map(int index, ulong pfn, int nr, ulong flags = Flags) => Ops.SetPtes(Mm, Addr(index), P(index), Plain(pfn, flags), nr);

    /// <summary>What a Svadu hart does when it uses raw entry <paramref name="index"/> for an access: the model's A/D update, as one compare-and-exchange.</summary>
    public void Touch(int index, bool write)
    {
        for (; ; )
        {
            var old = Table.Peek(index);
            var outcome = Hardware.Translate(old, write ? MemoryAccess.Write : MemoryAccess.Read);
            Assert.True(outcome.Ok, $"the access faults: {outcome.Fault}");
            if (Table.HardwareCompareExchange(index, outcome.Updated, old) == old)
            {
                return;
            }
        }
    }
}
