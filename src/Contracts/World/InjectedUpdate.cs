namespace ArchPgtable.Contracts.World;

/// <summary>A hardware access injected between two PTE-word accesses of the helper under test.</summary>
/// <param name="Point">The helper's access it was injected before (0 = before the first).</param>
/// <param name="Page">The accessed page's table index.</param>
/// <param name="Target">The entry the walk evaluated (another entry of the page's block, possibly).</param>
/// <param name="Write">A store (sets dirty where the hardware does) rather than a load.</param>
/// <param name="Outcome">What the walk did.</param>
/// <param name="Before">The target word before.</param>
/// <param name="After">The target word after.</param>
internal readonly record struct InjectedUpdate(int Point, int Page, int Target, bool Write, HardwareOutcome Outcome, Pte Before, Pte After);
