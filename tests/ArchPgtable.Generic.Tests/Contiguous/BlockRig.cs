using ArchPgtable.Arm64;
using ArchPgtable.Generic.Contiguous;
using ArchPgtable.RiscV;
using ArchPgtable.Testing;

namespace ArchPgtable.Generic.Tests.Contiguous;

/// <summary>
/// One PTE table of a user address space and the contiguous-block layer over one encoding, seen through
/// encoding-neutral shorthands, so that every test of <see cref="ContiguousLayerTests"/> runs unchanged over
/// arm64's PTE_CONT (three granules) and riscv's NAPOT encoding.
/// </summary>
public abstract class BlockRig
{
    /// <summary>A PFN aligned to every block size here.</summary>
    public const ulong BasePfn = 0x40000;

    protected BlockRig(ArchGeometry geometry, int blockPtes, ITlbFlusher? tlb)
    {
        Geo = geometry;
        B = blockPtes;
        Mm = new TestMm(tlb);
        Base = 8 * geometry.PmdSize;
        Table = Mm.NewTable(geometry, Base);
    }

    public ArchGeometry Geo { get; }

    /// <summary>Entries per block.</summary>
    public int B { get; }

    /// <summary>PTRS_PER_PTE.</summary>
    public int N => Geo.PtrsPerPte;

    public TestMm Mm { get; }

    public PteTable Table { get; }

    public ulong Base { get; }

    public ulong Addr(int index) => Base + ((ulong)index << Geo.PageShift);

    public PtePointer P(int index) => Table[index];

    public Pte Raw(int index) => Table.Peek(index);

    /// <summary>A plain, old, clean, writable entry for <paramref name="pfn"/>.</summary>
    public abstract Pte Plain(ulong pfn);

    public abstract bool IsBlock(Pte raw);

    public abstract bool Young(Pte pte);

    public abstract bool Dirty(Pte pte);

    public abstract bool Write(Pte pte);

    public abstract ulong Pfn(Pte pte);

    /// <summary>Sets young (and dirty) on the raw entry, as a hardware walker would.</summary>
    public abstract void HardwareAccess(int index, bool write);

    /// <summary>Moves the raw entry's PFN by a whole block (a misprogrammed sibling).</summary>
    public abstract void Corrupt(int index);

    // The layer, through the encoding-neutral surface.
    public abstract Pte PtepGet(int index);

    public abstract Pte PtepGetLockless(int index);

    public abstract void SetPtes(int index, Pte plain, int nr);

    public abstract Pte GetAndClearFullPtes(int index, int nr);

    public abstract void ClearFullPtes(int index, int nr);

    public abstract void WrprotectPtes(int index, int nr);

    public abstract void ClearYoungDirtyPtes(int index, int nr, CydpFlags flags);

    public abstract bool PtepTestAndClearYoung(int index);

    public abstract bool TestAndClearYoungPtes(int index, int nr);

    public abstract int PteBatchHint(int index);

    public abstract void Unfold(int index);

    /// <summary>Maps <paramref name="nr"/> pages from <paramref name="index"/> with one folio covering them (block-encoded where aligned).</summary>
    public void Map(int index, int nr, ulong pfn = BasePfn)
    {
        Mm.AddFolio(pfn, nr);
        SetPtes(index, Plain(pfn), nr);
    }

    public static BlockRig Arm64(Arm64Granule granule, bool bbml2 = false, ITlbFlusher? tlb = null) => new Rig<Arm64ContEncoding>(
        granule.Geometry(48), granule.ContPtes(), new Arm64ContEncoding(Arm64PteFormat.For(granule)), bbml2, tlb,
        pfn => Arm64Pte.MkOld(Arm64PteFormat.For(granule).PfnPte(pfn, new PteProt(Arm64PageProt.PAGE_SHARED))),
        (pte, write) => write ? Arm64Pte.MkDirty(Arm64Pte.MkYoung(pte)) : Arm64Pte.MkYoung(pte));

    public static BlockRig RiscV(ITlbFlusher? tlb = null) => new Rig<RiscVNapotEncoding>(
        new ArchGeometry(12, 39, RiscVPteBits.NapotPtes), RiscVPteBits.NapotPtes, default, false, tlb,
        pfn => RiscVPte.MkOld(RiscVPteFormat.Instance.PfnPte(pfn, new PteProt(RiscVPageProt.PAGE_WRITE))),
        (pte, write) => write ? RiscVPte.MkDirty(RiscVPte.MkYoung(pte)) : RiscVPte.MkYoung(pte));

    private sealed class Rig<T>(ArchGeometry geometry, int blockPtes, T enc, bool elide, ITlbFlusher? tlb, Func<ulong, Pte> plain, Func<Pte, bool, Pte> access)
        : BlockRig(geometry, blockPtes, tlb)
        where T : struct, IContiguousEncoding
    {
        private readonly ContiguousBlocks<T> _layer = new(enc, geometry.PageShift, blockPtes, elide);

        public override Pte Plain(ulong pfn) => plain(pfn);

        public override bool IsBlock(Pte raw) => enc.IsBlock(raw);

        public override bool Young(Pte pte) => enc.Young(pte);

        public override bool Dirty(Pte pte) => enc.Dirty(pte);

        public override bool Write(Pte pte) => enc.Write(pte);

        public override ulong Pfn(Pte pte) => enc.Pfn(enc.Plain(pte, 0));

        public override void HardwareAccess(int index, bool write) => Table.Write(index, access(Table.Peek(index), write));

        public override void Corrupt(int index) => Table.Write(index, enc.AdvancePfn(Table.Peek(index), B));

        public override Pte PtepGet(int index) => _layer.PtepGet(P(index));

        public override Pte PtepGetLockless(int index) => _layer.PtepGetLockless(P(index), "block", "misprogrammed");

        public override void SetPtes(int index, Pte plain, int nr) => _layer.SetPtes(Mm, Addr(index), P(index), plain, nr);

        public override Pte GetAndClearFullPtes(int index, int nr) => _layer.GetAndClearFullPtes(Mm, Addr(index), P(index), nr);

        public override void ClearFullPtes(int index, int nr) => _layer.ClearFullPtes(Mm, Addr(index), P(index), nr);

        public override void WrprotectPtes(int index, int nr) => _layer.WrprotectPtes(Mm, Addr(index), P(index), nr);

        public override void ClearYoungDirtyPtes(int index, int nr, CydpFlags flags) => _layer.ClearYoungDirtyPtes(Addr(index), P(index), nr, flags);

        public override bool PtepTestAndClearYoung(int index) => _layer.PtepTestAndClearYoung(P(index));

        public override bool TestAndClearYoungPtes(int index, int nr) => _layer.TestAndClearYoungPtes(Addr(index), P(index), nr);

        public override int PteBatchHint(int index) => _layer.PteBatchHint(P(index), _layer.PtepGet(P(index)));

        public override void Unfold(int index) => _layer.TryUnfold(Mm, Addr(index), P(index), Table.Peek(index));
    }
}
