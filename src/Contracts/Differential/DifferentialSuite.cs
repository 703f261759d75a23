using ArchPgtable.Contracts.Properties;
using ArchPgtable.Contracts.Running;

namespace ArchPgtable.Contracts.Differential;

/// <summary>
/// Differential testing of two builds of one architecture (the C# model plugin and the kernel's own C,
/// say) on the contract generator's states and calls: one <c>helper/diff</c> result per helper, a
/// mismatch shrunk and printed like a contract counterexample, naming both implementations.
/// </summary>
public static class DifferentialSuite
{
    /// <summary>Compares <paramref name="a"/> and <paramref name="b"/> helper by helper (<see cref="ContractOptions.Helper"/> picks one).</summary>
    /// <exception cref="ArgumentException">The builds have different geometries, or the helper is unknown.</exception>
    public static IReadOnlyList<PropertyResult> Compare(DiffSide a, DiffSide b, ContractOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        // One difference per helper, the smallest (a differential case has no kinds of failure to tell apart).
        options = (options ?? new ContractOptions()) with { MaxDistinctFailures = 1 };
        if (a.Arch.Geometry != b.Arch.Geometry)
        {
            throw new ArgumentException($"{a.Label} and {b.Label} have different geometries; a differential run needs one.", nameof(b));
        }

        var contracts = ContractSuite.Properties.OfType<HelperContractProperty>().Select(p => p.Contract)
            .Where(c => options.Helper is null || c.Helper == options.Helper).ToList();
        if (contracts.Count == 0)
        {
            throw new ArgumentException($"no helper '{options.Helper}' (helpers: {string.Join(", ", ContractSuite.HelperNames)}).", nameof(options));
        }

        // Without --helper, a helper that b does not implement at all (it runs the include/linux/pgtable.h default) while a
        // overrides it is reported as not compared, with the reason: b is a kernel tree older than the override a models
        // (e.g. Linux 6.12 against the mainline model's contpte_clear_flush_young_ptes), so they differ by version, not by
        // bug. --helper NAME compares it anyway.
        return [.. contracts.Select(c => options.Helper is null && MissingOnB(a, b, c.Member)
            ? NotCompared(c, a, b)
            : new HelperDiffProperty(c, a, b).Run(a.Arch, options))];
    }

    /// <summary>True when <paramref name="b"/> runs the pgtable.h default of <paramref name="member"/> and <paramref name="a"/> overrides it.</summary>
    private static bool MissingOnB(DiffSide a, DiffSide b, string member) =>
        HelperImplementation.IsPgtableDefault(b.Arch.Ops, member) && !HelperImplementation.IsPgtableDefault(a.Arch.Ops, member);

    private static PropertyResult NotCompared(Helpers.HelperContract c, DiffSide a, DiffSide b) => new(
        c.Helper + "/diff", c.Helper, Passed: true, Cases: 0, Seed: null, Counterexample: null,
        SkipReason: $"{b.Label} has no {c.Helper} of its own (it runs the include/linux/pgtable.h default) while {a.Label} overrides it " +
            $"({a.Implementation(c.Helper)}): a version difference; --helper {c.Helper} compares them anyway",
        Elapsed: TimeSpan.Zero, FirstFailureAfter: null);
}
