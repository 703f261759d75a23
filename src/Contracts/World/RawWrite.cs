namespace ArchPgtable.Contracts.World;

/// <summary>One software write to a PTE word made by the helper under test.</summary>
/// <param name="Index">The table index written.</param>
/// <param name="Kind">Plain store, exchange or successful compare-and-exchange.</param>
/// <param name="Before">The word before.</param>
/// <param name="After">The word after.</param>
internal readonly record struct RawWrite(int Index, PteAccessKind Kind, Pte Before, Pte After);
