using System.Globalization;
using ArchPgtable.Plugins;

namespace ArchPgtable.Generic.Contiguous;

/// <summary>
/// The rules the contiguous-block layer keeps between calls, for any encoding: a block with one valid block entry is
/// <c>blockPtes</c> naturally aligned entries, all valid block entries, starting at a block-aligned PFN, each holding
/// what <see cref="IContiguousEncoding.Sibling"/> says a consistent block holds there, up to young and dirty. A plugin
/// that routes through the layer passes this as its <see cref="ArchInstance.Invariants"/>.
/// </summary>
/// <typeparam name="TEncoding">The architecture's hook set.</typeparam>
/// <remarks>Kernel: the invariant contpte_convert() / contpte_set_ptes() maintain and contpte_ptep_get_lockless() checks.</remarks>
public sealed class ContiguousInvariants<TEncoding> : IArchInvariants
    where TEncoding : struct, IContiguousEncoding
{
    private readonly TEncoding _enc;
    private readonly int _blockPtes;
    private readonly IPteFormat _format;

    /// <summary>Creates the rules.</summary>
    /// <param name="encoding">The hooks.</param>
    /// <param name="blockPtes">Entries per block.</param>
    /// <param name="format">The PTE encoding (for messages).</param>
    /// <param name="privateViewBits">Bits of the <c>ptep_get()</c> value that are the layer's bookkeeping (the encoding, when the view shows it).</param>
    public ContiguousInvariants(TEncoding encoding, int blockPtes, IPteFormat format, ulong privateViewBits)
    {
        ArgumentNullException.ThrowIfNull(format);
        _enc = encoding;
        _blockPtes = blockPtes;
        _format = format;
        PrivateViewBits = privateViewBits;
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> Descriptions { get; } =
    [
        "a block with a valid block entry is naturally aligned and every entry of it is a valid block entry",
        "a block starts at a block-aligned PFN",
        "every entry of a block holds what a consistent block holds there, up to young and dirty",
    ];

    /// <inheritdoc/>
    public ulong PrivateViewBits { get; }

    /// <inheritdoc/>
    /// <remarks>Kernel: contpte_is_consistent() over every block, as a post-condition.</remarks>
    public string? Check(PteTable table, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(table);
        var end = Math.Min(table.Count, start + count);
        for (var block = Math.Max(0, start) & ~(_blockPtes - 1); block < end; block += _blockPtes)
        {
            var any = false;
            for (var k = 0; k < _blockPtes && !any; k++)
            {
                any = _enc.IsBlock(table.Peek(block + k));
            }

            var violation = any ? CheckBlock(table, block) : null;
            if (violation is not null)
            {
                return violation;
            }
        }

        return null;
    }

    private string? CheckBlock(PteTable table, int block)
    {
        var first = table.Peek(block);
        if (!_enc.IsBlock(first) || (_enc.Pfn(_enc.Plain(first, 0)) & (ulong)(_blockPtes - 1)) != 0)
        {
            return Say(block, 0, first, "does not start a valid block at a block-aligned PFN although its block has a block entry");
        }

        var want = Normalise(first);
        for (var k = 1; k < _blockPtes; k++)
        {
            want = _enc.Sibling(want, 1);
            var pte = table.Peek(block + k);
            if (!_enc.IsBlock(pte) || Normalise(pte) != want)
            {
                return Say(block, k, pte, $"is not what a consistent block holds there ({_format.Describe(want)}, up to young and dirty)");
            }
        }

        return null;
    }

    private Pte Normalise(Pte pte) => _enc.MkOld(_enc.MkClean(pte));

    private string Say(int block, int k, Pte pte, string what) => string.Create(CultureInfo.InvariantCulture,
        $"contiguous block at PTE index {block}: entry {block + k} ({_format.Describe(pte)}) {what}");
}
