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

        // Without --helper, a helper for which exactly one side runs the include/linux/pgtable.h default (a kernel tree
        // older than the arch override the other side models, e.g. Linux 6.12 against the mainline model's
        // contpte_clear_flush_young_ptes) is not compared: the two differ by version, not by bug.
        var contracts = ContractSuite.Properties.OfType<HelperContractProperty>().Select(p => p.Contract)
            .Where(c => options.Helper is null ? SameTier(a, b, c.Member) : c.Helper == options.Helper).ToList();
        if (contracts.Count == 0)
        {
            throw new ArgumentException($"no helper '{options.Helper}' (helpers: {string.Join(", ", ContractSuite.HelperNames)}).", nameof(options));
        }

        return [.. contracts.Select(c => new HelperDiffProperty(c, a, b).Run(a.Arch, options))];
    }

    /// <summary>True when both sides run the pgtable.h default of <paramref name="member"/>, or neither does.</summary>
    private static bool SameTier(DiffSide a, DiffSide b, string member) =>
        HelperImplementation.IsPgtableDefault(a.Arch.Ops, member) == HelperImplementation.IsPgtableDefault(b.Arch.Ops, member);
}
