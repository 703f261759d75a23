using System.Globalization;

namespace ArchPgtable.Contracts.Generation;

/// <summary>
/// The call under test, in terms relative to the state it runs on (resolved once the state is
/// built, so that shrinking the state keeps the call valid).
/// </summary>
/// <param name="RunPick">Which run of present entries of one folio (modulo the number of runs).</param>
/// <param name="StartPick">Where in the run the range starts (modulo its length).</param>
/// <param name="LenPick">How many entries (1 + LenPick modulo what is left of the run).</param>
/// <param name="Flags">CYDP flags (1 young, 2 dirty, 3 both).</param>
/// <param name="Full">The <c>full</c> argument of the *_full helpers.</param>
/// <param name="Variant">Helper-specific choice (entry modifiers, set_pte_at vs set_ptes, young/dirty of a new entry).</param>
/// <param name="RaceTarget">The page a race-injected hardware access touches (around the range).</param>
/// <param name="RaceWrite">The injected access is a store.</param>
/// <param name="RaceLanding">Which entry of a block the injected update lands on.</param>
/// <param name="RaceSeed">Picks the interleaving points sampled when there are too many to enumerate.</param>
internal sealed record CallSpec(int RunPick, int StartPick, int LenPick, int Flags, bool Full, int Variant,
    int RaceTarget, bool RaceWrite, int RaceLanding, int RaceSeed)
{
    public CydpFlags Cydp => (CydpFlags)(Flags is >= 1 and <= 3 ? Flags : 3);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"run {RunPick} start {StartPick} len {LenPick} flags {Cydp} full {Full} variant {Variant} race {RaceTarget}/{(RaceWrite ? "w" : "r")}/{RaceLanding}/{RaceSeed}");
}
