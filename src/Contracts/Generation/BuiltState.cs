using ArchPgtable.Contracts.World;

namespace ArchPgtable.Contracts.Generation;

/// <summary>What building a scenario produced: the placed folios, the reserved (unmapped) call folio, and a setup failure if a step broke an invariant or threw.</summary>
internal sealed class BuiltState
{
    public List<FolioPlacement> Placed { get; } = [];

    public List<FolioSpec> PlacedSpecs { get; } = [];

    /// <summary>The folio left unmapped for a set_ptes call, or null.</summary>
    public FolioPlacement? CallFolio { get; set; }

    public FolioSpec? CallFolioSpec { get; set; }

    /// <summary>The step that broke an arch invariant (or threw), with the reason; null when setup was clean.</summary>
    public string? SetupFailure { get; set; }
}
