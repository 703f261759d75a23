using System.Globalization;

namespace ArchPgtable.Contracts.Generation;

/// <summary>
/// One folio of a generated state and how set_ptes maps it. Every field's zero value is the
/// simplest choice, so that shrinking moves towards it.
/// </summary>
/// <param name="Order">log2 of its pages.</param>
/// <param name="Gap">Entries left empty before it.</param>
/// <param name="Unaligned">Place its VA without rounding up to the folio size (PA stays naturally aligned).</param>
/// <param name="Split">0: one set_ptes of the whole folio; otherwise two set_ptes split at <c>Split mod pages</c>.</param>
/// <param name="Hole">With a split, leave the second part unmapped (a partially mapped folio).</param>
/// <param name="Prot">The protection.</param>
/// <param name="Young">Map its entries young.</param>
/// <param name="Dirty">Map its entries dirty.</param>
internal sealed record FolioSpec(int Order, int Gap, bool Unaligned, int Split, bool Hole, ProtKind Prot, bool Young, bool Dirty)
{
    /// <summary>The folio's pages.</summary>
    public int Pages => 1 << Order;

    /// <summary>The split point inside the folio, or 0 for one set_ptes.</summary>
    public int SplitAt => Split % Pages;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"folio order {Order} gap {Gap}{(Unaligned ? " unaligned" : "")}{(SplitAt != 0 ? $" split@{SplitAt}" : "")}{(Hole && SplitAt != 0 ? " hole" : "")} {Prot}{(Young ? " young" : "")}{(Dirty ? " dirty" : "")}");
}
