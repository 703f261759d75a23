using System.Globalization;

namespace ArchPgtable.Contracts.Generation;

/// <summary>One step applied to a mapped state.</summary>
/// <param name="Kind">What happens.</param>
/// <param name="Pick">Which present entry (modulo the number of present entries).</param>
/// <param name="Landing">For a hardware access to a block: which entry of the block takes the update.</param>
internal sealed record SetupEvent(SetupEventKind Kind, int Pick, int Landing)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Kind} pick {Pick} landing {Landing}");
}
