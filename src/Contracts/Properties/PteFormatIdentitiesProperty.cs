using System.Globalization;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Hardware;
using ArchPgtable.Plugins;
using CsCheck;

namespace ArchPgtable.Contracts.Properties;

/// <summary>
/// <c>pte_format/identities</c>: the IPteFormat identities of mm/debug_vm_pgtable.c's
/// pte_basic_tests for every one of the 16 vm_get_page_prot() protections and random PFNs, plus a
/// model of any sequence of modifiers: young follows the last mkyoung/mkold, dirty the last
/// mkdirty/mkclean (wrprotect and mkwrite keep it), write the last mkwrite/wrprotect, and no
/// modifier changes the PFN or presence; pfn_pte/pte_pfn/pte_pgprot/pte_advance_pfn round-trip;
/// swap, migration and marker entries round-trip and are not present; soft-dirty round-trips where the arch has it and
/// is the identity where it does not. The dirty state a hardware store leaves (arm64 DBM:
/// PTE_RDONLY cleared, no PTE_DIRTY) survives pte_wrprotect() and is cleared by pte_mkclean().
/// </summary>
internal sealed class PteFormatIdentitiesProperty() : ContractProperty("pte_format", "identities",
    "debug_vm_pgtable pte_basic_tests for all 16 protections (fresh pte not dirty; young(mkyoung(mkold)), !young(mkold(mkyoung)), "
    + "dirty(mkdirty(mkclean)), !dirty(mkclean(mkdirty)), write(mkwrite(wrprotect)), !write(wrprotect(mkwrite)), wrprotect keeps dirtiness); "
    + "pte_wrprotect/pte_mkclean of an entry a hardware store dirtied; a model of any modifier sequence; pfn_pte/pte_pfn/pte_pgprot/pte_advance_pfn and swap-entry round trips")
{
    /// <inheritdoc/>
    public override bool DependsOnMachine => false;

    internal override PropertyResult Run(ArchInstance arch, ContractOptions options)
    {
        var f = arch.Format;
        var hw = arch.Hardware;
        var gen = Gen.Select(Gen.ULong, Gen.Int[0, 15], Gen.Int[0, 5].Array[0, 8], Gen.Int[1, 64],
            (pfn, flags, ops, advance) => new FormatCase(pfn, flags, ops, advance));
        return SampleRunner.Run(this, gen, (c, r) => Test(f, hw, c, r), Candidates, options);
    }

    private static CaseOutcome Test(IPteFormat f, IHardwareModel hw, FormatCase c, CaseReport? report)
    {
        var violations = new List<string>();
        var maxPfn = f.Pfn(f.PfnPte(ulong.MaxValue, new PteProt(0)));
        var pfn = c.PfnSeed % (maxPfn - (ulong)c.Advance + 1);
        var prot = f.ProtFor((VmFlags)c.Flags);
        var pte = f.PfnPte(pfn, prot);
        void Expect(bool ok, string what)
        {
            if (!ok)
            {
                violations.Add(string.Create(CultureInfo.InvariantCulture, $"{what} (pte {f.Describe(pte)})"));
            }
        }

        Expect(f.Pfn(pte) == pfn, "pte_pfn(pfn_pte(pfn, prot)) != pfn");
        Expect(f.Pgprot(pte) == f.Pgprot(f.PfnPte(0, prot)), "pte_pgprot(pfn_pte(pfn, prot)) depends on pfn");
        Expect(!f.Dirty(pte), "a fresh pfn_pte() is dirty");
        Expect(!f.Dirty(f.WrProtect(pte)), "pte_dirty(pte_wrprotect(fresh pte))");
        Expect(f.Young(f.MkYoung(f.MkOld(pte))), "!pte_young(pte_mkyoung(pte_mkold(pte)))");
        Expect(!f.Young(f.MkOld(f.MkYoung(pte))), "pte_young(pte_mkold(pte_mkyoung(pte)))");
        Expect(f.Dirty(f.MkDirty(f.MkClean(pte))), "!pte_dirty(pte_mkdirty(pte_mkclean(pte)))");
        Expect(!f.Dirty(f.MkClean(f.MkDirty(pte))), "pte_dirty(pte_mkclean(pte_mkdirty(pte)))");
        Expect(f.Write(f.MkWrite(f.WrProtect(pte))), "!pte_write(pte_mkwrite(pte_wrprotect(pte)))");
        Expect(!f.Write(f.WrProtect(f.MkWrite(pte))), "pte_write(pte_wrprotect(pte_mkwrite(pte)))");
        Expect(!f.Dirty(f.WrProtect(f.MkClean(pte))), "pte_dirty(pte_wrprotect(pte_mkclean(pte)))");
        Expect(f.Dirty(f.WrProtect(f.MkDirty(pte))), "!pte_dirty(pte_wrprotect(pte_mkdirty(pte)))");
        var stored = hw.Translate(f.MkYoung(f.MkClean(f.MkWrite(pte))), MemoryAccess.Write);
        if (stored.Ok && f.Dirty(stored.Updated))
        {
            Expect(f.Dirty(f.WrProtect(stored.Updated)) && !f.Write(f.WrProtect(stored.Updated)),
                $"pte_wrprotect() of the entry a hardware store left ({f.Describe(stored.Updated)}) loses the dirty state or stays writable");
            Expect(!f.Dirty(f.MkClean(stored.Updated)) && f.Write(f.MkClean(stored.Updated)),
                $"pte_mkclean() of the entry a hardware store left ({f.Describe(stored.Updated)}) stays dirty or loses write");
        }

        var advanced = f.AdvancePfn(pte, c.Advance);
        Expect(f.Pfn(advanced) == pfn + (ulong)c.Advance && f.Pgprot(advanced) == f.Pgprot(pte),
            $"pte_advance_pfn(pte, {c.Advance}) is not pfn_pte(pfn + {c.Advance}, pte_pgprot(pte))");

        var (young, dirty, write) = (f.Young(pte), f.Dirty(pte), f.Write(pte));
        var present = f.Present(pte);
        var p = pte;
        foreach (var op in c.Ops)
        {
            p = op switch
            {
                0 => f.MkOld(p),
                1 => f.MkYoung(p),
                2 => f.MkClean(p),
                3 => f.MkDirty(p),
                4 => f.WrProtect(p),
                _ => f.MkWrite(p),
            };
            (young, dirty, write) = op switch
            {
                0 => (false, dirty, write),
                1 => (true, dirty, write),
                2 => (young, false, write),
                3 => (young, true, write),
                4 => (young, dirty, false),
                _ => (young, dirty, true),
            };
            if (f.Young(p) != young || f.Dirty(p) != dirty || f.Write(p) != write || f.Pfn(p) != pfn || f.Present(p) != present)
            {
                violations.Add(string.Create(CultureInfo.InvariantCulture,
                    $"after {FormatCase.OpNames[op]}: {f.Describe(p)} reports young={f.Young(p)} dirty={f.Dirty(p)} write={f.Write(p)} pfn=0x{f.Pfn(p):x} present={f.Present(p)}; "
                    + $"the model says young={young} dirty={dirty} write={write} pfn=0x{pfn:x} present={present}"));
                break;
            }
        }

        var offset = 1 + (c.PfnSeed % ((1UL << 40) - 1));
        var swap = f.MkSwapEntry(offset);
        Expect(!f.Present(swap) && f.IsSwapEntry(swap) && f.SwapOffset(swap) == offset,
            string.Create(CultureInfo.InvariantCulture, $"swap entry for offset 0x{offset:x} ({f.Describe(swap)}) does not round-trip or is present"));
        foreach (var kind in NonPresentKinds)
        {
            var entry = f.MkNonPresentEntry(kind, offset);
            Expect(!entry.IsNone && !f.Present(entry) && f.IsSwapEntry(entry) && f.NonPresentKindOf(entry) == kind && f.SwapOffset(entry) == offset,
                string.Create(CultureInfo.InvariantCulture, $"non-present {kind} entry for offset 0x{offset:x} ({f.Describe(entry)}) does not round-trip or is present"));
        }

        if (f.HasSoftDirty)
        {
            Expect(f.SoftDirty(f.MkSoftDirty(pte)) && !f.SoftDirty(f.ClearSoftDirty(f.MkSoftDirty(pte)))
                && f.Pfn(f.MkSoftDirty(pte)) == pfn && f.Present(f.MkSoftDirty(pte)) == f.Present(pte),
                "pte_mksoft_dirty/pte_clear_soft_dirty do not round-trip or change pfn/presence");
        }
        else
        {
            Expect(f.ClearSoftDirty(pte) == pte && !f.SoftDirty(f.MkSoftDirty(pte)), "an arch without soft-dirty changes the entry in pte_clear_soft_dirty/pte_mksoft_dirty");
        }

        if (report is not null)
        {
            report.Call = c.ToString();
            report.Setup.Add(string.Create(CultureInfo.InvariantCulture, $"pte = pfn_pte(0x{pfn:x}, vm_get_page_prot({(VmFlags)c.Flags})) = {f.Describe(pte)}"));
            report.Violations.AddRange(violations);
        }

        return violations.Count > 0 ? CaseOutcome.Fail : CaseOutcome.Pass;
    }

    private static readonly NonPresentKind[] NonPresentKinds = Enum.GetValues<NonPresentKind>();

    private static IEnumerable<FormatCase> Candidates(FormatCase c)
    {
        for (var i = 0; i < c.Ops.Count; i++)
        {
            yield return c with { Ops = [.. c.Ops.Take(i), .. c.Ops.Skip(i + 1)] };
        }

        if (c.Flags != 0)
        {
            yield return c with { Flags = 0 };
        }

        if (c.PfnSeed != 0)
        {
            yield return c with { PfnSeed = 0 };
            yield return c with { PfnSeed = c.PfnSeed / 2 };
        }

        if (c.Advance > 1)
        {
            yield return c with { Advance = 1 };
        }
    }
}
