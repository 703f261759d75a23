using ArchPgtable.Testing;
using static ArchPgtable.Arm64.Arm64PteBits;

namespace ArchPgtable.Arm64.Tests.Support;

/// <summary>
/// One PTE table of an arm64 user address space for a helper test: the ops under test, a
/// <see cref="TestMm"/>, and shorthands by table index. The table maps from a PMD-aligned VA,
/// so an index that is a multiple of CONT_PTES is a block-aligned VA.
/// </summary>
public sealed class World
{
    /// <summary>A PFN aligned to 4 * CONT_PTES on every granule.</summary>
    public const ulong BasePfn = 0x40000;

    public World(Arm64Granule granule, Func<Arm64Granule, IPageTableOps>? makeOps = null, ITlbFlusher? tlb = null, ICostCounters? events = null)
    {
        Granule = granule;
        Ops = makeOps?.Invoke(granule) ?? new Arm64ContPteOps(granule);
        Geo = Ops.Geometry;
        Fmt = Arm64PteFormat.For(granule);
        Mm = new TestMm(tlb, events);
        Base = 8 * Geo.PmdSize;
        Table = Mm.NewTable(Geo, Base);
    }

    public Arm64Granule Granule { get; }

    public IPageTableOps Ops { get; }

    public ArchGeometry Geo { get; }

    public Arm64PteFormat Fmt { get; }

    public TestMm Mm { get; }

    public PteTable Table { get; }

    public ulong Base { get; }

    /// <summary>CONT_PTES.</summary>
    public int C => Geo.ContPtes;

    public ulong PageSize => Geo.PageSize;

    public ulong Addr(int index) => Base + ((ulong)index * PageSize);

    public PtePointer P(int index) => Table[index];

    /// <summary>The raw word, uncounted.</summary>
    public Pte Raw(int index) => Table.Peek(index);

    /// <summary>ptep_get through the ops under test (counted).</summary>
    public Pte Get(int index) => Ops.PtepGet(P(index));

    public bool IsCont(int index) => Arm64Pte.Cont(Raw(index));

    /// <summary>A fresh, old entry: pfn_pte(pfn, prot) with the access flag cleared.</summary>
    public Pte Fresh(ulong pfn, ulong prot = Arm64PageProt.PAGE_SHARED) => Arm64Pte.MkOld(Fmt.PfnPte(pfn, new PteProt(prot)));

    /// <summary>set_ptes of <paramref name="nr"/> fresh old entries at <paramref name="index"/>.</summary>
    public void Map(int index, ulong pfn, int nr, ulong prot = Arm64PageProt.PAGE_SHARED) =>
        Ops.SetPtes(Mm, Addr(index), P(index), Fresh(pfn, prot), nr);

    /// <summary>What the hardware walker does on an access: set AF and, on a write to a DBM (writable) entry, clear RDONLY.</summary>
    public void Touch(int index, bool write = true)
    {
        for (; ; )
        {
            var old = Table.Peek(index);
            var v = old.Value | PTE_AF;
            if (write && (v & PTE_WRITE) != 0)
            {
                v &= ~PTE_RDONLY;
            }

            if (Table.HardwareCompareExchange(index, new Pte(v), old) == old)
            {
                return;
            }
        }
    }

    public void TouchRange(int start, int nr, bool write = true)
    {
        for (var i = start; i < start + nr; i++)
        {
            Touch(i, write);
        }
    }

    /// <summary>Every raw word, uncounted.</summary>
    public ulong[] Snapshot()
    {
        var words = new ulong[Table.Count];
        Table.CopyTo(words);
        return words;
    }
}
