using System.Globalization;

namespace ArchPgtable.Contracts.Properties;

/// <summary>A generated case for <c>folio_pte_batch/flags</c>.</summary>
/// <param name="Order">The folio has 2^Order pages (1..5).</param>
/// <param name="AtTableEnd">The folio's last page is mapped by the table's last entry (else it starts one folio into the table).</param>
/// <param name="StartOffset">The batch starts at this page of the folio (mod its size): batches may start mid-folio.</param>
/// <param name="MaxPick">max_nr is 1 + MaxPick mod (entries to the table end).</param>
/// <param name="Flags">The FPB_* flags (0..31).</param>
/// <param name="Mutations">Per-entry changes made through the helpers after mapping: (page &lt;&lt; 3) | op, op 0 wrprotect, 1 mkold, 2 mkdirty,
/// 3 toggle soft-dirty (modify_prot start/commit), 4 clear (ends any batch), 5 mkclean.</param>
internal sealed record FolioPteBatchCase(int Order, bool AtTableEnd, int StartOffset, int MaxPick, int Flags, IReadOnlyList<int> Mutations)
{
    public static readonly string[] OpNames = ["wrprotect", "mkold", "mkdirty", "soft-dirty toggle", "clear", "mkclean"];

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"folio of {1 << Order} pages{(AtTableEnd ? " ending at the table end" : "")}, start page {StartOffset % (1 << Order)}, max pick {MaxPick}, flags {(Mm.Operations.FpbFlags)Flags}, "
        + $"changes [{string.Join(", ", Mutations.Select(m => $"page {(m >> 3) % (1 << Order)} {OpNames[(m & 7) % OpNames.Length]}"))}]");
}
