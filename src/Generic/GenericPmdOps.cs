namespace ArchPgtable.Generic;

/// <summary>
/// The PMD helpers' generic defaults (<c>include/linux/pgtable.h</c>, <c>mm/pgtable-generic.c</c>): plain reads and
/// <c>set_pmd_at()</c>, no atomics — right only where no hardware walker updates the entry. The leaf attribute bits are
/// the architecture's PTE bits (<paramref name="format"/>); the leaf encoding is <see cref="HugeBit"/> unless an
/// architecture overrides <see cref="MkHuge"/>, <see cref="Leaf"/>, <see cref="Valid"/> and <see cref="MkInvalid"/>.
/// Each public helper checks the PMD-aligned address and a leaf entry, then calls its <c>…Core</c> member: an
/// architecture overrides that member where its pgtable.h defines the helper.
/// </summary>
/// <param name="format">The PTE format whose attribute bits a leaf PMD shares.</param>
/// <param name="pmdSize">HPAGE_PMD_SIZE.</param>
/// <param name="pageShift">PAGE_SHIFT.</param>
public class GenericPmdOps(IPteFormat format, ulong pmdSize, int pageShift) : PmdOps
{
    /// <summary>The generic format's leaf bit (x86's _PAGE_PSE position).</summary>
    public const ulong HugeBit = 1UL << 7;

    /// <summary>The generic format's "present but invalid" bit (invalidated leaf).</summary>
    public const ulong PresentInvalidBit = 1UL << 8;

    /// <summary>The PTE format.</summary>
    protected IPteFormat Format { get; } = format ?? throw new ArgumentNullException(nameof(format));

    /// <inheritdoc />
    public override ulong PmdSize { get; } = pmdSize;

    /// <summary>Pages a leaf maps.</summary>
    protected ulong PagesPerPmd => PmdSize >> pageShift;

    /// <inheritdoc />
    public override bool Present(Pmd pmd) => Format.Present(pmd.AsPte) || (Leaf(pmd) && (pmd.Value & PresentInvalidBit) != 0);

    /// <inheritdoc />
    public override bool Leaf(Pmd pmd) => (pmd.Value & HugeBit) != 0;

    /// <inheritdoc />
    public override bool Valid(Pmd pmd) => Format.Present(pmd.AsPte);

    /// <inheritdoc />
    public override bool Young(Pmd pmd) => Format.Young(pmd.AsPte);

    /// <inheritdoc />
    public override bool Dirty(Pmd pmd) => Format.Dirty(pmd.AsPte);

    /// <inheritdoc />
    public override bool Write(Pmd pmd) => Format.Write(pmd.AsPte);

    /// <inheritdoc />
    public override ulong Pfn(Pmd pmd) => Format.Pfn(pmd.AsPte);

    /// <inheritdoc />
    public override Pmd PfnPmd(ulong pfn, PteProt prot)
    {
        if (pfn % PagesPerPmd != 0)
        {
            throw new ArgumentException($"pfn_pmd: pfn 0x{pfn:x} is not aligned to the {PagesPerPmd}-page PMD.", nameof(pfn));
        }

        return MkHuge(Pmd.FromPte(Format.PfnPte(pfn, prot)));
    }

    /// <summary>Marks a PTE-format entry as a PMD leaf.</summary>
    /// <remarks>Kernel: pmd_mkhuge()</remarks>
    public virtual Pmd MkHuge(Pmd pmd) => new(pmd.Value | HugeBit);

    /// <inheritdoc />
    public override Pmd MkOld(Pmd pmd) => Pmd.FromPte(Format.MkOld(pmd.AsPte));

    /// <inheritdoc />
    public override Pmd MkYoung(Pmd pmd) => Pmd.FromPte(Format.MkYoung(pmd.AsPte));

    /// <inheritdoc />
    public override Pmd MkClean(Pmd pmd) => Pmd.FromPte(Format.MkClean(pmd.AsPte));

    /// <inheritdoc />
    public override Pmd MkDirty(Pmd pmd) => Pmd.FromPte(Format.MkDirty(pmd.AsPte));

    /// <inheritdoc />
    public override Pmd WrProtect(Pmd pmd) => Pmd.FromPte(Format.WrProtect(pmd.AsPte));

    /// <inheritdoc />
    public override Pmd MkInvalid(Pmd pmd) => new((pmd.Value & ~GenericPteFormat.PresentBit) | PresentInvalidBit);

    /// <inheritdoc />
    public override void SetPmdAt(IMmContext mm, ulong addr, PtePointer pmdp, Pmd pmd)
    {
        Check("set_pmd_at", mm, addr);
        pmdp.Write(pmd.AsPte);
    }

    /// <inheritdoc />
    public sealed override bool PmdpTestAndClearYoung(IMmContext mm, ulong addr, PtePointer pmdp)
    {
        CheckLeaf("pmdp_test_and_clear_young", mm, addr, pmdp);
        return PmdpTestAndClearYoungCore(mm, addr, pmdp);
    }

    /// <inheritdoc />
    public sealed override bool PmdpSetAccessFlags(IMmContext mm, ulong addr, PtePointer pmdp, Pmd entry, bool dirty)
    {
        CheckLeaf("pmdp_set_access_flags", mm, addr, pmdp);
        return PmdpSetAccessFlagsCore(mm, addr, pmdp, entry, dirty);
    }

    /// <inheritdoc />
    public sealed override Pmd PmdpHugeGetAndClear(IMmContext mm, ulong addr, PtePointer pmdp)
    {
        CheckLeaf("pmdp_huge_get_and_clear", mm, addr, pmdp);
        return PmdpHugeGetAndClearCore(mm, addr, pmdp);
    }

    /// <inheritdoc />
    public sealed override Pmd PmdpHugeGetAndClearFull(IMmContext mm, ulong addr, PtePointer pmdp, bool full)
    {
        CheckLeaf("pmdp_huge_get_and_clear_full", mm, addr, pmdp);
        return PmdpHugeGetAndClearFullCore(mm, addr, pmdp, full);
    }

    /// <inheritdoc />
    public sealed override void PmdpSetWrprotect(IMmContext mm, ulong addr, PtePointer pmdp)
    {
        CheckLeaf("pmdp_set_wrprotect", mm, addr, pmdp);
        PmdpSetWrprotectCore(mm, addr, pmdp);
    }

    /// <inheritdoc />
    public sealed override Pmd PmdpInvalidate(IMmContext mm, ulong addr, PtePointer pmdp)
    {
        CheckLeaf("pmdp_invalidate", mm, addr, pmdp);
        return PmdpInvalidateCore(mm, addr, pmdp);
    }

    /// <summary>Generic: read; if young, <c>set_pmd_at(pmd_mkold())</c>.</summary>
    /// <remarks>Kernel: pmdp_test_and_clear_young() (include/linux/pgtable.h, CONFIG_TRANSPARENT_HUGEPAGE)</remarks>
    protected virtual bool PmdpTestAndClearYoungCore(IMmContext mm, ulong addr, PtePointer pmdp)
    {
        var pmd = PmdpGet(pmdp);
        if (!Young(pmd))
        {
            return false;
        }

        pmdp.Write(MkOld(pmd).AsPte);
        return true;
    }

    /// <summary>Generic: if the entry differs, <c>set_pmd_at(entry)</c> and <c>flush_pmd_tlb_range()</c>.</summary>
    /// <remarks>Kernel: pmdp_set_access_flags() (mm/pgtable-generic.c)</remarks>
    protected virtual bool PmdpSetAccessFlagsCore(IMmContext mm, ulong addr, PtePointer pmdp, Pmd entry, bool dirty)
    {
        ArgumentNullException.ThrowIfNull(mm);
        var changed = PmdpGet(pmdp) != entry;
        if (changed)
        {
            pmdp.Write(entry.AsPte);
            FlushPmdTlbRange(mm, addr);
        }

        return changed;
    }

    /// <summary>Generic: read, then clear.</summary>
    /// <remarks>Kernel: pmdp_huge_get_and_clear() (include/linux/pgtable.h)</remarks>
    protected virtual Pmd PmdpHugeGetAndClearCore(IMmContext mm, ulong addr, PtePointer pmdp)
    {
        var pmd = PmdpGet(pmdp);
        pmdp.Write(Pte.None);
        return pmd;
    }

    /// <summary>Generic: <see cref="PmdpHugeGetAndClearCore"/>.</summary>
    /// <remarks>Kernel: pmdp_huge_get_and_clear_full() (include/linux/pgtable.h)</remarks>
    protected virtual Pmd PmdpHugeGetAndClearFullCore(IMmContext mm, ulong addr, PtePointer pmdp, bool full) =>
        PmdpHugeGetAndClearCore(mm, addr, pmdp);

    /// <summary>Generic: <c>set_pmd_at(pmd_wrprotect(*pmdp))</c>.</summary>
    /// <remarks>Kernel: pmdp_set_wrprotect() (include/linux/pgtable.h)</remarks>
    protected virtual void PmdpSetWrprotectCore(IMmContext mm, ulong addr, PtePointer pmdp) =>
        pmdp.Write(WrProtect(PmdpGet(pmdp)).AsPte);

    /// <summary>Generic: <c>pmdp_establish(pmd_mkinvalid(*pmdp))</c> (read, then write), then <c>flush_pmd_tlb_range()</c>.</summary>
    /// <remarks>Kernel: pmdp_invalidate() (mm/pgtable-generic.c)</remarks>
    protected virtual Pmd PmdpInvalidateCore(IMmContext mm, ulong addr, PtePointer pmdp)
    {
        ArgumentNullException.ThrowIfNull(mm);
        var old = PmdpGet(pmdp);
        pmdp.Write(MkInvalid(old).AsPte);
        FlushPmdTlbRange(mm, addr);
        return old;
    }

    /// <summary>Flushes the PMD's range (stride HPAGE_PMD_SIZE, last level).</summary>
    /// <remarks>Kernel: flush_pmd_tlb_range()</remarks>
    protected void FlushPmdTlbRange(IMmContext mm, ulong addr)
    {
        ArgumentNullException.ThrowIfNull(mm);
        mm.Tlb.FlushRange(addr, addr + PmdSize, PmdSize, lastLevel: true, sync: true);
    }

    /// <summary>Replaces the entry with <paramref name="next"/>(old) by compare-and-exchange until no hardware update intervenes; returns the old entry.</summary>
    /// <remarks>Kernel: the cmpxchg loops of the arch overrides (e.g. __ptep_set_wrprotect, pmdp_establish's xchg)</remarks>
    protected static Pmd UpdateAtomically(PtePointer pmdp, Func<Pmd, Pmd> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var old = Pmd.FromPte(pmdp.Read());
        for (; ; )
        {
            var found = Pmd.FromPte(pmdp.CompareExchange(next(old).AsPte, old.AsPte));
            if (found == old)
            {
                return old;
            }

            old = found;
        }
    }

    private void Check(string helper, IMmContext mm, ulong addr)
    {
        ArgumentNullException.ThrowIfNull(mm);
        if (addr % PmdSize != 0)
        {
            throw new ArgumentException($"{helper}: address 0x{addr:x} is not aligned to the PMD size 0x{PmdSize:x}.", nameof(addr));
        }
    }

    private void CheckLeaf(string helper, IMmContext mm, ulong addr, PtePointer pmdp)
    {
        Check(helper, mm, addr);
        var pmd = PmdpGet(pmdp);
        if (!Present(pmd) || !Leaf(pmd))
        {
            throw new ArgumentException($"{helper}: the entry {pmd} is not a present leaf PMD.", nameof(pmdp));
        }
    }
}
