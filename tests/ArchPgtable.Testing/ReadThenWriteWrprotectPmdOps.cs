namespace ArchPgtable.Testing;

/// <summary>
/// Known-bad PMD helpers for the tests: an arch's <see cref="PmdOps"/> with <c>pmdp_set_wrprotect</c> as the generic
/// read-then-write (no compare-and-swap), wrong wherever hardware sets dirty between the read and the store. Everything
/// else is the wrapped arch's.
/// </summary>
/// <param name="inner">The arch's PMD helpers.</param>
public sealed class ReadThenWriteWrprotectPmdOps(PmdOps inner) : PmdOps
{
    public override ulong PmdSize => inner.PmdSize;

    public override bool Present(Pmd pmd) => inner.Present(pmd);

    public override bool Leaf(Pmd pmd) => inner.Leaf(pmd);

    public override bool Valid(Pmd pmd) => inner.Valid(pmd);

    public override bool Young(Pmd pmd) => inner.Young(pmd);

    public override bool Dirty(Pmd pmd) => inner.Dirty(pmd);

    public override bool Write(Pmd pmd) => inner.Write(pmd);

    public override ulong Pfn(Pmd pmd) => inner.Pfn(pmd);

    public override Pmd PfnPmd(ulong pfn, PteProt prot) => inner.PfnPmd(pfn, prot);

    public override Pmd MkOld(Pmd pmd) => inner.MkOld(pmd);

    public override Pmd MkYoung(Pmd pmd) => inner.MkYoung(pmd);

    public override Pmd MkClean(Pmd pmd) => inner.MkClean(pmd);

    public override Pmd MkDirty(Pmd pmd) => inner.MkDirty(pmd);

    public override Pmd WrProtect(Pmd pmd) => inner.WrProtect(pmd);

    public override Pmd MkInvalid(Pmd pmd) => inner.MkInvalid(pmd);

    public override Pte HardwareView(Pmd pmd) => inner.HardwareView(pmd);

    public override Pmd FromHardwareView(Pte descriptor) => inner.FromHardwareView(descriptor);

    public override void SetPmdAt(IMmContext mm, ulong addr, PtePointer pmdp, Pmd pmd) => inner.SetPmdAt(mm, addr, pmdp, pmd);

    public override bool PmdpTestAndClearYoung(IMmContext mm, ulong addr, PtePointer pmdp) => inner.PmdpTestAndClearYoung(mm, addr, pmdp);

    public override bool PmdpSetAccessFlags(IMmContext mm, ulong addr, PtePointer pmdp, Pmd entry, bool dirty) => inner.PmdpSetAccessFlags(mm, addr, pmdp, entry, dirty);

    public override Pmd PmdpHugeGetAndClear(IMmContext mm, ulong addr, PtePointer pmdp) => inner.PmdpHugeGetAndClear(mm, addr, pmdp);

    public override Pmd PmdpHugeGetAndClearFull(IMmContext mm, ulong addr, PtePointer pmdp, bool full) => inner.PmdpHugeGetAndClearFull(mm, addr, pmdp, full);

    public override Pmd PmdpInvalidate(IMmContext mm, ulong addr, PtePointer pmdp) => inner.PmdpInvalidate(mm, addr, pmdp);

    /// <summary>Reads, then writes the write-protected value: a hardware dirty update in between is lost.</summary>
    public override void PmdpSetWrprotect(IMmContext mm, ulong addr, PtePointer pmdp) => pmdp.Write(inner.WrProtect(inner.PmdpGet(pmdp)).AsPte);
}
