using ArchPgtable.Contracts.Helpers;
using ArchPgtable.Contracts.Properties;
using ArchPgtable.Plugins;

namespace ArchPgtable.Contracts.Running;

/// <summary>
/// The contract suite: every property, and the entry points that run them against an
/// <see cref="ArchInstance"/> (any plugin's build). Used by the xunit contract tests and by
/// <c>archpgtable verify</c>; needs no test framework.
/// </summary>
/// <example><code>
/// var arch = new MyArchPlugin().Build(config);
/// var results = ContractSuite.Verify(arch, new ContractOptions { Cases = 500 });
/// foreach (var r in results) Console.WriteLine(r);   // PASS / SKIP / FAIL (or XFAIL, a declared upstream finding) with a counterexample
/// </code></example>
public static class ContractSuite
{
    private static readonly HelperContract[] Helpers =
    [
        new ClearYoungDirtyPtesContract(),
        new MkoldCleanPtesContract(),
        new SetPtesContract(single: false),
        new SetPtesContract(single: true),
        new PtepGetAndClearContract(full: false),
        new PtepGetAndClearContract(full: true),
        new GetAndClearFullPtesContract(),
        new ClearFullPtesContract(),
        new WrprotectPtesContract(),
        new PtepSetWrprotectContract(),
        new PtepTestAndClearYoungContract(flush: false),
        new PtepTestAndClearYoungContract(flush: true),
        new PtepSetAccessFlagsContract(),
        new PteBatchHintContract(),
        new FullZeroClearContract(returnsAd: true),
        new FullZeroClearContract(returnsAd: false),
        new TestAndClearYoungPtesContract(flush: false),
        new TestAndClearYoungPtesContract(flush: true),
        new ModifyProtStartContract(single: false),
        new ModifyProtStartContract(single: true),
        new ModifyProtCommitContract(single: false),
        new ModifyProtCommitContract(single: true),
        new ClearNonpresentPtesContract(),
        new UpdateMmuTlbRangeContract(),
    ];

    /// <summary>Every property, in report order: per helper its contract then its race property, then ptep_get, ptep_get_lockless, the mkold_clean_ptes equivalence, the arch invariants, the PTE-format identities, folio_pte_batch, then the PMD helpers (contract, race).</summary>
    public static IReadOnlyList<ContractProperty> Properties { get; } =
    [
        .. Helpers.SelectMany(h => h.ModifiesEntries
            ? new ContractProperty[] { new HelperContractProperty(h), new HelperRaceProperty(h) }
            : [new HelperContractProperty(h)]),
        new FaultProgressProperty(),
        new PtepGetGathersProperty(),
        new PtepGetLocklessProperty(),
        new LocklessRaceProperty(),
        new MkoldCleanEquivalenceProperty(),
        new SetupInvariantsProperty(),
        new PteFormatIdentitiesProperty(),
        new FolioPteBatchProperty(),
        .. PmdHelpers.PmdHelperProperty.All,
    ];

    /// <summary>The distinct helper names the properties are about (for <c>--helper</c>).</summary>
    public static IReadOnlyList<string> HelperNames { get; } = [.. Properties.Select(p => p.Helper).Distinct()];

    /// <summary>True when <paramref name="text"/> is a replay token (a CsCheck seed string, as a counterexample prints it) that <see cref="ContractOptions.Seed"/> accepts.</summary>
    public static bool IsReplayToken(string text) => CaseStream.IsToken(text);

    /// <summary>The property called <paramref name="name"/> (e.g. <c>wrprotect_ptes/race</c>).</summary>
    /// <exception cref="ArgumentException">No property has that name.</exception>
    public static ContractProperty Property(string name) =>
        Properties.FirstOrDefault(p => p.Name == name) ?? throw new ArgumentException($"no contract property is called '{name}'.", nameof(name));

    /// <summary>The properties <paramref name="options"/> selects (all, or those of <see cref="ContractOptions.Helper"/>).</summary>
    /// <exception cref="ArgumentException">The helper name is unknown.</exception>
    public static IReadOnlyList<ContractProperty> Select(ContractOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Helper is null)
        {
            return Properties;
        }

        if (!HelperNames.Contains(options.Helper))
        {
            throw new ArgumentException($"unknown helper '{options.Helper}'; known: {string.Join(", ", HelperNames)}.", nameof(options));
        }

        return [.. Properties.Where(p => p.Helper == options.Helper)];
    }

    /// <summary>
    /// Runs one property against <paramref name="arch"/>. When the build declares the property a
    /// known finding (<see cref="ArchInstance.KnownFindings"/>), it still runs; the result carries
    /// the declaration, so a failure reads as an expected failure (<see cref="PropertyStatus.ExpectedFailure"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The build declares a known finding for a property that does not exist.</exception>
    public static PropertyResult Check(ArchInstance arch, ContractProperty property, ContractOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(arch);
        ArgumentNullException.ThrowIfNull(property);
        options ??= new ContractOptions();
        if (options.Machine is not null)
        {
            arch = arch.MachineSupportOrDefault.ForMachine(arch, options.Machine);
        }

        var known = KnownFindingFor(arch, property.Name);
        var skip = property.SkipReason(arch, options);
        var result = skip is not null
            ? new PropertyResult(property.Name, property.Helper, true, 0, options.Seed, null, skip, TimeSpan.Zero, null)
            : property.Run(arch, options);
        return known is null ? result : result with { KnownFinding = known };
    }

    /// <summary>The build's known finding for <paramref name="property"/>, or null; checks every declaration names a property.</summary>
    /// <exception cref="ArgumentException">A declaration names no property of the suite.</exception>
    public static KnownFinding? KnownFindingFor(ArchInstance arch, string property)
    {
        ArgumentNullException.ThrowIfNull(arch);
        KnownFinding? found = null;
        foreach (var finding in arch.KnownFindings)
        {
            if (!Properties.Any(p => p.Name == finding.Property))
            {
                throw new ArgumentException(
                    $"{arch.Arch} declares a known finding for '{finding.Property}', which is not a contract property; known: {string.Join(", ", Properties.Select(p => p.Name))}.",
                    nameof(arch));
            }

            if (finding.Property == property)
            {
                found = finding;
            }
        }

        return found;
    }

    /// <summary>Runs one property, by name, against <paramref name="arch"/>.</summary>
    public static PropertyResult Check(ArchInstance arch, string property, ContractOptions? options = null) =>
        Check(arch, Property(property), options);

    /// <summary>Runs every selected property against <paramref name="arch"/>, in order.</summary>
    public static IReadOnlyList<PropertyResult> Verify(ArchInstance arch, ContractOptions? options = null)
    {
        options ??= new ContractOptions();
        return [.. Select(options).Select(p => Check(arch, p, options))];
    }
}
