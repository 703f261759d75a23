using System.Globalization;
using System.Reflection;
using ArchPgtable.Contracts.Properties;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Plugins;
using CsCheck;

namespace ArchPgtable.Contracts.PmdHelpers;

/// <summary>
/// A PMD helper's property in the suite (<c>pmdp_set_wrprotect/contract</c>, <c>pmdp_set_wrprotect/race</c>, <c>pmd_format/contract</c>, …):
/// the <see cref="PmdContract"/> checks of that helper on generated leaf PMDs (slot, aligned PFN, young, dirty, write), shrunk
/// to the simplest failing leaf. The race property injects a hardware write (access and dirty, one compare-and-swap)
/// between the helper's read and its store; like the PTE race properties it is skipped where the hardware sets no
/// A/D bits or where the generic default is in force (not atomic by design), unless <see cref="ContractOptions.RaceOnDefaults"/>.
/// </summary>
/// <remarks>Kernel: the PMD helpers of include/linux/pgtable.h and mm/pgtable-generic.c and their arch overrides.</remarks>
internal sealed class PmdHelperProperty(string helper, bool race, string description)
    : ContractProperty(helper, race ? "race" : "contract", description)
{
    private const string GenericPmdOps = "ArchPgtable.Generic.GenericPmdOps";

    /// <summary>The PMD properties, in report order.</summary>
    public static IReadOnlyList<ContractProperty> All { get; } =
    [
        new PmdHelperProperty("pmd_format", false, "pmd_mkold/pmd_mkclean clear only young/dirty; pmd_mkinvalid leaves a present leaf of the same PFN that no walker uses"),
        new PmdHelperProperty("pmdp_test_and_clear_young", false, "returns the old young bit, clears it, keeps dirty, write, the PFN and a valid leaf, and does not flush"),
        new PmdHelperProperty("pmdp_test_and_clear_young", true, "a hardware write between the read and the store is not lost (the entry stays dirty)"),
        new PmdHelperProperty("pmdp_set_access_flags", false, "a write fault's entry leaves the leaf young, dirty and writable with its PFN and reports the change"),
        new PmdHelperProperty("pmdp_huge_get_and_clear", false, "returns the entry and clears it"),
        new PmdHelperProperty("pmdp_huge_get_and_clear", true, "a hardware write before the clear is returned (dirty)"),
        new PmdHelperProperty("pmdp_huge_get_and_clear_full", false, "returns the entry and clears it (full mm teardown)"),
        new PmdHelperProperty("pmdp_set_wrprotect", false, "clears write and keeps dirty, young and the PFN"),
        new PmdHelperProperty("pmdp_set_wrprotect", true, "a hardware write between the read and the store is not lost (the entry stays dirty)"),
        new PmdHelperProperty("pmdp_invalidate", false, "returns the entry, leaves it present, invalid, same PFN and dirty, and flushes the whole PMD range"),
        new PmdHelperProperty("pmdp_invalidate", true, "a hardware write before the invalidation is returned or kept (dirty)"),
    ];

    /// <inheritdoc/>
    public override bool DependsOnMachine => false;

    internal override string? SkipReason(ArchInstance arch, ContractOptions options)
    {
        if (arch.PmdOps is not { } ops)
        {
            return "the build has no PMD helpers";
        }

        if (!race)
        {
            return null;
        }

        var written = arch.Hardware.Translate(arch.Format.MkClean(arch.Format.MkWrite(arch.Format.PfnPte(0, arch.Format.ProtFor(VmFlags.Read | VmFlags.Write)))), Hardware.MemoryAccess.Write);
        if (!written.Ok || !arch.Format.Dirty(written.Updated))
        {
            return "the hardware model does not set access/dirty flags itself (no concurrent hardware update to race with)";
        }

        return !options.RaceOnDefaults && IsGenericDefault(ops, Helper)
            ? "the generic PMD default is in force; it is not atomic against hardware A/D by design (arches with hardware A/D override it)"
            : null;
    }

    internal override PropertyResult Run(ArchInstance arch, ContractOptions options)
    {
        var ops = arch.PmdOps!;
        var gen = Gen.Select(Gen.Int[0, arch.Geometry.PtrsPerPte - 1], Gen.ULong[1, 4095], Gen.Bool, Gen.Bool, Gen.Bool,
            (i, pfn, young, dirty, write) => new PmdCase(i, pfn, young, dirty, write));
        return SampleRunner.Run(this, gen, (c, report) => Test(arch, ops, c, report), Candidates, options);
    }

    private CaseOutcome Test(ArchInstance arch, PmdOps ops, PmdCase c, CaseReport? report)
    {
        var violations = PmdContract.Test(arch, Helper, race, c);
        if (report is not null)
        {
            var p = PmdContract.Entry(arch, ops, c);
            report.Setup.Add(string.Create(CultureInfo.InvariantCulture, $"pmd = pfn_pmd(0x{ops.Pfn(p):x}, PAGE_READ|PAGE_WRITE), {c}: {p} ({arch.Format.Describe(p.AsPte)})"));
            report.Call = Helper == "pmd_format"
                ? $"pmd_mkold(pmd), pmd_mkclean(pmd), pmd_mkinvalid(pmd)"
                : string.Create(CultureInfo.InvariantCulture, $"{Helper}(mm, 0x{(ulong)c.Index * ops.PmdSize:x}, pmdp)");
            report.Race = race ? "a hardware write (access and dirty by compare-and-swap) lands just before the helper's first store to the entry" : null;
            report.Violations.AddRange(violations);
        }

        return violations.Count > 0 ? CaseOutcome.Fail : CaseOutcome.Pass;
    }

    private static IEnumerable<PmdCase> Candidates(PmdCase c)
    {
        if (c.Index != 0)
        {
            yield return c with { Index = 0 };
        }

        if (c.PfnSeed != 1)
        {
            yield return c with { PfnSeed = 1 };
        }

        if (c.Young)
        {
            yield return c with { Young = false };
        }

        if (c.Dirty)
        {
            yield return c with { Dirty = false };
        }
    }

    /// <summary>True when the generic default of <paramref name="helper"/> is in force (its <c>…Core</c> member is GenericPmdOps').</summary>
    private static bool IsGenericDefault(PmdOps ops, string helper)
    {
        var core = helper switch
        {
            "pmdp_test_and_clear_young" => "PmdpTestAndClearYoungCore",
            "pmdp_huge_get_and_clear" => "PmdpHugeGetAndClearCore",
            "pmdp_set_wrprotect" => "PmdpSetWrprotectCore",
            "pmdp_invalidate" => "PmdpInvalidateCore",
            _ => null,
        };
        var method = core is null ? null : ops.GetType().GetMethod(core, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
        return method?.DeclaringType?.FullName == GenericPmdOps;
    }
}
