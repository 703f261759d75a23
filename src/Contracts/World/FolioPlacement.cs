namespace ArchPgtable.Contracts.World;

/// <summary>Where a generated folio sits: its first table index (its VA) and its PFN extent.</summary>
/// <param name="Index">The table index of the folio's first page.</param>
/// <param name="Folio">The folio's PFN extent.</param>
/// <param name="Prot">The protection its entries are made from.</param>
internal sealed record FolioPlacement(int Index, FolioExtent Folio, PteProt Prot)
{
    /// <summary>One past the folio's last table index.</summary>
    public int End => Index + Folio.NrPages;

    /// <summary>True when table entry <paramref name="index"/> lies in the folio's VA span.</summary>
    public bool Covers(int index) => index >= Index && index < End;
}
