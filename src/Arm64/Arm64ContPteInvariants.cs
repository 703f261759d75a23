using System.Globalization;
using ArchPgtable.Plugins;
using static ArchPgtable.Arm64.Arm64PteBits;

namespace ArchPgtable.Arm64;

/// <summary>
/// arm64's rules for contiguous blocks, as the contpte code keeps them between calls: a block
/// that has one valid PTE_CONT entry is CONT_PTES naturally aligned entries, every one valid
/// and PTE_CONT, mapping consecutive PFNs from a CONT_PTES-aligned PFN, with identical
/// attributes except the access flag and the dirty state (PTE_AF, PTE_DIRTY, PTE_RDONLY).
/// Anything else is "misprogramming of the contiguous bit". Holds trivially without
/// CONFIG_ARM64_CONTPTE, where no entry ever has PTE_CONT.
/// </summary>
/// <remarks>Kernel: the invariant contpte_convert() / contpte_set_ptes() maintain and contpte_ptep_get_lockless() checks (arch/arm64/mm/contpte.c).</remarks>
public sealed class Arm64ContPteInvariants : IArchInvariants
{
    private const ulong AccessDirty = PTE_AF | PTE_DIRTY | PTE_RDONLY;
    private readonly int _contPtes;
    private readonly Arm64PteFormat _format;
    private readonly ulong _attrMask;

    /// <summary>Creates the rules for one granule.</summary>
    /// <param name="granule">The translation granule (fixes CONT_PTES and the PFN field).</param>
    public Arm64ContPteInvariants(Arm64Granule granule)
    {
        _contPtes = granule.ContPtes();
        _format = Arm64PteFormat.For(granule);
        _attrMask = ~(_format.PfnMask | AccessDirty);
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> Descriptions { get; } =
    [
        "a block with a valid PTE_CONT entry is CONT_PTES entries aligned to CONT_PTES, all valid and PTE_CONT",
        "a contiguous block maps consecutive PFNs starting at a CONT_PTES-aligned PFN",
        "the entries of a contiguous block have identical attributes except PTE_AF, PTE_DIRTY and PTE_RDONLY",
    ];

    /// <inheritdoc/>
    /// <remarks>Kernel: PTE_CONT, which ptep_get() reports and every arm64 setter strips.</remarks>
    public ulong PrivateViewBits => PTE_CONT;

    /// <inheritdoc/>
    /// <remarks>Kernel: the checks of contpte_ptep_get_lockless() and __contpte_try_fold(), as a post-condition.</remarks>
    public string? Check(PteTable table, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(table);
        var end = Math.Min(table.Count, start + count);
        var i = Math.Max(0, start) & ~(_contPtes - 1);
        while (i < end)
        {
            var block = i;
            var hasCont = false;
            for (var k = 0; k < _contPtes && !hasCont; k++)
            {
                hasCont = Arm64Pte.ValidCont(table.Peek(block + k));
            }

            if (hasCont)
            {
                var violation = CheckBlock(table, block);
                if (violation is not null)
                {
                    return violation;
                }
            }

            i = block + _contPtes;
        }

        return null;
    }

    private string? CheckBlock(PteTable table, int block)
    {
        var first = table.Peek(block);
        for (var k = 0; k < _contPtes; k++)
        {
            var pte = table.Peek(block + k);
            if (!Arm64Pte.ValidCont(pte))
            {
                return Say(block, k, pte, "is not valid and PTE_CONT although another entry of its block is");
            }

            if (k == 0 && (_format.Pfn(pte) & (ulong)(_contPtes - 1)) != 0)
            {
                return Say(block, k, pte, $"starts a contiguous block at a PFN not aligned to CONT_PTES={_contPtes}");
            }

            if (_format.Pfn(pte) != _format.Pfn(first) + (ulong)k)
            {
                return Say(block, k, pte, string.Create(CultureInfo.InvariantCulture,
                    $"maps pfn 0x{_format.Pfn(pte):x} where the block needs 0x{_format.Pfn(first) + (ulong)k:x}"));
            }

            if ((pte.Value & _attrMask) != (first.Value & _attrMask))
            {
                return Say(block, k, pte, $"differs from the block's first entry ({_format.Describe(first)}) in more than PTE_AF/PTE_DIRTY/PTE_RDONLY");
            }
        }

        return null;
    }

    private string Say(int block, int k, Pte pte, string what) => string.Create(CultureInfo.InvariantCulture,
        $"contiguous block at PTE index {block}: entry {block + k} ({_format.Describe(pte)}) {what}");
}
