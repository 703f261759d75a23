using ArchPgtable.Arm64;

namespace ArchPgtable.Contracts.Tests.KnownBad;

/// <summary>Known-bad: the arm64 encoding with a pte_wrprotect() that sets PTE_RDONLY without first moving a hardware-dirty state into PTE_DIRTY (the case debug_vm_pgtable's "pte_dirty(pte_wrprotect(pte_mkdirty(pte)))" exists for).</summary>
public sealed class DirtyLosingFormat(Arm64Granule granule) : IPteFormat
{
    private readonly Arm64PteFormat _real = Arm64PteFormat.For(granule);

    public bool Present(Pte pte) => _real.Present(pte);

    public bool Young(Pte pte) => _real.Young(pte);

    public bool Dirty(Pte pte) => _real.Dirty(pte);

    public bool Write(Pte pte) => _real.Write(pte);

    public ulong Pfn(Pte pte) => _real.Pfn(pte);

    public PteProt Pgprot(Pte pte) => _real.Pgprot(pte);

    public Pte PfnPte(ulong pfn, PteProt prot) => _real.PfnPte(pfn, prot);

    public Pte AdvancePfn(Pte pte, int nr) => _real.AdvancePfn(pte, nr);

    public Pte MkOld(Pte pte) => _real.MkOld(pte);

    public Pte MkYoung(Pte pte) => _real.MkYoung(pte);

    public Pte MkClean(Pte pte) => _real.MkClean(pte);

    public Pte MkDirty(Pte pte) => _real.MkDirty(pte);

    public Pte WrProtect(Pte pte) => new((pte.Value & ~Arm64PteBits.PTE_WRITE) | Arm64PteBits.PTE_RDONLY);

    public Pte MkWrite(Pte pte) => _real.MkWrite(pte);

    public PteProt ProtFor(VmFlags flags) => _real.ProtFor(flags);

    public string Describe(Pte pte) => _real.Describe(pte);
}
